/**
 * The pure rules of accounts and access (#10): the password policy, who manages accounts and reads
 * the logs in each ROLE_SEPARATION mode, which roles pass a route's role list, targets against their
 * unit, -0, and the opaque page cursors.
 */
import {
  holdsRole,
  mayManageAccounts,
  mayReadAudit,
  normaliseDecimalInput,
  passwordClasses,
  passwordProblems,
  ROLES,
  targetSpecProblem,
  type Role,
} from '@gz/shared';
import { decodeCursor, encodeCursor } from '@gz/server/lib/cursor.ts';
import { describe, expect, test } from 'vitest';

const COMMON = new Set(['password123', 'p@ssw0rd123', 'qwerty123456']);

describe('password policy', () => {
  test.each([
    ['Abcdefgh1!', 'zhang', 4, []],
    ['abcdefgh12', 'zhang', 2, ['too_few_classes']],
    ['Abc1!', 'zhang', 4, ['too_short']],
    ['Zhang-2026-x', 'zhang', 4, ['contains_username']],
    ['P@ssw0rd123', 'zhang', 4, ['common_password']],
    ['P@ss-w0rd.123', 'zhang', 4, ['common_password']],
    ['密码密码密码密码密码1A', 'zhang', 3, []],
  ])('%s for %s: %i classes, problems %j', (password, username, classes, problems) => {
    expect(passwordClasses(password)).toBe(classes);
    expect(passwordProblems(password, username, COMMON)).toEqual(problems);
  });
});

describe('separation of duties', () => {
  // [role, combined: manages accounts, reads audit; strict: manages accounts, reads audit]
  const TABLE: [Role, boolean, boolean, boolean, boolean][] = [
    ['admin', true, true, false, false],
    ['security_admin', true, false, true, false],
    ['audit_admin', false, true, false, true],
    ['reviewer', false, true, false, true],
    ['editor', false, false, false, false],
    ['viewer', false, false, false, false],
  ];
  test.each(TABLE)('%s', (role, combinedAccounts, combinedAudit, strictAccounts, strictAudit) => {
    expect([mayManageAccounts(role, 'combined'), mayReadAudit(role, 'combined')]).toEqual([
      combinedAccounts,
      combinedAudit,
    ]);
    expect([mayManageAccounts(role, 'strict'), mayReadAudit(role, 'strict')]).toEqual([strictAccounts, strictAudit]);
  });

  test('in strict mode no role both manages accounts and enters or approves values', () => {
    for (const role of ROLES) {
      const entersOrApproves = holdsRole(role, ['editor']) || holdsRole(role, ['reviewer']);
      expect(mayManageAccounts(role, 'strict') && entersOrApproves, role).toBe(false);
    }
  });

  test('the admin passes business role lists; the security and audit administrators only lists that name them', () => {
    expect(holdsRole('admin', ['reviewer'])).toBe(true);
    expect(holdsRole('admin', ['security_admin'])).toBe(false);
    expect(holdsRole('security_admin', ['reviewer'])).toBe(false);
    expect(holdsRole('audit_admin', ['editor', 'viewer'])).toBe(false);
    expect(holdsRole('security_admin', ['security_admin'])).toBe(true);
  });
});

describe('targets against their unit', () => {
  const gdp = { name: 'GDP', unit: '亿元' };
  const share = { name: '数字经济核心产业增加值占GDP比重', unit: '%' };
  const growth = { name: '规模以上工业增加值增速', unit: '%' };
  test.each([
    [gdp, { kind: 'level', value: 5000 }, null],
    [gdp, { kind: 'level', value: 0 }, 'a level target must be greater than 0'],
    [gdp, { kind: 'level', value: -1 }, 'the value cannot be negative'],
    [gdp, { kind: 'level', value: 1e308 }, 'a target must be a finite number within ±1000000000000'],
    [share, { kind: 'level', value: 100 }, null],
    [share, { kind: 'level', value: 100.5 }, 'a percentage must lie between 0 and 100'],
    [growth, { kind: 'annual_rate', rate: -3 }, null],
    [growth, { kind: 'annual_rate', rate: 101 }, 'a rate must lie between -100 and 100'],
    [gdp, { kind: 'none' }, null],
  ] as const)('%j %j → %s', (subject, spec, problem) => {
    expect(targetSpecProblem(spec, subject)?.en ?? null).toBe(problem);
  });
});

describe('-0', () => {
  test.each([
    ['-0', '0'],
    ['-0.00', '0.00'],
    ['－0.0', '0.0'],
    ['-0.5', '-0.5'],
    ['0', '0'],
  ])('%s → %s', (raw, text) => {
    expect(normaliseDecimalInput(raw)).toBe(text);
  });
});

describe('page cursors', () => {
  test('a cursor decodes to its id for its own list only; anything else is a 400 naming query.cursor', () => {
    expect(decodeCursor('aud', encodeCursor('aud', 4711))).toBe(4711);
    expect(decodeCursor('aud', undefined)).toBeUndefined();
    for (const bad of [encodeCursor('sec', 5), 'abc', '', encodeCursor('aud', 0), 'x'.repeat(80)]) {
      expect(() => decodeCursor('aud', bad)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_cursor' }));
    }
  });
});
