import type { TargetSpec } from '@gz/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { indicators, targetVersions } from '../../db/schema.ts';

/** Target versions: data access only. */
export function createTargetsRepository(db: Db) {
  return {
    /** Appends a target version and makes it the indicator's target in force. Call inside a transaction. */
    setTarget(
      indicatorId: number,
      target: {
        spec: TargetSpec;
        text: string | null;
        note: string | null;
        documentNo: string;
        issuedOn: string;
        createdBy: number;
      },
    ) {
      const spec = JSON.stringify(target.spec);
      db.insert(targetVersions)
        .values({ indicatorId, ...target, spec })
        .run();
      db.update(indicators)
        .set({ targetSpec: spec, targetText: target.text, targetNote: target.note })
        .where(eq(indicators.id, indicatorId))
        .run();
    },
  };
}
export type TargetsRepository = ReturnType<typeof createTargetsRepository>;
