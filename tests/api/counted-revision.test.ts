import { createExchangeRepository } from '@gz/server/modules/exchange/exchange.repository.ts';
import { createIndicatorsRepository } from '@gz/server/modules/indicators/indicators.repository.ts';
import {
  createObservationsRepository,
  createReviewQueueQuery,
} from '@gz/server/modules/observations/observations.repository.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, PLAN_ID } from '../helpers/app.ts';

// GDP 2026 (after the target year, so no seeded value is there) gets four revisions:
// 1 approved 100, 2 approved 110, 3 pending 120, 4 returned 130 (entered in that order, ids growing).
const YEAR = 2026;

describe('the value that counts: one query, read the same by every caller', () => {
  let app: FastifyInstance;
  let ids: number[];
  let indicatorId: number;

  beforeAll(async () => {
    app = await buildTestApp();
    const indicators = createIndicatorsRepository(app.db);
    const observations = createObservationsRepository(app.db);
    indicatorId = indicators.requireByCode(PLAN_ID, 'gdp').id;
    const states = ['approved', 'approved', 'pending', 'returned'] as const;
    ids = states.map((state, i) => {
      const rev = observations.insert({
        indicatorId,
        year: YEAR,
        revisionNo: i + 1,
        valueText: String(100 + 10 * i),
        dataStatus: 'final',
        source: '统计公报',
        note: null,
        baseRevisionId: null,
        enteredBy: 1,
      });
      if (state !== 'pending') observations.setReview(rev.id, state, 1, null);
      return rev.id;
    });
  });
  afterAll(() => app.close());

  it('counts the newest approved revision (110), never a newer pending or returned one', () => {
    const indicators = createIndicatorsRepository(app.db);
    const observations = createObservationsRepository(app.db);
    expect(observations.counted(indicatorId, YEAR)?.valueText).toBe('110');
    expect(observations.counted(indicatorId, YEAR)?.id).toBe(ids[1]);
    const ofIndicator = indicators.countedRevisionsOf(indicatorId, false).find((r) => r.year === YEAR);
    expect(ofIndicator?.valueText).toBe('110');
    const ofPlan = indicators
      .countedRevisions(PLAN_ID, false)
      .find((r) => r.indicatorId === indicatorId && r.year === YEAR);
    expect(ofPlan?.id).toBe(ids[1]);
    expect(indicators.latestCountedYear(PLAN_ID, false)).toBe(YEAR);
    // exports, templates and imports read the whole plan at once: the same counted revision, and the newest of all
    const state = createExchangeRepository(app.db).yearStates(PLAN_ID).get(indicatorId)?.get(YEAR);
    expect(state?.counted?.id).toBe(ids[1]);
    expect(state?.latest?.id).toBe(ids[3]);
  });

  it('in a preview the newer pending revision (120) stands in; a returned one never does', () => {
    const indicators = createIndicatorsRepository(app.db);
    const ofIndicator = indicators.countedRevisionsOf(indicatorId, true).find((r) => r.year === YEAR);
    expect(ofIndicator?.valueText).toBe('120');
    expect(ofIndicator?.reviewState).toBe('pending');
    const ofPlan = indicators
      .countedRevisions(PLAN_ID, true)
      .find((r) => r.indicatorId === indicatorId && r.year === YEAR);
    expect(ofPlan?.id).toBe(ids[2]);
    expect(indicators.newestPendingOf(indicatorId).map((r) => [r.year, r.valueText])).toEqual([[YEAR, '120']]);
  });

  it('the review queue names the counted value each revision would replace (never itself)', () => {
    const queue = createReviewQueueQuery(app.db);
    const pending = queue('pending', PLAN_ID).filter((r) => r.year === YEAR);
    expect(pending.map((r) => [r.valueText, r.previousValueText])).toEqual([['120', '110']]);
    const approved = queue('approved', PLAN_ID).filter((r) => r.indicatorCode === 'gdp' && r.year === YEAR);
    // the counted one replaced the first; the first is shown against the one counting now
    expect(approved.map((r) => [r.valueText, r.previousValueText])).toEqual([
      ['100', '110'],
      ['110', '100'],
    ]);
    const returned = queue('returned', PLAN_ID).filter((r) => r.year === YEAR);
    expect(returned.map((r) => [r.valueText, r.previousId])).toEqual([['130', ids[1]]]);
  });
});
