/**
 * The 2023 government work report's figures (seed 002): every yearly target loaded for a plan indicator quotes the
 * report's sentence exactly and its wording is in that sentence; the seven targets the report sets for plan
 * indicators are all there; no 2022 value is loaded from it (it reports none that is exactly a plan indicator).
 */
import {
  DOCUMENTED_ANNUAL_TARGETS,
  DOCUMENTED_OBSERVATIONS,
  GANZHOU_2021_2025,
  WORK_REPORT_2023_TARGET_SENTENCE,
} from '@gz/seeds';
import { describe, expect, test } from 'vitest';
import { sourceText } from '../helpers/sources.ts';

/** The report as one line: the PDF extraction breaks lines anywhere, and puts spaces around numbers. */
const TEXT = sourceText('002_b1c16f63db8304f6.txt').replace(/\n/g, '');
const squeeze = (s: string) => s.replace(/\s+/g, '');

const codes = new Set(GANZHOU_2021_2025.categories.flatMap((c) => c.indicators.map((i) => i.code)));

describe('the 2023 work report seed', () => {
  test('the quoted sentence is in the report, exactly', () => {
    expect(TEXT).toContain(WORK_REPORT_2023_TARGET_SENTENCE);
  });

  test.each(DOCUMENTED_ANNUAL_TARGETS.map((t) => [t.code, t.text, t] as const))('%s: %s', (code, text, t) => {
    expect(codes.has(code)).toBe(true);
    expect(t.year).toBe(2023);
    expect(t.source).toBe(`2023年赣州市政府工作报告：${WORK_REPORT_2023_TARGET_SENTENCE}`);
    expect(squeeze(WORK_REPORT_2023_TARGET_SENTENCE)).toContain(squeeze(text));
  });

  test('the seven targets for plan indicators, with their numbers', () => {
    expect(DOCUMENTED_ANNUAL_TARGETS.map((t) => [t.code, t.text, t.spec, t.basis])).toEqual([
      ['gdp', '增长7.5%左右', { kind: 'annual_rate', rate: 7.5 }, 'growth'],
      ['industrial_value_added_growth', '增长8.5%以上', { kind: 'annual_rate', rate: 8.5, tolerance: 0 }, 'value'],
      ['retail_sales', '增长8.5%以上', { kind: 'annual_rate', rate: 8.5, tolerance: 0 }, 'growth'],
      ['rural_income', '增长9.5%左右', { kind: 'annual_rate', rate: 9.5 }, 'growth'],
      ['fdi_actual', '稳中有进', { kind: 'qualitative', rule: 'rise' }, 'value'],
      ['exports', '稳中提质', { kind: 'qualitative', rule: 'stable_or_better' }, 'value'],
      ['energy_intensity_cut', '完成省下达任务', { kind: 'assigned' }, 'value'],
    ]);
  });

  test('no value is loaded from the work report', () => {
    expect(DOCUMENTED_OBSERVATIONS.filter((o) => o.source.includes('政府工作报告'))).toEqual([]);
  });
});

describe('loaded into the seeded plan', () => {
  test('GET /plans/ganzhou-2021-2025/annual-targets lists the seven 2023 targets with their source', async () => {
    const { ADMIN_PASSWORD, buildTestApp, login } = await import('../helpers/app.ts');
    const app = await buildTestApp();
    try {
      const { headers } = await login(app, 'admin', ADMIN_PASSWORD);
      const res = await app.inject({ method: 'GET', url: '/api/v1/plans/ganzhou-2021-2025/annual-targets', headers });
      const targets = (res.json() as Array<{ code: string; year: number; text: string; source: string }>).filter(
        (t) => t.year === 2023,
      );
      expect(targets.map((t) => t.code).sort()).toEqual([
        'energy_intensity_cut',
        'exports',
        'fdi_actual',
        'gdp',
        'industrial_value_added_growth',
        'retail_sales',
        'rural_income',
      ]);
      expect(targets.every((t) => t.source.endsWith(WORK_REPORT_2023_TARGET_SENTENCE))).toBe(true);
      // the 2023 report shows the worded ones without judging them
      const report = (
        await app.inject({ method: 'GET', url: '/api/v1/plans/ganzhou-2021-2025/evaluations/2023', headers })
      ).json() as {
        areas: Array<{ rows: Array<{ code: string; annualTarget: { text: string; status: string } | null }> }>;
      };
      const rows = report.areas.flatMap((a) => a.rows);
      expect(rows.find((r) => r.code === 'exports')?.annualTarget).toMatchObject({
        text: '稳中提质',
        status: 'monitoring',
      });
      expect(rows.find((r) => r.code === 'energy_intensity_cut')?.annualTarget).toMatchObject({
        status: 'target_pending',
      });
    } finally {
      await app.close();
    }
  }, 30_000);
});
