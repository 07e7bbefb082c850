/**
 * The value, or an Error naming what was missing: for lookups that cannot fail (a row just written, a
 * key taken from the same table). A broken invariant is a bug, answered as a 500 — never a client error.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`invariant broken: ${what} is missing`);
  return value;
}
