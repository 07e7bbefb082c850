import { DOCUMENTED_OBSERVATIONS, GANZHOU_2021_2025 } from '@gz/seeds';
import { and, eq, isNotNull } from 'drizzle-orm';
import { createPlansRepository } from '../modules/plans/plans.repository.ts';
import type { Db } from './client.ts';
import { loadLedgerSeeds } from './ledger-seed.ts';
import { indicators, observationRevisions, plans } from './schema.ts';

const SEED_PLANS = [GANZHOU_2021_2025];

/**
 * Loads each official plan table the first time the database meets it, with the figures the
 * documents themselves report (approved: they are published numbers). A plan already present is
 * left alone, so a restart adds nothing; corrections to loaded data ship as migrations.
 * Returns the ids of the plans loaded now.
 */
export function loadSeeds(db: Db): string[] {
  const repo = createPlansRepository(db);
  const loaded: string[] = [];
  for (const plan of SEED_PLANS) {
    db.transaction((tx) => {
      if (tx.select({ id: plans.id }).from(plans).where(eq(plans.id, plan.id)).get()) return;
      const ids = repo.insertDefinition(plan, 'published');
      // the seeded indicator→unit assignments are defaults this project chose: marked as such
      tx.update(indicators)
        .set({ assignmentSource: 'seed_default' })
        .where(and(eq(indicators.planId, plan.id), isNotNull(indicators.leadUnit)))
        .run();
      for (const obs of DOCUMENTED_OBSERVATIONS.filter((o) => o.planId === plan.id)) {
        const indicatorId = ids.get(obs.code);
        if (indicatorId === undefined) throw new Error(`seed observation for unknown indicator ${obs.code}`);
        tx.insert(observationRevisions)
          .values({
            indicatorId,
            year: obs.year,
            revisionNo: 1,
            valueText: obs.valueText,
            dataStatus: obs.dataStatus,
            source: obs.source,
            note: obs.note,
            reviewState: 'approved',
          })
          .run();
      }
      loaded.push(plan.id);
    });
  }
  // the measures ledger (issue 12): documents, default links, 专栏 key projects
  loadLedgerSeeds(db);
  return loaded;
}
