import { describe, expect, test } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import { fieldErrorsOf, specOf, specValues, type SpecValues } from '../../web/src/features/admin/form-values.ts';

/* The admin forms' conversions: typed target fields → the API's TargetSpec and back, API refusals → form fields. */

describe('specOf: a target as typed into the form, as the API takes it', () => {
  test.each<[string, SpecValues, unknown]>([
    ['GDP增长7.5%左右: a rate', { kind: 'annual_rate', value: '7.5' }, { kind: 'annual_rate', rate: 7.5 }],
    [
      '增长8.5%以上: a rate with no tolerance',
      { kind: 'annual_rate', value: '8.5', tolerance: '0' },
      { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
    ],
    ['full-width digits are read as digits', { kind: 'level', value: '７３００' }, { kind: 'level', value: 7300 }],
    [
      '52左右 with a tolerance typed with a Chinese full stop',
      { kind: 'approx', value: '52', tolerance: '1。5' },
      { kind: 'approx', value: 52, tolerance: 1.5 },
    ],
    [
      'an empty tolerance is no tolerance',
      { kind: 'approx', value: '52', tolerance: '' },
      { kind: 'approx', value: 52 },
    ],
    ['a floor', { kind: 'floor', value: '1.2' }, { kind: 'floor', value: 1.2 }],
    [
      'a qualitative rule, the number ignored',
      { kind: 'qualitative', value: '3', rule: 'stable' },
      { kind: 'qualitative', rule: 'stable' },
    ],
    ['按省下达 has no figure', { kind: 'assigned', value: '5' }, { kind: 'assigned' }],
  ])('%s', (_, values, spec) => {
    const parsed = specOf(values);
    expect(parsed.success && parsed.data).toEqual(spec);
  });

  test.each<[string, SpecValues, string]>([
    ['a word is no number', { kind: 'level', value: '五千' }, 'value'],
    ['a missing rate', { kind: 'annual_rate' }, 'rate'],
    ['a negative tolerance', { kind: 'approx', value: '52', tolerance: '-1' }, 'tolerance'],
    ['a qualitative target without its rule', { kind: 'qualitative' }, 'rule'],
  ])('refused: %s (at %s)', (_, values, path) => {
    const parsed = specOf(values);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});

describe('specValues: a stored target back into the form', () => {
  test.each<[string, Parameters<typeof specValues>[0], SpecValues]>([
    ['a rate', { kind: 'annual_rate', rate: 7.5 }, { kind: 'annual_rate', value: '7.5', tolerance: undefined }],
    [
      'a rate with its tolerance',
      { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
      { kind: 'annual_rate', value: '8.5', tolerance: '0' },
    ],
    ['a level', { kind: 'level', value: 5500 }, { kind: 'level', value: '5500', tolerance: undefined }],
    ['a qualitative rule', { kind: 'qualitative', rule: 'rise' }, { kind: 'qualitative', rule: 'rise' }],
    ['no target', { kind: 'none' }, { kind: 'none' }],
  ])('%s', (_, spec, values) => {
    expect(specValues(spec)).toEqual(values);
    // and the form's values give the same target back
    expect(specOf(values).data).toEqual(spec);
  });
});

describe('fieldErrorsOf: an API refusal at the form fields', () => {
  const refusal = new ApiError(400, 'validation_failed', 'Bad Request', [
    { field: 'body.baseline.year', message: 'must come before the target year 2030' },
    { field: 'body.baseline.valueText', message: 'a decimal number' },
    { field: 'body.target.spec.value', message: 'Invalid input' },
    { field: 'body.thresholds.onTrack', message: 'onTrack must not exceed ahead' },
    { field: 'query.plan', message: 'unknown plan' },
  ]);

  test('the longest mapped path wins; unmapped fields are left for the caller', () => {
    const fieldOf = {
      baseline: 'baselineValue',
      'baseline.year': 'baselineYear',
      target: 'value',
      'thresholds.onTrack': 'onTrack',
    };
    expect(fieldErrorsOf(refusal, fieldOf)).toEqual([
      { name: 'baselineYear', errors: ['must come before the target year 2030'] },
      { name: 'baselineValue', errors: ['a decimal number'] },
      { name: 'value', errors: ['Invalid input'] },
      { name: 'onTrack', errors: ['onTrack must not exceed ahead'] },
    ]);
  });

  test('a path parameter maps like a body field; a prefix must end at a dot', () => {
    const yearRefused = new ApiError(400, 'validation_failed', 'Bad Request', [
      { field: 'params.year', message: 'a yearly target lies in the plan period, 2022–2025' },
    ]);
    expect(fieldErrorsOf(yearRefused, { year: 'year' })).toEqual([
      { name: 'year', errors: ['a yearly target lies in the plan period, 2022–2025'] },
    ]);
    expect(fieldErrorsOf(yearRefused, { ye: 'year' })).toEqual([]);
  });

  test('anything but an ApiError places nothing', () => {
    expect(fieldErrorsOf(new Error('offline'), { value: 'value' })).toEqual([]);
  });
});
