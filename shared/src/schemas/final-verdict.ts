import { z } from 'zod';

export const FINAL_VERDICTS = ['achieved', 'not_achieved', 'missing_data', 'target_pending', 'monitoring'] as const;
/** The verdict of a final evaluation (终期评估): was the target met in the target year? */
export type FinalVerdictKind = (typeof FINAL_VERDICTS)[number];
export const FinalVerdictKindSchema = z.enum(FINAL_VERDICTS).meta({ id: 'FinalVerdictKind' });

/** An indicator's final verdict, judged on the value of the target year T only. */
export const FinalVerdictSchema = z
  .object({
    verdict: FinalVerdictKindSchema,
    label: z
      .object({ zh: z.string(), en: z.string() })
      .describe('完成 / 超额完成 / 未完成 / 数据缺失 / 目标未下达 / 仅监测; 预计完成 / 预计未完成 when provisional'),
    provisional: z
      .boolean()
      .describe('true when judged on a preliminary or estimated value (any status other than final or revised)'),
    exceeded: z.boolean().describe("超额完成: beyond the target by more than the kind's tolerance"),
    year: z.number().int().describe('T: the target year the verdict is judged on'),
    value: z.number().finite().nullable().describe('the value of T; null when there is none'),
    dataStatus: z.string().nullable().describe('data status of the value of T'),
    context: z
      .object({ year: z.number().int(), value: z.number().finite() })
      .nullable()
      .describe('with missing_data: the latest earlier figure, shown as context and never judged'),
    rule: z.string().describe('the rule of the status method that decided it, e.g. level.achieved'),
    explanation: z.object({ zh: z.string(), en: z.string() }),
  })
  .meta({ id: 'FinalVerdict' });
export type FinalVerdict = z.infer<typeof FinalVerdictSchema>;
