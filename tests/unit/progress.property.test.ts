import {
  DEFAULT_THRESHOLDS,
  FIGURE_NAMES,
  ProgressSchema,
  STATUSES,
  TrajectorySchema,
  buildTrajectory,
  evaluateProgress,
  type Direction,
  type ProgressInput,
  type Status,
  type TargetSpec,
  type Thresholds,
} from '@gz/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

// Any finite double, including ±0, subnormals and ±Number.MAX_VALUE.
const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });
const direction = fc.constantFrom<Direction>(1, -1);

const targetSpec: fc.Arbitrary<TargetSpec> = fc.oneof(
  fc.record({ kind: fc.constant('level' as const), value: anyFinite }),
  fc.record(
    { kind: fc.constant('approx' as const), value: anyFinite, tolerance: nonNegative },
    { requiredKeys: ['kind', 'value'] },
  ),
  fc.record(
    { kind: fc.constant('annual_rate' as const), rate: anyFinite, tolerance: nonNegative },
    { requiredKeys: ['kind', 'rate'] },
  ),
  fc.record({
    kind: fc.constant('cumulative_reduction' as const),
    value: fc.double({ min: Number.MIN_VALUE, max: 100, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('floor' as const), value: anyFinite }),
  fc.record({ kind: fc.constant('maintain' as const), value: anyFinite }),
  fc.record(
    {
      kind: fc.constant('qualitative' as const),
      rule: fc.constantFrom('rise' as const, 'stable' as const, 'stable_or_better' as const),
      band: nonNegative,
    },
    { requiredKeys: ['kind', 'rule'] },
  ),
  fc.constant({ kind: 'assigned' as const }),
  fc.constant({ kind: 'none' as const }),
);

const thresholds: fc.Arbitrary<Thresholds> = fc.oneof(
  fc.constant(DEFAULT_THRESHOLDS),
  fc.record({
    ahead: anyFinite,
    onTrack: anyFinite,
    lagging: anyFinite,
    approxTolerancePct: nonNegative,
    annualRateTolerance: nonNegative,
    qualitativeBandPct: nonNegative,
  }),
);

/** Any input the API could pass: plan years around 2020, values anywhere in the finite doubles. */
const anyInput: fc.Arbitrary<ProgressInput> = fc
  .record({
    direction,
    t0: fc.integer({ min: 2015, max: 2025 }),
    span: fc.integer({ min: -2, max: 8 }), // T − t0, including degenerate plans
    evalOffset: fc.integer({ min: -3, max: 12 }),
    baselineValue: fc.option(anyFinite, { nil: null }),
    target: targetSpec,
    observations: fc.array(fc.record({ offset: fc.integer({ min: -2, max: 12 }), value: anyFinite }), { maxLength: 8 }),
    thresholds,
  })
  .map((r) => ({
    direction: r.direction,
    baseline: { year: r.t0, value: r.baselineValue },
    target: r.target,
    targetYear: r.t0 + r.span,
    observations: r.observations.map((o) => ({ year: r.t0 + o.offset, value: o.value })),
    evaluationYear: r.t0 + r.evalOffset,
    thresholds: r.thresholds,
  }));

describe('evaluateProgress is total', () => {
  test('any finite input: a known status, finite-or-null figures with reasons, a valid Progress', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const progress = evaluateProgress(input);
        expect(STATUSES).toContain(progress.status);
        for (const name of FIGURE_NAMES) {
          const { value, reason } = progress.figures[name];
          if (value === null) expect(reason).toBeTypeOf('string');
          else expect(Number.isFinite(value)).toBe(true);
        }
        expect(() => ProgressSchema.parse(progress)).not.toThrow();
        expect(`${progress.explanation.zh} ${progress.explanation.en}`).not.toMatch(/NaN|undefined|Infinity/);
      }),
      { numRuns: 1000 },
    );
  });

  test('buildTrajectory: every number finite or null, a valid Trajectory', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.array(fc.record({ year: fc.integer({ min: 2013, max: 2037 }), value: anyFinite }), { maxLength: 3 }),
        (input, pending) => {
          const trajectory = buildTrajectory(input, pending);
          expect(() => TrajectorySchema.parse(trajectory)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Severity for the monotonicity property: moving towards the target may only lower it. */
const SEVERITY: Record<Status, number> = {
  achieved: 0,
  ahead: 1,
  on_track: 2,
  lagging: 3,
  seriously_lagging: 4,
  regressing: 5,
  not_achieved: 5,
  target_pending: Number.NaN, // never produced for a level target with a value after the baseline
  monitoring: Number.NaN,
  insufficient_data: Number.NaN,
};

// Plausible magnitudes, so that x + λ(X − x) is a genuine step towards X.
const plausible = fc.double({ min: -1e9, max: 1e9, noNaN: true });

describe('level targets: moving the latest value towards the target never worsens the status', () => {
  test('x → x + λ(X − x), λ ∈ [0, 1]', () => {
    fc.assert(
      fc.property(
        direction,
        plausible,
        plausible,
        plausible,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 2022, max: 2027 }),
        thresholds,
        (d, x0, X, x, lambda, year, th) => {
          const base = {
            direction: d,
            baseline: { year: 2021, value: x0 },
            target: { kind: 'level' as const, value: X },
            targetYear: 2025,
            evaluationYear: year,
            thresholds: th,
          };
          // x + λ(X − x) can leave [x, X] by rounding (at subnormal magnitudes it can even land on 0): clamp it so the step is genuine.
          const closer = Math.min(Math.max(x + lambda * (X - x), Math.min(x, X)), Math.max(x, X));
          const before = evaluateProgress({ ...base, observations: [{ year, value: x }] });
          const after = evaluateProgress({ ...base, observations: [{ year, value: closer }] });
          expect(SEVERITY[after.status]).toBeLessThanOrEqual(SEVERITY[before.status]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('mirroring: d → −d with x0, X and every value negated gives the same status', () => {
  // Rate kinds are excluded: their values are rates of change, and the mean of negated rates is not the negated mean.
  const mirrorable = targetSpec.filter((t) => t.kind !== 'annual_rate' && t.kind !== 'cumulative_reduction');
  const negate = (t: TargetSpec): TargetSpec => ('value' in t ? { ...t, value: -t.value } : t);

  test('level, approx, floor, maintain, qualitative, assigned, none', () => {
    fc.assert(
      fc.property(anyInput, mirrorable, (input, target) => {
        const original = { ...input, target };
        const mirrored: ProgressInput = {
          ...original,
          direction: original.direction === 1 ? -1 : 1,
          baseline: {
            year: original.baseline.year,
            value: original.baseline.value === null ? null : -original.baseline.value,
          },
          target: negate(target),
          observations: original.observations.map((o) => ({ year: o.year, value: -o.value })),
        };
        const a = evaluateProgress(original);
        const b = evaluateProgress(mirrored);
        expect(b.status).toBe(a.status);
        expect(b.rule).toBe(a.rule);
      }),
      { numRuns: 1000 },
    );
  });
});
