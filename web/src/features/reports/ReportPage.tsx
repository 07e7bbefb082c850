import {
  baselineCellText,
  EVALUATION_CLASS_LABELS,
  EVALUATION_CLASSES,
  NO_FIGURE,
  targetCellText,
  type EvaluationArea,
  type EvaluationReport,
} from '@gz/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.ts';
import { errorText, LoadError, PageSpin, Unavailable } from '../../components/errors.tsx';
import { useLocale } from '../../i18n/index.ts';
import { pick } from '../../i18n/messages.ts';
import { evaluationWorkbookUrl } from './reportsApi.ts';
import { useIssueReport, useReport } from './useReportQuery.ts';
import './report-print.css';
import { planYears } from '../../app/plan-years.ts';

/*
 * The printable evaluation report (年度 / 中期 / 终期评估): the summary, the early-warning list and the
 * narrative on the first page, then each area's table on a page of its own. The document itself is the
 * official Chinese text; only the toolbar, which never prints, follows the UI language.
 */

const UI = {
  back: { zh: '返回总览', en: 'Back to overview' },
  year: { zh: '评估年份', en: 'Year' },
  live: { zh: '查看实时数据', en: 'Show live data' },
  print: { zh: '打印 / 另存为PDF', en: 'Print / save as PDF' },
  xlsx: { zh: '下载XLSX', en: 'Download XLSX' },
  issue: { zh: '出具报告', en: 'Issue report' },
  issuing: { zh: '正在出具…', en: 'Issuing…' },
  issued: { zh: '已出具', en: 'Issued' },
  draft: { zh: '实时草稿（未出具）', en: 'Live draft (not issued)' },
  editHint: {
    zh: '正文由数据自动起草，可在出具前修改；打印内容即为此处文字。出具后数据与正文即固定，XLSX导出与出具内容一致。',
    en: 'The narrative is drafted from the figures; edit it before issuing. Printing uses this text; once issued, data and text are frozen and the XLSX matches them.',
  },
  badYear: { zh: '评估年份无效', en: 'Invalid year' },
} as const;

const ISSUERS = new Set(['admin', 'reviewer']);

export function ReportPage() {
  const { planId = '', year: yearParam = '' } = useParams();
  const [params] = useSearchParams();
  const locale = useLocale();
  const year = Number(yearParam);
  const live = params.get('live') === 'true';
  const report = useReport(planId, year, live);
  if (!Number.isInteger(year)) return <Unavailable title={pick(UI.badYear, locale)} />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageSpin />;
  const key = `${planId}/${year}/${report.data.issued?.id ?? 'live'}`;
  return <ReportDocument key={key} report={report.data} live={live} />;
}

