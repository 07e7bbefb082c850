import {
  completenessOf,
  isOverdue,
  mayEnterValues,
  roundDeadline,
  todoStatusOf,
  type Completeness,
  type CompletenessRow,
  type CreateRoundBody,
  type EntryActor,
  type Round,
  type Todo,
  type TodoItem,
  type TodoRound,
  type TodoTaskReport,
  planYears,
} from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { type FieldError, notFound, problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import {
  contributingUnitsOf,
  type IndicatorRow,
  type IndicatorsRepository,
} from '../indicators/indicators.repository.ts';
import type { PlansRepository } from '../plans/plans.repository.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { RoundRow, RoundsRepository } from './rounds.repository.ts';

/** Who asks for a to-do: their id, role and unit codes. */
export interface TodoActor extends EntryActor {
  id: number;
}

/** An asked indicator-year of a round with its derived status. */
export interface RoundItem extends TodoItem {
  contributingUnits: string[];
}

/** Things that happen to rounds, for messages and webhooks (see notifications). */
export interface RoundEvents {
  roundOpened(round: Round, items: readonly RoundItem[]): void;
}

const invalid = (errors: FieldError[]) =>
  problem('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** A calendar date that exists (2026-02-30 does not). */
const isRealDate = (d: string) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * 填报任务: admins open a round for some indicators and years of a plan with a due date; each unit
 * sees its items on its to-do, admins and leaders see completeness per unit. The status of every
 * item derives from the revisions (latest per indicator-year): nothing is stored twice.
 */
export function createRoundsService(deps: {
  db: Db;
  repo: RoundsRepository;
  plans: PlansRepository;
  indicators: IndicatorsRepository;
  units: UnitsRepository;
  audit: AuditRepository;
  /** the current time; injectable for tests */
  now: () => Date;
  events?: RoundEvents;
}) {
  const { db, repo, plans, indicators, audit } = deps;

  function toRound(row: RoundRow, names = repo.usernames()): Round {
    return {
      id: row.id,
      name: row.name,
      planId: row.planId,
      years: JSON.parse(row.years) as number[],
      indicators: JSON.parse(row.indicatorCodes) as string[],
      dueDate: row.dueDate,
      instructions: row.instructions,
      state: row.state,
      createdAt: row.createdAt,
      createdBy: row.createdBy === null ? null : (names.get(row.createdBy) ?? null),
      closedAt: row.closedAt,
    };
  }

  function existing(id: number): RoundRow {
    const row = repo.get(id);
    if (!row) throw notFound(`round ${id}`);
    return row;
  }

  /** Every asked indicator-year of a round with its status (indicators removed since are skipped). */
  function itemsOf(round: Round, now: Date): RoundItem[] {
    const rows = new Map(indicators.listByPlan(round.planId).map((r) => [r.code, r]));
    const latest = new Map(repo.latestRevisions(round.planId).map((r) => [`${r.indicatorId}:${r.year}`, r]));
    const deadline = roundDeadline(round.dueDate);
    const items: RoundItem[] = [];
    for (const code of round.indicators) {
      const row: IndicatorRow | undefined = rows.get(code);
      if (!row) continue;
      for (const year of round.years) {
        const rev = latest.get(`${row.id}:${year}`);
        const status = todoStatusOf(rev);
        items.push({
          indicatorCode: row.code,
          indicatorName: row.name,
          year,
          leadUnit: row.leadUnit,
          contributingUnits: contributingUnitsOf(row),
          status,
          reason: status === 'returned' ? (rev?.reviewNote ?? null) : null,
          revisionId: rev?.id ?? null,
          valueText: rev?.valueText ?? null,
          overdue: isOverdue(status, round.state === 'open', deadline, now),
        });
      }
    }
    return items;
  }

  /** Which items of a round are this user's to do: editors enter, reviewers review, admins cover the unassigned. */
  function itemsFor(actor: TodoActor, items: readonly RoundItem[]): RoundItem[] {
    if (actor.role === 'admin') return items.filter((i) => i.leadUnit === null);
    if (actor.role === 'reviewer') return items.filter((i) => i.status === 'pending_review');
    return items.filter((i) => mayEnterValues(actor, i).allowed);
  }

  /** The task reports a round asks, with their status (from the latest report since the request) and overdue mark. */
  function taskReportsOf(round: Round, now: Date): TodoTaskReport[] {
    const deadline = roundDeadline(round.dueDate);
    return repo.taskRequests(round.id).map((q) => {
      const status: TodoTaskReport['status'] =
        q.reportState === null ? 'to_report' : q.reportState === 'pending' ? 'pending_review' : q.reportState;
      // the values' rule: not submitted (to do, or returned) after the end of the due day (UTC+8)
      const overdue = isOverdue(status === 'to_report' ? 'to_fill' : status, round.state === 'open', deadline, now);
      return {
        taskId: q.taskId,
        title: q.title,
        measureId: q.measureId,
        measureTitle: q.measureTitle,
        leadUnit: q.leadUnit,
        dueDate: round.dueDate,
        status,
        reason: status === 'returned' ? q.reviewNote : null,
        reportId: q.reportId,
        overdue,
      };
    });
  }

  /** Which task reports are this user's to do: their units' (admins: all). */
  function taskReportsFor(actor: EntryActor, reports: readonly TodoTaskReport[]): TodoTaskReport[] {
    if (actor.role === 'admin') return [...reports];
    return reports.filter((r) => r.leadUnit !== null && actor.units.includes(r.leadUnit));
  }

  const stripItem = ({ contributingUnits: _c, ...item }: RoundItem): TodoItem => item;

  return {
    toRound,
    itemsOf: (id: number) => itemsOf(toRound(existing(id)), deps.now()),
    itemsFor,
    taskReportsFor,
    /** Values waiting for review, all plans. */
    pendingReviewCount: () => repo.pendingReviewCount(),
    /** Every open round with all its items as of now (for reminders). */
    openRounds(): { round: Round; items: RoundItem[]; taskReports: TodoTaskReport[] }[] {
      const now = deps.now();
      const names = repo.usernames();
      return repo.listOpen().map((row) => {
        const round = toRound(row, names);
        return { round, items: itemsOf(round, now), taskReports: taskReportsOf(round, now) };
      });
    },

    /** Opens a round; the plan, years and indicators are checked (400 naming the field). */
    open(actor: Actor, body: CreateRoundBody & { instructions: string | null }): Round {
      const plan = plans.get(body.planId);
      if (!plan) throw invalid([{ field: 'body.planId', message: `no plan ${body.planId}` }]);
      const errors: FieldError[] = [];
      const { min: minYear, max: maxYear } = planYears(plan);
      body.years.forEach((y, i) => {
        if (y < minYear || y > maxYear)
          errors.push({
            field: `body.years.${i}`,
            message: `${y} is outside ${minYear}–${maxYear} of plan ${plan.id}`,
          });
      });
      const all = indicators.listByPlan(plan.id).map((r) => r.code);
      const known = new Set(all);
      (body.indicators ?? []).forEach((c, i) => {
        if (!known.has(c))
          errors.push({ field: `body.indicators.${i}`, message: `no indicator ${c} in plan ${plan.id}` });
      });
      if (!isRealDate(body.dueDate)) errors.push({ field: 'body.dueDate', message: `${body.dueDate} is not a date` });
      if (errors.length > 0) throw invalid(errors);
      const years = [...new Set(body.years)].sort((a, b) => a - b);
      const codes = body.indicators === undefined ? all : all.filter((c) => body.indicators?.includes(c));
      const round = db.transaction(() => {
        const row = repo.insert({
          name: body.name,
          planId: plan.id,
          years: JSON.stringify(years),
          indicatorCodes: JSON.stringify(codes),
          dueDate: body.dueDate,
          instructions: body.instructions,
          createdBy: actor.id,
        });
        const created = toRound(row);
        audit.append(actor, {
          action: 'round.open',
          entityType: 'round',
          entityId: row.id,
          planId: plan.id,
          after: created,
        });
        return created;
      });
      deps.events?.roundOpened(round, itemsOf(round, deps.now()));
      return round;
    },

    list: (): Round[] => {
      const names = repo.usernames();
      return repo.list().map((r) => toRound(r, names));
    },
    get: (id: number): Round => toRound(existing(id)),

    /** Closes an open round (409 when closed already): its items leave the to-do lists. */
    close(actor: Actor, id: number): Round {
      return db.transaction(() => {
        const row = existing(id);
        if (row.state === 'closed') throw problem('round_closed', `round ${id} is closed already`);
        const closed = repo.close(id, actor.id, deps.now().toISOString());
        if (!closed) throw notFound(`round ${id}`);
        const after = toRound(closed);
        audit.append(actor, {
          action: 'round.close',
          entityType: 'round',
          entityId: id,
          planId: row.planId,
          before: toRound(row),
          after,
        });
        return after;
      });
    },

    /** The user's to-do: open rounds with their items, indicators to assign (admins), values to review. */
    todo(actor: TodoActor): Todo {
      const now = deps.now();
      const names = repo.usernames();
      const rounds: TodoRound[] = [];
      for (const row of repo.listOpen()) {
        const round = toRound(row, names);
        const items = itemsFor(actor, itemsOf(round, now));
        const taskReports = taskReportsFor(actor, taskReportsOf(round, now));
        if (items.length === 0 && taskReports.length === 0) continue;
        const count = (s: TodoItem['status']) => items.filter((i) => i.status === s).length;
        rounds.push({
          round,
          deadline: roundDeadline(round.dueDate).toISOString(),
          overdue: items.some((i) => i.overdue) || taskReports.some((r) => r.overdue),
          counts: {
            to_fill: count('to_fill'),
            returned: count('returned'),
            pending_review: count('pending_review'),
            approved: count('approved'),
          },
          items: items.map(stripItem),
          taskReports,
        });
      }
      const reviews = actor.role === 'admin' || actor.role === 'reviewer';
      return {
        now: now.toISOString(),
        rounds,
        unassignedIndicators: actor.role === 'admin' ? repo.unassignedIndicators() : [],
        reviewWaiting: reviews ? repo.pendingReviewCount() : 0,
      };
    },

    /** Asked, filled, approved and overdue per lead unit (in directory order; unassigned last) and in total. */
    completeness(id: number): Completeness {
      const now = deps.now();
      const round = toRound(existing(id));
      const items = itemsOf(round, now);
      const units = deps.units.list();
      const byUnit = new Map<string | null, RoundItem[]>();
      for (const item of items) {
        const list = byUnit.get(item.leadUnit);
        if (list) list.push(item);
        else byUnit.set(item.leadUnit, [item]);
      }
      const row = (unitCode: string | null, unitName: string | null, list: readonly RoundItem[]): CompletenessRow => ({
        unitCode,
        unitName,
        ...completenessOf(list),
      });
      const rows: CompletenessRow[] = [];
      for (const u of units) {
        const list = byUnit.get(u.code);
        if (list) rows.push(row(u.code, u.name, list));
      }
      const none = byUnit.get(null);
      if (none) rows.push(row(null, null, none));
      return {
        round,
        deadline: roundDeadline(round.dueDate).toISOString(),
        now: now.toISOString(),
        units: rows,
        total: row(null, null, items),
      };
    },
  };
}
export type RoundsService = ReturnType<typeof createRoundsService>;
