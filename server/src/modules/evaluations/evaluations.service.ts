import {
  draftSections,
  frontMatterOf,
  REPORT_SECTION_KEYS,
  reportGaps,
  resolveSections,
  type EvaluationSnapshot as Snapshot,
  type ExtraReportSection,
  type ReportDraftWrite,
  type ReportSectionKey,
  buildEvaluationReport,
  EvaluationSnapshotSchema,
  type EvaluationIndicatorInput,
  type EvaluationIssue,
  type EvaluationReport,
  type EvaluationSnapshot,
  type ReportListItem,
  type ValueQualifier,
} from '@gz/shared';
import { DEFAULT_ISSUING_UNIT, type QuotedReason } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { invalidField, notFound, problem } from '../../lib/problem.ts';
import type { AnnualTargetsRepository } from '../annual-targets/annual-targets.repository.ts';
import { toAnnualTargetRecord } from '../annual-targets/annual-targets.service.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { EvaluationsRepository, ReportRow } from './evaluations.repository.ts';
import type { Actor } from '../../plugins/auth.ts';

/** Fills the fields a report issued before final verdicts and stale marks existed lacks, from what it has. */
function upgradeSnapshot(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const snap = raw as { finalTally?: unknown; areas?: Array<{ rows?: Array<Record<string, unknown>> }> };
  for (const area of snap.areas ?? []) {
    for (const row of area.rows ?? []) {
      const label = row.label as { zh: string; en: string } | undefined;
      row.basisYear ??= row.latestYear ?? null;
      row.stale ??= false;
      row.statusText ??= label;
      row.finalVerdict ??= null;
      row.verdictText ??= label?.zh ?? '';
      row.responsibleUnit ??= null;
      row.remark ??= '';
    }
  }
  snap.finalTally ??= null;
  const rec = snap as Record<string, unknown>;
  rec.reasons ??= [];
  rec.issuedSections ??= null;
  rec.issuedUnit ??= null;
  rec.issuedExtraSections ??= null;
  return snap;
}

/** The settings and extra sections a report reads besides its figures. */
export interface ReportContext {
  issuingUnit: () => { value: string; isDefault: boolean };
  /** optional sections other modules provide for a plan-year (e.g. 重点任务落实情况); none by default */
  extraSections?: (planId: string, year: number) => ExtraReportSection[];
}

/** Only the known section keys with text, from a stored draft. */
function editsOf(raw: Record<string, string>): Partial<Record<ReportSectionKey, string>> {
  const edits: Partial<Record<ReportSectionKey, string>> = {};
  for (const key of REPORT_SECTION_KEYS) if (typeof raw[key] === 'string') edits[key] = raw[key];
  return edits;
}

/** An issued report as the API returns it: the frozen snapshot, sections and unit, with who issued it and when. */
function fromRow(row: ReportRow, context: ReportContext): EvaluationReport {
  const snapshot: Snapshot = EvaluationSnapshotSchema.parse(upgradeSnapshot(JSON.parse(row.snapshot)));
  const drafted = draftSections(snapshot);
  // A report issued before sections existed prints its narrative as its 总体评价.
  const sections = snapshot.issuedSections ?? resolveSections(drafted, { overall: row.narrative });
  return {
    ...snapshot,
    narrative: row.narrative,
    issued: { id: row.id, createdBy: row.createdBy, createdByName: row.createdByName, createdAt: row.createdAt },
    frontMatter: frontMatterOf({
      title: snapshot.title,
      issuingUnit:
        snapshot.issuedUnit === null ? context.issuingUnit() : { value: snapshot.issuedUnit, isDefault: false },
      issued: { id: row.id, year: row.year, createdByName: row.createdByName, createdAt: row.createdAt },
      now: row.createdAt,
    }),
    sections,
    // frozen with the report: a report issued before extra sections existed has none
    extraSections: snapshot.issuedExtraSections ?? [],
    gaps: reportGaps(snapshot),
  };
}

/**
 * Evaluation reports (年度 / 中期 / 终期评估) of a plan: computed live from the counted values with the shared
 * progress method, or read back exactly as issued. Issuing freezes the whole report (values, statuses,
 * narrative, who and when), so a report issued last month reads the same after later revisions.
 */
