import {
  appendixColumns,
  appendixRows,
  chineseNumeral,
  type EvaluationReport,
  type ExtraReportSection,
  type ReportSection,
  mayIssueReports,
} from '@gz/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.ts';
import { errorText, LoadError, PageSpin, Unavailable } from '../../components/errors.tsx';
import { useLocale } from '../../i18n/index.ts';
import { pick } from '../../i18n/messages.ts';
import { evaluationDocxUrl, evaluationWorkbookUrl } from './reportsApi.ts';
import { useIssueReport, useReport, useSaveSection } from './useReportQuery.ts';
import './report-print.css';
import { planYears } from '../../app/plan-years.ts';

/*
 * The official evaluation report (年度 / 中期 / 终期评估) as docs/evaluation-report.md describes it: front matter
 * (issuing unit, Chinese date, number, 征求意见稿 / 正式稿), the numbered sections drafted from the figures and
 * edited one by one, then the 附表 主要指标完成情况表 on a landscape page of its own. Printed portrait with page
 * numbers (第 N 页 共 M 页). The document itself is the official Chinese text; only the toolbar, which never
 * prints, follows the UI language.
 */

const UI = {
  back: { zh: '返回总览', en: 'Back to overview' },
  year: { zh: '评估年份', en: 'Year' },
  live: { zh: '查看实时数据', en: 'Show live data' },
  print: { zh: '打印 / 另存为PDF', en: 'Print / save as PDF' },
  xlsx: { zh: '下载XLSX', en: 'Download XLSX' },
  docx: { zh: '下载Word', en: 'Download Word' },
  issue: { zh: '出具报告', en: 'Issue report' },
  issuing: { zh: '正在出具…', en: 'Issuing…' },
  issued: { zh: '已出具', en: 'Issued' },
  draft: { zh: '实时草稿（未出具）', en: 'Live draft (not issued)' },
  editHint: {
    zh: '各部分由数据自动起草，可逐节修改并保存；打印、Word与出具内容即为保存的文字。出具后数据与正文即固定。',
    en: 'Each section is drafted from the figures; edit and save it section by section. Print, Word and the issued report use the saved text; issuing freezes data and text.',
  },
  save: { zh: '保存本节', en: 'Save section' },
  saved: { zh: '已保存', en: 'Saved' },
  reset: { zh: '恢复自动起草', en: 'Back to the draft' },
  edited: { zh: '（已修改）', en: '(edited)' },
  badYear: { zh: '评估年份无效', en: 'Invalid year' },
  confirmTitle: { zh: '出具前请确认', en: 'Confirm before issuing' },
  confirmGaps: { zh: '报告尚缺以下内容（约束性指标在前）：', en: 'The report still lacks (binding indicators first):' },
  confirmNoGaps: { zh: '各项数据、目标和原因说明齐全。', en: 'Every figure, target and reason is in.' },
  confirmFreeze: {
    zh: '出具后报告的数据和文字将固定，不能再修改。',
    en: 'Once issued, the figures and text are frozen.',
  },
  confirm: { zh: '确认出具', en: 'Issue now' },
  cancel: { zh: '取消', en: 'Cancel' },
  defaultUnit: { zh: '（默认出具单位，可在系统管理中设置）', en: '(default issuing unit; set it in admin)' },
} as const;

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

/** The body in print order: 总体评价, 主要指标完成情况, the extra sections (e.g. 重点任务落实情况), 存在的问题, 下一步建议. */
function bodySections(report: EvaluationReport): Array<ReportSection | ExtraReportSection> {
  return [...report.sections.slice(0, 2), ...report.extraSections, ...report.sections.slice(2)];
}

const isEditable = (s: ReportSection | ExtraReportSection): s is ReportSection => 'drafted' in s;

