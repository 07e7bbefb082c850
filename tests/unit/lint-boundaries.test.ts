/**
 * The lint rules that guard the layering (biome.json): the web app never imports server code, shared/
 * imports neither the server nor the web app, and no non-null assertion (`!`) in application code.
 * Each probe is written for a moment beside the code it stands for (a unique name, removed at once) and linted.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIOME = resolve(
  dirname(createRequire(resolve(ROOT, 'package.json')).resolve('@biomejs/biome/package.json')),
  'bin/biome',
);

let probes = 0;

/** The lint rules a source text breaks when it sits in `dir` (a folder of the workspace). */
function rulesBroken(dir: string, source: string): string[] {
  probes += 1;
  const path = `${dir}/zz-lint-probe-${process.pid}-${probes}.ts`;
  writeFileSync(resolve(ROOT, path), source);
  try {
    const run = spawnSync(process.execPath, [BIOME, 'lint', '--reporter=json', path], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      diagnostics: Array<{ category: string }>;
    };
    return report.diagnostics.map((d) => d.category);
  } finally {
    rmSync(resolve(ROOT, path), { force: true });
  }
}

describe('import boundaries', () => {
  test('web/ may import shared, never the server (by package or by path)', () => {
    expect(rulesBroken('web/src', "import { z } from '@gz/shared';\nexport const a = z;\n")).toEqual([]);
    expect(rulesBroken('web/src', "import { buildApp } from '@gz/server';\nexport const a = buildApp;\n")).toEqual([
      'lint/style/noRestrictedImports',
    ]);
    const byPath = "import { problems } from '../../server/src/lib/http.ts';\nexport const a = problems;\n";
    expect(rulesBroken('web/src', byPath)).toEqual(['lint/style/noRestrictedImports']);
  });

  test('shared/ imports neither the server nor the web app', () => {
    expect(rulesBroken('shared/src', "import { a } from '@gz/web/api/client.ts';\nexport const b = a;\n")).toEqual([
      'lint/style/noRestrictedImports',
    ]);
    const server = "import { defined } from '../../server/src/lib/invariant.ts';\nexport const b = defined;\n";
    expect(rulesBroken('shared/src', server)).toEqual(['lint/style/noRestrictedImports']);
    // the server may import shared
    expect(rulesBroken('server/src', "import { z } from '@gz/shared';\nexport const a = z;\n")).toEqual([]);
  });
});

test('a non-null assertion is an error in application code', () => {
  const source = 'export const first = (xs: number[]): number => xs[0]!;\n';
  expect(rulesBroken('server/src', source)).toEqual(['lint/style/noNonNullAssertion']);
  expect(rulesBroken('web/src', source)).toEqual(['lint/style/noNonNullAssertion']);
});
