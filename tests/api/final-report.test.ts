/**
 * The official final report (issue #11) through the API, on the fixture plan of tests/helpers/evaluation-fixture.ts:
 * front matter with the issuing unit (a setting, default marked), the four sections drafted and edited per section,
 * reasons from the responsible unit reviewed and quoted, what is missing (binding first), the issuer's display name,
 * the .docx opened again (headings, the 附表 with one row per indicator and the exact figures).
 */
import type { EvaluationReport, IndicatorReason, Settings } from '@gz/shared';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, signIn, type Session } from '../helpers/app.ts';
import { FIXTURE_PLAN_ID, loadFixturePlan } from '../helpers/evaluation-fixture.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
const BASE = `/api/v1/plans/${FIXTURE_PLAN_ID}`;

/** The visible text of each paragraph of word/document.xml, with its style. */
async function docxParagraphs(payload: Buffer): Promise<Array<{ style: string | null; text: string }>> {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));
}

describe('the official final report', () => {
  let app: App;
  let admin: Session;
  let reviewer: Session;
  let editor: Session;
  beforeAll(async () => {
    app = await buildTestApp();
    admin = await login(app, 'admin', ADMIN_PASSWORD);
    reviewer = await signIn(app, 'rita', 'reviewer');
    editor = await signIn(app, 'eddie', 'editor', ['commerce']);
    await loadFixturePlan(app, admin, reviewer);
    // the unit in charge of retail (the fixture leaves units blank): 市商务局
    app.db.$client
      .prepare(`UPDATE indicators SET lead_unit = 'commerce' WHERE plan_id = ? AND code = 'retail'`)
      .run(FIXTURE_PLAN_ID);
  });
  afterAll(() => app.close());

  const get = (url: string, who: Session = reviewer) => app.inject({ method: 'GET', url, headers: who.headers });

  test('front matter: the default issuing unit marked as default, a Chinese date, 征求意见稿 until issued', async () => {
    const report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report.frontMatter).toMatchObject({
      title: '测试规划终期评估报告（2025年）',
      issuingUnit: '赣州市发展和改革委员会',
      issuingUnitIsDefault: true,
      reportNo: null,
      state: 'draft',
      stateLabel: '征求意见稿',
      issuerName: null,
    });
    expect(report.frontMatter.dateText).toMatch(/^20\d\d年\d{1,2}月\d{1,2}日$/);
    expect(report.sections.map((s) => s.title)).toEqual(['总体评价', '主要指标完成情况', '存在的问题', '下一步建议']);
    // the ledger's section (issue 12) follows 主要指标完成情况 in every output
    expect(report.extraSections.map((s) => [s.key, s.title])).toEqual([['key_tasks', '重点任务落实情况']]);
  });

  test('the issuing unit is an admin setting; null goes back to the default', async () => {
    expect(expectStatus<Settings>(await get('/api/v1/settings'), 200).issuingUnit).toEqual({
      value: '赣州市发展和改革委员会',
      isDefault: true,
    });
    const denied = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: reviewer.headers,
      payload: { issuingUnit: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const set = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: admin.headers,
      payload: { issuingUnit: '赣州市发展改革委评估处' },
    });
    expect(expectStatus<Settings>(set, 200).issuingUnit).toEqual({ value: '赣州市发展改革委评估处', isDefault: false });
    expect(expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200).frontMatter.issuingUnit).toBe(
      '赣州市发展改革委评估处',
    );
    await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: admin.headers,
      payload: { issuingUnit: null },
    });
    expect(expectStatus<Settings>(await get('/api/v1/settings'), 200).issuingUnit.isDefault).toBe(true);
  });

  test('what is missing: binding indicators first, then reasons not yet given', async () => {
    const { gaps } = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    // binding: water (target pending), pension (latest 2023); expected: beds (latest 2024)
    expect(gaps.filter((g) => g.kind !== 'reason_missing').map((g) => [g.code, g.kind, g.text])).toEqual([
      ['water', 'target_pending', '目标未下达'],
      ['pension', 'missing_data', '数据缺失（最近为2023年数据）'],
      ['beds', 'missing_data', '数据缺失（最近为2024年数据）'],
    ]);
    // problem rows (未完成 or 数据缺失) without a reason: energy_cut, coverage, pension (binding), then retail, beds, childcare
    expect(gaps.filter((g) => g.kind === 'reason_missing').map((g) => g.code)).toEqual([
      'energy_cut',
      'coverage',
      'pension',
      'retail',
      'beds',
      'childcare',
    ]);
    expect(gaps.find((g) => g.code === 'retail' && g.kind === 'reason_missing')?.text).toBe('市商务局尚未报送原因说明');
  });

  test('the summary counts final verdicts from the target year on (by hand: see FIXTURE_FINAL_NARRATIVE_API)', async () => {
    const summary = expectStatus<{ finalTally: unknown }>(await get(`${BASE}/summary?year=2025`), 200);
    expect(summary.finalTally).toMatchObject({
      all: {
        total: 11,
        achieved: 3,
        exceeded: 1,
        notAchieved: 4,
        missingData: 2,
        targetPending: 1,
        monitoring: 1,
        provisional: 0,
      },
      binding: { total: 5, achieved: 1, notAchieved: 2, missingData: 1, targetPending: 1 },
    });
    expect(expectStatus<{ finalTally: unknown }>(await get(`${BASE}/summary?year=2024`), 200).finalTally).toBeNull();
  });

  test('at plan end an older figure is context, never a result: 数据缺失 with the latest figure named', async () => {
    const report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report.sections[2]?.text).toContain(
      '基本养老保险参保率：基本养老保险参保率2025年数据缺失（目标95，最近为2023年的94%）。',
    );
  });

  test('the unit gives its reason; reviewed like values; quoted in 存在的问题 attributed to the unit', async () => {
    const url = `${BASE}/indicators/retail/reasons/2025`;
    const payload = { reason: '消费市场恢复不及预期', measures: '开展促消费活动，培育新型消费' };
    // another unit's editor may not
    const other = await signIn(app, 'otto', 'editor', ['stats']);
    expect((await app.inject({ method: 'PUT', url, headers: other.headers, payload })).statusCode).toBe(403);
    const entered = expectStatus<IndicatorReason>(
      await app.inject({ method: 'PUT', url, headers: editor.headers, payload }),
      201,
    );
    expect(entered).toMatchObject({
      code: 'retail',
      year: 2025,
      reviewState: 'pending',
      unitName: '市商务局',
      enteredBy: 'eddie',
    });
    // pending: not quoted yet
    let report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report.sections[2]?.text).toContain(
      '社会消费品零售总额：社会消费品零售总额2025年为280亿元，距目标300差20亿元，未完成。市商务局尚未报送原因说明。',
    );
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/reasons/${entered.id}/approve`,
      headers: reviewer.headers,
    });
    expect(expectStatus<IndicatorReason>(approved, 200).reviewState).toBe('approved');
    report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report.sections[2]?.text).toContain('市商务局说明：“消费市场恢复不及预期”');
    expect(report.sections[3]?.text).toContain('社会消费品零售总额：市商务局提出，开展促消费活动，培育新型消费');
    expect(report.gaps.some((g) => g.code === 'retail' && g.kind === 'reason_missing')).toBe(false);
    const audit = app.db.$client
      .prepare(`SELECT action FROM audit_log WHERE entity_type = 'indicator_reason' ORDER BY id`)
      .all() as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['reason.submit', 'reason.approve']);
  });

  test('a section is edited on its own; the others stay drafted', async () => {
    const saved = await app.inject({
      method: 'PUT',
      url: `${BASE}/evaluations/2025/draft`,
      headers: reviewer.headers,
      payload: { sections: { suggestions: '建议加快补齐数据短板。' } },
    });
    const report = expectStatus<EvaluationReport>(saved, 200);
    expect(report.sections.map((s) => s.edited)).toEqual([false, false, false, true]);
    expect(report.sections[3]?.text).toBe('建议加快补齐数据短板。');
    expect(report.sections[0]?.text).toContain('11项主要指标中，完成3项（其中超额完成1项）');
  });

  test('the .docx: front matter, real headings, the 附表 with one row per indicator and the exact figures', async () => {
    const res = await get(`${BASE}/evaluations/2025.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const paragraphs = await docxParagraphs(res.rawPayload);
    const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toEqual([
      '一、总体评价',
      '二、主要指标完成情况',
      '三、重点任务落实情况',
      '四、存在的问题',
      '五、下一步建议',
      '附表　主要指标完成情况表',
    ]);
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe('测试规划终期评估报告（2025年）');
    expect(paragraphs.some((p) => p.text === '征求意见稿')).toBe(true);
    expect(paragraphs.some((p) => p.text === '建议加快补齐数据短板。')).toBe(true);

    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t);
    expect(tables).toHaveLength(1);
    const rows = [...(tables[0] ?? '').matchAll(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g)].map(([r]) => ({
      header: r.includes('<w:tblHeader'),
      cells: [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([c]) =>
        [...c.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      ),
    }));
    expect(rows).toHaveLength(12); // the header and 11 indicators
    expect(rows[0]?.header).toBe(true);
    expect(rows[0]?.cells).toEqual([
      '序号',
      '类别',
      '指标',
      '单位',
      '属性',
      '基期值',
      '目标值',
      '2021年',
      '2022年',
      '2023年',
      '2024年',
      '2025年',
      '完成情况',
      '备注',
    ]);
    expect(rows[1]?.cells).toEqual([
      '1',
      '经济发展',
      'GDP',
      '亿元',
      '预期性',
      '100',
      '150',
      '110',
      '120',
      '130',
      '—',
      '155',
      '超额完成',
      '来源：测试数据',
    ]);
    expect(rows.find((r) => r.cells[2] === '社会消费品零售总额')?.cells.slice(11, 13)).toEqual(['280', '未完成']);
    expect(rows.find((r) => r.cells[2] === '地表水达到或好于Ⅲ类水体比例')?.cells[12]).toBe('目标未下达');
    // page numbers in the footers; the 附表 in a landscape section
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)?.async('string')),
    );
    expect(footers.some((f) => f?.includes('PAGE') && f.includes('NUMPAGES') && f.includes('第 '))).toBe(true);
    expect(xml).toContain('w:orient="landscape"');
  });

  test('issued: 正式稿, numbered, the issuer by display name in CST, frozen', async () => {
    const named = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/2',
      headers: admin.headers,
      payload: { displayName: '李丽' },
    });
    expect(expectStatus<{ displayName: string }>(named, 200).displayName).toBe('李丽');
    reviewer = await login(app, 'rita'); // a changed user signs in again
    const issued = expectStatus<EvaluationReport>(
      await app.inject({
        method: 'POST',
        url: `${BASE}/evaluations`,
        headers: reviewer.headers,
        payload: { year: 2025 },
      }),
      201,
    );
    expect(issued.frontMatter).toMatchObject({
      state: 'issued',
      stateLabel: '正式稿',
      issuerName: '李丽',
      reportNo: `评估报告〔2025〕第${issued.issued?.id}号`,
    });
    expect(issued.issued?.createdByName).toBe('李丽');
    expect(issued.frontMatter.issuedAtText).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
    expect(issued.sections[3]?.text).toBe('建议加快补齐数据短板。');
    // later edits of the draft do not change the issued report
    await app.inject({
      method: 'PUT',
      url: `${BASE}/evaluations/2025/draft`,
      headers: reviewer.headers,
      payload: { sections: { suggestions: '改过了' } },
    });
    const again = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(again.sections[3]?.text).toBe('建议加快补齐数据短板。');
  });
});