export function createEvaluationsService(deps: {
  db: Db;
  repo: EvaluationsRepository;
  indicators: IndicatorsService;
  indicatorsRepo: IndicatorsRepository;
  annualTargets: AnnualTargetsRepository;
  audit: AuditRepository;
  /** the responsible units' approved reasons of a plan-year, quoted by the report */
  quotedReasons?: (planId: string, year: number) => QuotedReason[];
  context?: ReportContext;
}) {
  const { db, repo, audit } = deps;
  const context: ReportContext = deps.context ?? {
    issuingUnit: () => ({ value: DEFAULT_ISSUING_UNIT, isDefault: true }),
  };
  const fromRowWith = (row: ReportRow) => fromRow(row, context);

  /** Reports cover the plan period: from the year after the baseline to the target year. */
  function checkYear(plan: PlanRow, year: number, field: string): void {
    if (year <= plan.baselineYear || year > plan.targetYear) {
      throw invalidField(
        field,
        `an evaluation year lies in the plan period, ${plan.baselineYear + 1}–${plan.targetYear}`,
      );
    }
  }

  /** The report's figures as the data stands now. */
  function snapshotOf(plan: PlanRow, year: number): EvaluationSnapshot {
    const { items } = deps.indicators.list(plan.id, { year });
    const codeById = new Map(deps.indicatorsRepo.listByPlan(plan.id).map((r) => [r.id, r.code]));
    // The counted values of each indicator up to the report year, by code: what the table's year columns show.
    const values = new Map<
      string,
      Array<{ year: number; valueText: string; growthRateText: string | null; qualifier: ValueQualifier | null }>
    >();
    for (const rev of deps.indicatorsRepo.countedRevisions(plan.id, false)) {
      const code = codeById.get(rev.indicatorId);
      if (code === undefined || rev.year > year) continue;
      values.set(code, [
        ...(values.get(code) ?? []),
        { year: rev.year, valueText: rev.valueText, growthRateText: rev.growthRateText, qualifier: rev.qualifier },
      ]);
    }
    const targets = new Map(
      deps.annualTargets
        .ofPlan(plan.id)
        .filter((t) => t.year === year)
        .map((t) => [t.code, toAnnualTargetRecord(t)]),
    );
    const indicators: EvaluationIndicatorInput[] = items.map((item) => ({
      ...item,
      values: values.get(item.code) ?? [],
      annualTarget: targets.get(item.code) ?? null,
    }));
    return buildEvaluationReport({
      plan: { id: plan.id, title: plan.title, baselineYear: plan.baselineYear, targetYear: plan.targetYear },
      year,
      indicators,
      generatedAt: new Date().toISOString(),
      reasons: deps.quotedReasons?.(plan.id, year) ?? [],
    });
  }

  /** A live draft: computed now, with the sections as edited so far (else drafted), issued by nobody. */
  function live(plan: PlanRow, year: number): EvaluationReport {
    const snapshot = snapshotOf(plan, year);
    const sections = resolveSections(draftSections(snapshot), editsOf(repo.draftSections(plan.id, year)));
    return {
      ...snapshot,
      narrative: snapshot.draftNarrative,
      issued: null,
      frontMatter: frontMatterOf({
        title: snapshot.title,
        issuingUnit: context.issuingUnit(),
        issued: null,
        now: snapshot.generatedAt,
      }),
      sections,
      extraSections: context.extraSections?.(plan.id, year) ?? [],
      gaps: reportGaps(snapshot),
    };
  }

  return {
    /**
     * The report of a year: the latest issued one when there is one (unless `live`), else computed now.
     * Throws 404 for an unknown plan, 400 for a year outside the plan period.
     */
    get(planId: string, year: number, opts: { live?: boolean | undefined } = {}): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      checkYear(plan, year, 'params.year');
      const issued = opts.live ? undefined : repo.latestOfYear(plan.id, year);
      return issued ? fromRowWith(issued) : live(plan, year);
    },
    /** One issued report by id. */
    byId(planId: string, id: number): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      const row = repo.get(plan.id, id);
      if (!row) throw notFound(`report ${id} of plan ${plan.id}`);
      return fromRowWith(row);
    },
    /** Reports issued for a plan, newest year first. */
    list(planId: string): ReportListItem[] {
      const plan = deps.indicators.resolvePlan(planId);
      return repo.list(plan.id);
    },
    /**
     * Saves edited section texts of the live draft of a year (null: back to the drafted text); audited. Drafts stay
     * editable after an issue: a correction is a new report. Issued reports themselves never change.
     */
    saveDraft(actor: Actor, planId: string, year: number, body: ReportDraftWrite): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      checkYear(plan, year, 'params.year');
      db.transaction(() => {
        const before = repo.draftSections(plan.id, year);
        const next: Record<string, string> = { ...before };
        for (const key of REPORT_SECTION_KEYS) {
          const value = body.sections[key];
          if (value === undefined) continue;
          if (value === null || value === '') delete next[key];
          else next[key] = value;
        }
        repo.saveDraftSections(plan.id, year, next, actor.id);
        audit.append(actor, {
          action: 'report.draft',
          entityType: 'report_draft',
          entityId: `${plan.id}/${year}`,
          planId: plan.id,
          before,
          after: next,
        });
      });
      return live(plan, year);
    },
    /**
     * Issues the report of a year of a published plan: computes it now and stores the whole of it with the
     * narrative (the edited one, else the drafted one), in one transaction with its audit entry.
     */
    issue(actor: Actor, planId: string, body: EvaluationIssue): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      checkYear(plan, body.year, 'body.year');
      if (plan.state !== 'published') {
        throw problem(
          'plan_not_published',
          `plan ${plan.id} is ${plan.state}; reports are issued for published plans only`,
        );
      }
      return db.transaction(
        () => {
          const computed = snapshotOf(plan, body.year);
          const sections = resolveSections(draftSections(computed), editsOf(repo.draftSections(plan.id, body.year)));
          // Issuing freezes the section texts and the issuing unit with the figures.
          const snapshot: Snapshot = {
            ...computed,
            issuedSections: sections,
            issuedUnit: context.issuingUnit().value,
            issuedExtraSections: context.extraSections?.(plan.id, body.year) ?? [],
          };
          const narrative = body.narrative ?? sections.map((sec) => sec.text).join('\n\n');
          const row = repo.insert({
            planId: plan.id,
            year: body.year,
            kind: snapshot.kind,
            snapshot: JSON.stringify(snapshot),
            narrative,
            createdBy: actor.id,
          });
          audit.append(actor, {
            action: 'report.issue',
            entityType: 'report',
            entityId: row.id,
            planId: plan.id,
            after: { year: row.year, kind: row.kind, title: row.title, narrative, byClass: snapshot.byClass },
          });
          return fromRowWith(row);
        },
        { behavior: 'immediate' },
      );
    },
  };
}
export type EvaluationsService = ReturnType<typeof createEvaluationsService>;
