import { zhCN } from './zh-CN.ts';

/** The API refusal codes that have a message of their own in the dictionaries (units, #14). */
export type ProblemCode = keyof typeof zhCN.problemCodes;

/** The dictionary key of a refusal code, or null when the UI shows the API's own detail. */
export function problemCodeKey(code: string): `problemCodes.${ProblemCode}` | null {
  return code in zhCN.problemCodes ? `problemCodes.${code as ProblemCode}` : null;
}