function ReportDocument({ report, live }: { report: EvaluationReport; live: boolean }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useSession().data?.role;
  const issue = useIssueReport(report.planId, report.year);
  const [confirming, setConfirming] = useState(false);
  const editable = report.issued === null && mayIssueReports(role);
  const years = planYears(report);
  const fm = report.frontMatter;
  const go = (year: number, showLive: boolean) =>
    void navigate(`/reports/${encodeURIComponent(report.planId)}/${year}${showLive ? '?live=true' : ''}`);

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
          <input type="checkbox" checked={live} onChange={(e) => go(report.year, e.target.checked)} />{' '}
          {pick(UI.live, locale)}
        </label>
        <span className={`report-state ${report.issued ? 'is-issued' : 'is-draft'}`} data-testid="report-state">
          {report.issued ? `${pick(UI.issued, locale)} #${report.issued.id}` : pick(UI.draft, locale)}
        </span>
        <span className="report-toolbar-spacer" />
        {editable && (
          <button
            type="button"
            className="report-button primary"
            disabled={issue.isPending}
            onClick={() => setConfirming(true)}
            data-testid="report-issue"
          >
            {pick(issue.isPending ? UI.issuing : UI.issue, locale)}
          </button>
        )}
        <a
          className="report-button"
          href={evaluationDocxUrl(report.planId, report.year, live)}
          download
          data-testid="report-docx"
        >
          {pick(UI.docx, locale)}
        </a>
        <a
          className="report-button"
          href={evaluationWorkbookUrl(report.planId, report.year, live)}
          download
          data-testid="report-xlsx"
        >
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
      {confirming && (
        <div
          className="report-confirm no-print"
          role="dialog"
          aria-modal="true"
          aria-labelledby="report-confirm-title"
          data-testid="issue-confirm"
        >
          <div className="report-confirm-box">
            <h2 id="report-confirm-title">{pick(UI.confirmTitle, locale)}</h2>
            {report.gaps.length === 0 ? (
              <p>{pick(UI.confirmNoGaps, locale)}</p>
            ) : (
              <>
                <p>{pick(UI.confirmGaps, locale)}</p>
                <ul className="report-gaps" data-testid="issue-gaps">
                  {report.gaps.map((g) => (
                    <li key={`${g.code}-${g.kind}`} data-kind={g.kind} data-attribute={g.attribute}>
                      {g.attribute === 'binding' && <span className="binding-mark">约束性</span>}
                      {g.name}：{g.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>{pick(UI.confirmFreeze, locale)}</p>
            <div className="report-confirm-actions">
              <button type="button" className="report-button" onClick={() => setConfirming(false)}>
                {pick(UI.cancel, locale)}
              </button>
              <button
                type="button"
                className="report-button primary"
                disabled={issue.isPending}
                data-testid="issue-confirm-ok"
                onClick={() => issue.mutate(undefined, { onSettled: () => setConfirming(false) })}
              >
                {pick(UI.confirm, locale)}
              </button>
            </div>
          </div>
        </div>
      )}

      <article className="report-document" lang="zh-CN">
        <header className="report-cover" data-testid="report-front-matter">
          <p className="report-draft-state" data-testid="report-draft-state">
            {fm.stateLabel}
          </p>
          <h1>{fm.title}</h1>
          <p className="report-meta">
            <span data-testid="report-issuing-unit">{fm.issuingUnit}</span>
            {fm.issuingUnitIsDefault && <span className="no-print muted"> {pick(UI.defaultUnit, locale)}</span>}
          </p>
          <p className="report-meta">{fm.dateText}</p>
          <p className="report-meta">
            {fm.reportNo === null ? '报告编号：出具时生成' : `报告编号：${fm.reportNo}`}
            {fm.issuerName !== null && (
              <span data-testid="report-issuer">
                　出具人：{fm.issuerName}（{fm.issuedAtText}）
              </span>
            )}
          </p>
        </header>

        {editable && <p className="report-hint no-print">{pick(UI.editHint, locale)}</p>}

        {bodySections(report).map((section, k) => (
          <section className="report-section" key={section.key} data-testid={`report-section-${section.key}`}>
            <h2>
              {chineseNumeral(k)}、{section.title}
              {isEditable(section) && section.edited && (
                <span className="no-print muted"> {pick(UI.edited, locale)}</span>
              )}
            </h2>
            {section.key === 'overall' && <EarlyWarningTable report={report} />}
            {editable && isEditable(section) ? (
              <SectionEditor report={report} section={section} />
            ) : (
              <Paragraphs text={section.text} />
            )}
          </section>
        ))}

        <Appendix report={report} />
      </article>
    </div>
  );
}

function Paragraphs({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`report-narrative ${className}`} data-testid="report-narrative">
      {text.split(/\n+/).map((paragraph, k) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text, rendered whole, never reordered
        paragraph.trim() === '' ? null : <p key={k}>{paragraph}</p>,
      )}
    </div>
  );
}

/** One section's editor: the text as saved, saved on its own; the print shows the saved text. */
function SectionEditor({ report, section }: { report: EvaluationReport; section: ReportSection }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const save = useSaveSection(report.planId, report.year);
  const [text, setText] = useState(section.text);
  const dirty = text !== section.text;
  return (
    <>
      <div className="no-print">
        <textarea
          className="report-narrative-editor"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(24, Math.max(5, Math.ceil(text.length / 60) + text.split('\n').length))}
          data-testid={`report-editor-${section.key}`}
          aria-label={section.title}
        />
        <div className="report-editor-actions">
          <button
            type="button"
            className="report-button"
            disabled={!dirty || save.isPending || text.trim() === ''}
            onClick={() => save.mutate({ key: section.key, text })}
            data-testid={`report-save-${section.key}`}
          >
            {pick(dirty ? UI.save : UI.saved, locale)}
          </button>
          {section.edited && (
            <button
              type="button"
              className="report-button"
              disabled={save.isPending}
              onClick={() => {
                setText(section.drafted);
                save.mutate({ key: section.key, text: null });
              }}
            >
              {pick(UI.reset, locale)}
            </button>
          )}
          {save.isError && <span className="report-error">{errorText(save.error, t)}</span>}
        </div>
      </div>
      <Paragraphs text={section.text} className="print-only" />
    </>
  );
}

/** Binding indicators leaders read first: yellow or red, and those with a pending target or no current figure. */
function EarlyWarningTable({ report }: { report: EvaluationReport }) {
  if (report.earlyWarning.length === 0) return <p data-testid="report-no-warning">约束性指标无预警。</p>;
  return (
    <div className="table-scroll">
      <table className="report-table compact" data-testid="report-warnings">
        <caption>约束性指标预警（{report.earlyWarning.length}项）</caption>
        <thead>
          <tr>
            <th>指标</th>
            <th>预警原因</th>
            <th>评价</th>
          </tr>
        </thead>
        <tbody>
          {report.earlyWarning.map((w) => (
            <tr key={w.code}>
              <td className="name">{w.name}</td>
              <td>{w.reasonLabel.zh}</td>
              <td className={`report-verdict colour-${w.reason === 'status' ? w.colour : 'grey'}`}>{w.label.zh}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Columns hidden on a phone so that the verdict stays in view: all but 指标, 目标值, the last year and 完成情况. */
function phoneHidden(column: number, total: number): boolean {
  const verdict = total - 2;
  const lastYear = total - 3;
  return !(column === 2 || column === 6 || column === lastYear || column === verdict);
}

/** 附表 主要指标完成情况表: every indicator in one table, on a landscape page of its own when printed. */
function Appendix({ report }: { report: EvaluationReport }) {
  const columns = appendixColumns(report);
  const rows = appendixRows(report);
  const cls = (k: number) => (phoneHidden(k, columns.length) ? 'col-optional' : '');
  return (
    <section className="report-appendix" data-testid="report-appendix">
      <h2>附表　主要指标完成情况表</h2>
      <table className="report-table appendix-table">
        <thead>
          <tr>
            {columns.map((c, k) => (
              <th key={c} className={cls(k)}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const cells = [
              String(r.no),
              r.category,
              r.name,
              r.unit,
              r.attribute,
              r.baselineText,
              r.targetText,
              ...r.actuals.map((a) => a.displayText ?? a.valueText ?? '—'),
            ];
            return (
              <tr key={r.no} data-testid="appendix-row">
                {cells.map((c, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns, never reordered
                  <td key={k} className={`${cls(k)} ${k === 2 ? 'name' : k >= 5 ? 'num' : ''}`}>
                    {c}
                  </td>
                ))}
                <td className={`report-verdict colour-${r.colour}`} data-testid="appendix-verdict">
                  {r.verdictText}
                </td>
                <td className="col-optional remark">{r.remark}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
