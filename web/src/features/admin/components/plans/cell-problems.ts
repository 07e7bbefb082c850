import type { ApiError } from '../../../../api/client.ts';
import { MISSING } from '../../../../format/number.ts';

/** A problem of an imported workbook at its cell: `body.指标!M5` → sheet 指标, cell M5. */
export interface CellProblem {
  sheet: string;
  cell: string;
  message: string;
}

/** The problems an import refusal names, each at its sheet and cell. */
export function cellProblems(error: ApiError): CellProblem[] {
  return error.errors.map((e) => {
    const where = e.field.replace(/^body\.?/, '');
    const bang = where.indexOf('!');
    return bang < 0
      ? { sheet: MISSING, cell: where || MISSING, message: e.message }
      : { sheet: where.slice(0, bang), cell: where.slice(bang + 1), message: e.message };
  });
}
