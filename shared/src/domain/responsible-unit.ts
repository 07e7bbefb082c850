/*
 * The unit in charge of an indicator (责任单位), read through one accessor: the free-text department today; when
 * departments become unit codes (the UNITS work) only this function changes.
 */

/** The name of the unit in charge of an indicator, or null when none is recorded. */
export function responsibleUnitOf(indicator: { department?: string | null | undefined }): string | null {
  const name = indicator.department?.trim();
  return name === undefined || name === '' ? null : name;
}
