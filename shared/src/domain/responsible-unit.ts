/*
 * The unit in charge of an indicator (责任单位): its lead unit (牵头单位) from the unit directory. Read through one
 * accessor so that reports and reasons name the same unit.
 */

/**
 * The name of the unit in charge of an indicator, or null when nobody is in charge yet. `unitName` looks a unit
 * code up in the directory; a code missing from it is shown as the code itself rather than hidden.
 */
export function responsibleUnitOf(
  indicator: { leadUnit: string | null },
  unitName: (code: string) => string | null | undefined,
): string | null {
  if (indicator.leadUnit === null) return null;
  return unitName(indicator.leadUnit) ?? indicator.leadUnit;
}

/**
 * The lead unit's name from an API indicator's `department` (the lead unit's name first, then the contributing
 * ones, joined by 、), for code that has the indicator reply but not the directory.
 */
export function leadUnitNameOf(indicator: { department?: string | null | undefined }): string | null {
  const first = indicator.department?.split('、')[0]?.trim();
  return first === undefined || first === '' ? null : first;
}
