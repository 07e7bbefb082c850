import type { CreateUnitBody, IndicatorUnits, IndicatorUnitsBody, Unit, UpdateUnitBody } from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { notFound, problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { contributingUnitsOf, type IndicatorsRepository } from '../indicators/indicators.repository.ts';
import { toUnit, type UnitsRepository } from './units.repository.ts';

/** An unknown unit code: a 400 that names the field it came in. */
export const unknownUnit = (field: string, code: string) =>
  problem('unknown_unit', `${field}: unknown unit code ${code} (see GET /api/v1/units)`, [
    { field, message: `unknown unit code ${code}` },
  ]);

/**
 * The unit directory (单位): admins add, rename, re-parent or deactivate units; every change is
 * audited. Codes never change once created, because users and indicators refer to them.
 */
export function createUnitsService(deps: {
  db: Db;
  repo: UnitsRepository;
  indicators: IndicatorsRepository;
  audit: AuditRepository;
}) {
  const { db, repo, audit } = deps;

  /** Throws a 400 naming `field.<index>` when a code of the list is not in the directory. */
  function assertKnown(field: string, codes: readonly string[]): void {
    codes.forEach((code, i) => {
      if (!repo.get(code)) throw unknownUnit(`${field}.${i}`, code);
    });
  }

  /** Throws a 400 naming `field` when the code is not in the directory (null passes). */
  function assertKnownCode(field: string, code: string | null): void {
    if (code !== null && !repo.get(code)) throw unknownUnit(field, code);
  }

  function checkParent(code: string, kind: Unit['kind'], parentCode: string | null): void {
    if (parentCode === null) {
      if (kind === 'county') {
        throw problem('validation_failed', 'body.parentCode: a 县（市、区） unit needs a parent', [
          { field: 'body.parentCode', message: 'a county unit needs a parent unit' },
        ]);
      }
      return;
    }
    if (parentCode === code) {
      throw problem('validation_failed', 'body.parentCode: a unit cannot be its own parent', [
        { field: 'body.parentCode', message: 'a unit cannot be its own parent' },
      ]);
    }
    const parent = repo.get(parentCode);
    if (!parent) throw unknownUnit('body.parentCode', parentCode);
    if (parent.kind !== 'city_department') {
      throw problem('validation_failed', 'body.parentCode: the parent must be a 市直部门', [
        { field: 'body.parentCode', message: 'the parent must be a city department' },
      ]);
    }
  }

  return {
    /** All units in directory order (inactive ones included; the UI greys them). */
    list: (): Unit[] => repo.list().map(toUnit),

    /** Unit names by code, for display. */
    names: (): Map<string, string> => new Map(repo.list().map((u) => [u.code, u.name])),

    assertKnown,
    assertKnownCode,

    /** Adds a unit; a taken code is a 409. */
    create(actor: Actor, body: CreateUnitBody): Unit {
      return db.transaction(() => {
        if (repo.get(body.code)) {
          throw problem('unit_exists', `unit ${body.code} exists already`, [
            { field: 'body.code', message: 'already used' },
          ]);
        }
        checkParent(body.code, body.kind, body.parentCode);
        const row = repo.insert({ ...body, position: body.position ?? repo.maxPosition() + 10, source: 'admin' });
        const unit = toUnit(row);
        audit.append(actor, { action: 'unit.create', entityType: 'unit', entityId: unit.code, after: unit });
        return unit;
      });
    },

    /**
     * Sets an indicator's lead and contributing units (codes checked against the directory; a
     * contributing unit equal to the lead is dropped). The assignment is then the admin's, no longer
     * a seeded default; null as lead puts the indicator back on the admin's to-do.
     */
    assign(actor: Actor, planId: string, code: string, body: IndicatorUnitsBody): IndicatorUnits {
      assertKnownCode('body.leadUnit', body.leadUnit);
      assertKnown('body.contributingUnits', body.contributingUnits);
      const contributing = [...new Set(body.contributingUnits.filter((c) => c !== body.leadUnit))];
      return db.transaction(() => {
        const row = deps.indicators.requireByCode(planId, code);
        const before: IndicatorUnits = {
          leadUnit: row.leadUnit,
          contributingUnits: contributingUnitsOf(row),
          assignmentSource: row.assignmentSource,
        };
        const source = body.leadUnit === null && contributing.length === 0 ? null : 'admin';
        deps.indicators.setUnits(row.id, body.leadUnit, contributing, source);
        const after: IndicatorUnits = {
          leadUnit: body.leadUnit,
          contributingUnits: contributing,
          assignmentSource: source,
        };
        audit.append(actor, {
          action: 'indicator.units',
          entityType: 'indicator',
          entityId: row.id,
          planId,
          indicatorCode: code,
          before,
          after,
        });
        return after;
      });
    },

    /** Renames, re-parents, re-orders or (de)activates a unit. */
    update(actor: Actor, code: string, body: UpdateUnitBody): Unit {
      return db.transaction(() => {
        const existing = repo.get(code);
        if (!existing) throw notFound(`unit ${code}`);
        const kind = body.kind ?? existing.kind;
        const parentCode = body.parentCode === undefined ? existing.parentCode : body.parentCode;
        checkParent(code, kind, parentCode);
        const row = repo.update(code, { ...body, parentCode });
        if (!row) throw notFound(`unit ${code}`);
        const before = toUnit(existing);
        const after = toUnit(row);
        audit.append(actor, { action: 'unit.update', entityType: 'unit', entityId: code, before, after });
        return after;
      });
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