function ReportDocument({ report, live }: { report: EvaluationReport; live: boolean }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useSession().data?.role;
  const issue = useIssueReport(report.planId, report.year);
  const [narrative, setNarrative] = useState(report.narrative);
  const editable = report.issued === null && role !== undefined && ISSUERS.has(role);
  const years = planYears(report);
  const go = (year: number, showLive: boolean) => void navigate(`/reports/${encodeURIComponent(report.planId)}/${year}${showLive ? '?live=true' : ''}`);

  return (
    <div className="report-page">
      <div className="report-toolbar no-print" role="toolbar">
        <Link to={`/?plan=${encodeURIComponent(report.planId)}`}>{pick(UI.back, locale)}</Link>
        <label>
          {pick(UI.year, locale)}{' '}
          <select value={report.year} onChange={(e) => go(Number(e.target.value), live)} data-testid="report-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={live} onChange={(e) => go(report.year, e.target.checked)} /> {pick(UI.live, locale)}
        </label>
        <span className={`report-state ${report.issued ? 'is-issued' : 'is-draft'}`} data-testid="report-state">
          {report.issued ? `${pick(UI.issued, locale)} #${report.issued.id}` : pick(UI.draft, locale)}
        </span>
        <span className="report-toolbar-spacer" />
        {editable && (
          <button type="button" className="report-button primary" disabled={issue.isPending || narrative.trim() === ''} onClick={() => issue.mutate(narrative.trim())}>
            {pick(issue.isPending ? UI.issuing : UI.issue, locale)}
          </button>
        )}
        <a className="report-button" href={evaluationWorkbookUrl(report.planId, report.year, live)} download data-testid="report-xlsx">
          {pick(UI.xlsx, locale)}
        </a>
        <button type="button" className="report-button" onClick={() => window.print()} data-testid="report-print">
          {pick(UI.print, locale)}
        </button>
      </div>
      {issue.isError && (
        <p className="report-error no-print" role="alert">
          {errorText(issue.error, t)}
        </p>
      )}

      <article className="report-document" lang="zh-CN">
        <header className="report-cover">
          <h1>{report.title}</h1>
          <p className="report-meta">
            {report.kindLabel.zh} · 截至{report.year}年 · 规划期{report.baselineYear}—{report.targetYear}年 ·{' '}
            {report.issued
              ? `报告编号${report.issued.id}，${report.issued.createdBy ?? '系统'}于${report.issued.createdAt.slice(0, 10)}出具`
              : `实时数据（${report.generatedAt.slice(0, 10)}），尚未出具`}
          </p>
        </header>

        <section className="report-section">
          <h2>一、总体情况</h2>
          <ClassTable report={report} />
        </section>

        <section className="report-section">
          <h2>二、预警指标（约束性指标{report.earlyWarning.length}项）</h2>
          {report.earlyWarning.length === 0 ? (
            <p>约束性指标无预警。</p>
          ) : (
            <table className="report-table compact">
              <thead>
                <tr>
                  <th>指标</th>
                  <th>领域</th>
                  <th>评价</th>
                </tr>
              </thead>
              <tbody>
                {report.earlyWarning.map((w) => (
                  <tr key={w.code}>
                    <td>{w.name}</td>
                    <td>{w.category.name}</td>
                    <td className={`report-verdict colour-${w.colour}`}>{w.label.zh}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="report-section">
          <h2>三、评估意见</h2>
          {editable && (
            <div className="no-print">
              <p className="report-hint">{pick(UI.editHint, locale)}</p>
              <textarea
                className="report-narrative-editor"
                value={narrative}
                onChange={(e) => setNarrative(e.target.value)}
                rows={Math.max(8, narrative.split('\n').length + 4)}
                data-testid="report-narrative-editor"
              />
            </div>
          )}
          <div className={`report-narrative${editable ? ' print-only' : ''}`} data-testid="report-narrative">
            {narrative.split(/\n+/).map((paragraph, k) =>
              // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text, rendered whole, never reordered
              paragraph.trim() === '' ? null : <p key={k}>{paragraph}</p>,
            )}
          </div>
        </section>

        {report.areas.map((area, k) => (
          <AreaSection key={area.code} area={area} index={k} report={report} />
        ))}
      </article>
    </div>
  );
}

/** Counts by evaluation class: all indicators, binding, expected. */
function ClassTable({ report }: { report: EvaluationReport }) {
  const { binding, expected } = report.byAttribute;
  return (
    <table className="report-table compact" data-testid="report-classes">
      <thead>
        <tr>
          <th>评价分类</th>
          <th>全部指标</th>
          <th>约束性</th>
          <th>预期性</th>
        </tr>
      </thead>
      <tbody>
        {EVALUATION_CLASSES.map((c) => (
          <tr key={c}>
            <td>{EVALUATION_CLASS_LABELS[c].zh}</td>
            <td className="num">{report.byClass[c]}</td>
            <td className="num">{binding.byClass[c]}</td>
            <td className="num">{expected.byClass[c]}</td>
          </tr>
        ))}
        <tr className="total">
          <td>合计</td>
          <td className="num">{report.total}</td>
          <td className="num">{binding.total}</td>
          <td className="num">{expected.total}</td>
        </tr>
      </tbody>
    </table>
  );
}

const AREA_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** One area's table, on a page of its own when printed. */
function AreaSection({ area, index, report }: { area: EvaluationArea; index: number; report: EvaluationReport }) {
  const withTargets = report.annualTargets.total > 0;
  return (
    <section className="report-area" data-testid="report-area" data-area={area.code}>
      <h2>
        （{AREA_NUMERALS[index] ?? index + 1}）{area.name}
      </h2>
      <table className="report-table">
        <thead>
          <tr>
            <th>类别</th>
            <th className="name">指标</th>
            <th>单位</th>
            <th>基期值</th>
            <th>目标值</th>
            <th>属性</th>
            {report.years.map((y) => (
              <th key={y}>{y}年</th>
            ))}
            <th>完成进度</th>
            <th>序时进度</th>
            <th>评价</th>
            {withTargets && <th>年度目标</th>}
            {withTargets && <th>年度目标评价</th>}
          </tr>
        </thead>
        <tbody>
          {area.rows.map((row, k) => (
            <tr key={row.code}>
              {k === 0 && (
                <td rowSpan={area.rows.length} className="area-cell">
                  {area.name}
                </td>
              )}
              <td className="name">{row.name}</td>
              <td>{row.unit}</td>
              <td className="num">{baselineCellText(row, report.baselineYear)}</td>
              <td className="num">{targetCellText(row)}</td>
              <td>{row.attributeLabel}</td>
              {row.actuals.map((a) => (
                <td key={a.year} className="num">
                  {a.valueText ?? NO_FIGURE}
                </td>
              ))}
              <td className="num">{row.completionText}</td>
              <td className="num">{row.elapsedText}</td>
              <td className={`report-verdict colour-${row.colour}`} title={row.explanation.zh}>
                {row.label.zh}
              </td>
              {withTargets && <td>{row.annualTarget?.text ?? NO_FIGURE}</td>}
              {withTargets && <td className={row.annualTarget ? `report-verdict colour-${row.annualTarget.colour}` : ''}>{row.annualTarget?.label.zh ?? NO_FIGURE}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
