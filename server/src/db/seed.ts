import { DOCUMENTED_ANNUAL_TARGETS, DOCUMENTED_OBSERVATIONS, GANZHOU_2021_2025 } from '@gz/seeds';
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

/**
 * The yearly targets source documents set (the 2023 work report's), each added once when its plan and indicator
 * exist and the indicator has no target of that year yet: run at every start, so a database loaded before they
 * shipped gets them too, and a target an admin has set is never overwritten. Returns how many were added.
 */
export function loadSeedAnnualTargets(db: Db): number {
  const indicatorId = db.$client.prepare<[string, string], { id: number }>(
    'SELECT id FROM indicators WHERE plan_id = ? AND code = ?',
  );
  const has = db.$client.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM annual_targets WHERE indicator_id = ? AND year = ?',
  );
  const insert = db.$client.prepare<[number, number, string, string, string, string]>(
    'INSERT INTO annual_targets (indicator_id, year, spec, text, source, basis) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let added = 0;
  db.$client.transaction(() => {
    for (const t of DOCUMENTED_ANNUAL_TARGETS) {
      const id = indicatorId.get(t.planId, t.code)?.id;
      if (id === undefined || (has.get(id, t.year)?.n ?? 0) > 0) continue;
      insert.run(id, t.year, JSON.stringify(t.spec), t.text, t.source, t.basis);
      added += 1;
    }
  })();
  return added;
}
