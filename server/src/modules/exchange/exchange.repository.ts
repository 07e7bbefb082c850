import type { Db } from '../../db/client.ts';
import { imports } from '../../db/schema.ts';
import { countedRevisionIds } from '../indicators/counted-revision.ts';
import type { NewRevision, StoredRevision } from '../observations/observations.repository.ts';

/** What an indicator-year holds: the value that counts (newest approved revision) and the newest revision. */
export interface YearState {
  counted: StoredRevision | undefined;
  latest: StoredRevision | undefined;
}

/** A pending revision an import appends (the review columns start empty): every column given, the import's id too. */
export type ImportedRevision = Required<NewRevision> & { importId: number };

/** The states of a plan's indicator-years, by indicator id, then year. */
export type YearStates = ReadonlyMap<number, ReadonlyMap<number, YearState>>;

const STORED_REVISION_COLUMNS = `r.id, r.indicator_id AS indicatorId, r.year, r.revision_no AS revisionNo,
  r.value_text AS valueText, r.data_status AS dataStatus, r.source, r.note, r.review_state AS reviewState,
  r.base_revision_id AS baseRevisionId, r.entered_by AS enteredBy, r.entered_at AS enteredAt,
  r.reviewed_by AS reviewedBy, r.reviewed_at AS reviewedAt, r.review_note AS reviewNote, r.import_id AS importId,
  r.qualifier, r.growth_rate_text AS growthRateText`;

/** The record of committed imports: data access only. */
export function createExchangeRepository(db: Db) {
  // SPEED (#13): one query for the whole plan instead of two per indicator × year (an export, an import)
  // whether each revision is the value that counts comes from the one counted-revision rule
  // an import needs only the years its file names (years: a JSON array); an export all of them (years: null)
  const revisionsOfPlan = db.$client.prepare<
    [{ planId: string; years: string | null }],
    StoredRevision & { counts: 0 | 1 }
  >(
    `SELECT ${STORED_REVISION_COLUMNS},
       r.id IN (${countedRevisionIds({ planId: '@planId' }, { includePending: false })}) AS counts
     FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id
     WHERE i.plan_id = @planId AND (@years IS NULL OR r.year IN (SELECT value FROM json_each(@years)))
     ORDER BY r.indicator_id, r.year, r.revision_no`,
  );
  // SPEED (#13): an import appends thousands of revisions; a plain statement, the new id from the run
  const insertRevision = db.$client.prepare<[ImportedRevision]>(
    `INSERT INTO observation_revisions (indicator_id, year, revision_no, value_text, data_status, source, note,
       review_state, base_revision_id, entered_by, import_id, qualifier, growth_rate_text)
     VALUES (@indicatorId, @year, @revisionNo, @valueText, @dataStatus, @source, @note,
       'pending', @baseRevisionId, @enteredBy, @importId, @qualifier, @growthRateText)`,
  );
  const lockedYears = db.$client.prepare<[string], { year: number }>('SELECT year FROM year_locks WHERE plan_id = ?');
  return {
    /**
     * Every indicator-year of a plan with revisions: the value that counts (countedRevisionIds, the one rule) and
     * the newest revision of any state (as observations.latest), in one query; with `years`, of those years only.
     */
    yearStates(planId: string, years?: readonly number[]): YearStates {
      const states = new Map<number, Map<number, YearState>>();
      const rows = revisionsOfPlan.all({ planId, years: years === undefined ? null : JSON.stringify(years) });
      for (const { counts, ...rev } of rows) {
        let years = states.get(rev.indicatorId);
        if (years === undefined) {
          years = new Map();
          states.set(rev.indicatorId, years);
        }
        const state = years.get(rev.year) ?? { counted: undefined, latest: undefined };
        state.latest = rev;
        if (counts === 1) state.counted = rev;
        years.set(rev.year, state);
      }
      return states;
    },
    /** The locked years of a plan. */
    lockedYears: (planId: string): Set<number> => new Set(lockedYears.all(planId).map((l) => l.year)),
    /** Records one committed import; its revisions carry the returned id. Call inside the import's transaction. */
    recordImport: (values: {
      userId: number;
      filename: string | null;
      format: 'xlsx' | 'csv';
      rowCount: number;
    }): number => db.insert(imports).values(values).returning({ id: imports.id }).get().id,
    /** Appends one pending revision of an import; its id. Call inside the import's transaction. */
    insertRevision: (values: ImportedRevision): number => Number(insertRevision.run(values).lastInsertRowid),
    /** The name of each unit, by code (for the title lines of a unit's template). */
    unitNames: (): Map<string, string> =>
      new Map(
        db.$client
          .prepare<[], { code: string; name: string }>('SELECT code, name FROM units')
          .all()
          .map((u) => [u.code, u.name]),
      ),
  };
}
export type ExchangeRepository = ReturnType<typeof createExchangeRepository>;
