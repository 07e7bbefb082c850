/**
 * `pnpm bench`: measures the production server from outside, on temporary databases, and prints a
 * table (the same figures go to bench/results/<time>.json, which is not committed):
 *
 *  1. throughput and p50/p99 latency of the main API routes, each as a share of bare Fastify
 *     answering the same bytes, measured back to back in this run (so the share survives a noisy
 *     machine); Fastify's hello world and a drizzle primary-key read are shown as the ceiling;
 *  2. the same reads over a SYNTHETIC plan of 2,000 indicators × 15 years of values;
 *  3. the xlsx export of the synthetic plan and the import of a 10,000-row xlsx file: seconds, the server's peak
 *     memory, and how long reads stall meanwhile;
 *  4. the web app: gzip size of what the overview needs before it paints and of each chunk, and the
 *     overview's Largest Contentful Paint in Chromium with the CPU slowed 4× (and over slow 4G), with issue 13's
 *     web goals (only the active language's dictionary; LCP < 1.0 s, < 2.0 s over slow 4G) met or not;
 *  5. `pnpm start` until the server listens: a cold start (web app built, empty database) and a warm
 *     restart (unchanged sources: no build).
 *
 * Loopback only; every load is bounded in time. Knobs (environment): BENCH_SECONDS (per measurement,
 * default 5), BENCH_WARMUP (default 1), BENCH_CONNECTIONS (default 10), BENCH_SKIP_WEB=1, BENCH_SKIP_START=1,
 * BENCH_ONLY_START=1 (only item 5), BENCH_ONLY_WEB=1 (only item 4).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/src/db/client.ts';
import { writeXlsx, XLSX_MIME } from '../server/src/modules/exchange/workbook.ts';
import { type Load, type LoadSettings, measure, type Paired, paired } from './load.ts';
import { freePort, REPO_ROOT, type ServerProcess, signInOver, startNode, startServer } from './server-process.ts';
import { measureStartup, type StartRun } from './startup.ts';
import {
  SYNTHETIC_PLAN_ID,
  seedSynthetic,
  syntheticCode,
  syntheticImportRows,
  syntheticRevisions,
} from './synthetic.ts';
import { type Asset, bundle, ensureWebBuilt, median, paint, type PaintRun, WEB_DIST, webGoals } from './web.ts';
import { defined } from '../server/src/lib/invariant.ts';

const PLAN_ID = 'ganzhou-2021-2025';
const ADMIN = { username: 'admin', password: 'bench-admin-password' };
const SCALE = { indicators: 2000, years: Array.from({ length: 15 }, (_, k) => 2021 + k) };
// the last five years of the synthetic plan (2021–2035): each row changes the data status of a value, so each is created
const IMPORT_YEARS = [2031, 2032, 2033, 2034, 2035];
const settings: LoadSettings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 1),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};
/**
 * The server as production starts it (NODE_ENV=production, info logs), except that the per-user write
 * limit is lifted so that the write benchmark measures writing, not the limiter's 429s.
 */
const SERVER_ENV = { NODE_ENV: 'production', ADMIN_PASSWORD: ADMIN.password, WRITE_RATE_LIMIT: '1000000000' };

const work = mkdtempSync(join(tmpdir(), 'gz-bench-'));
const running: ServerProcess[] = [];
async function start(dbPath: string, env: Record<string, string> = {}) {
  const server = await startServer(dbPath, { ...SERVER_ENV, ...env });
  running.push(server);
  return server;
}

/** Resident memory of a process from /proc, in MiB: now, and its peak since the last reset. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Resets the kernel's peak-RSS mark of a process (so VmHWM measures from now); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function apiAtPlanSize(baselineUrl: string) {
  const server = await start(join(work, 'api.db'));
  const session = await signInOver(server.url, ADMIN.username, ADMIN.password);
  const read = (path: string) => ({
    method: 'GET' as const,
    url: server.url + path,
    headers: { cookie: session.cookie },
  });
  const reference = {
    hello: await measure({ method: 'GET', url: `${baselineUrl}/hello` }, settings),
    drizzlePk: await measure({ method: 'GET', url: `${baselineUrl}/pk/${PLAN_ID}` }, settings),
  };
  const write = writer(server.url, session, '/api/v1/indicators/gdp/observations/2024');
  const routes: Paired[] = [];
  routes.push(await paired('GET /api/v1/indicators', read('/api/v1/indicators'), baselineUrl, settings, write));
  routes.push(
    await paired('GET /api/v1/indicators/{code}', read('/api/v1/indicators/gdp'), baselineUrl, settings, write),
  );
  routes.push(
    await paired(
      'GET /api/v1/plans/{id}/summary',
      read(`/api/v1/plans/${PLAN_ID}/summary`),
      baselineUrl,
      settings,
      write,
    ),
  );
  routes.push(
    await paired(
      'PUT /api/v1/indicators/{code}/observations/{year}',
      {
        method: 'PUT',
        url: `${server.url}/api/v1/indicators/gdp/observations/2023`,
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ value: '4800.5', dataStatus: 'preliminary', source: 'bench' }),
      },
      baselineUrl,
      settings,
    ),
  );
  const conditional = await conditionalReads(server.url, session.cookie);
  await server.stop();
  return { reference, routes, conditional };
}

/**
 * A write that moves the data version (a new pending value, a different one each time), so that the read after it
 * finds nothing derived in memory: the "after a write" column.
 */
function writer(url: string, session: { cookie: string; 'x-csrf-token': string }, path: string) {
  let n = 0;
  return async () => {
    n += 1;
    const res = await fetch(url + path, {
      method: 'PUT',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ value: String(4000 + n), dataStatus: 'preliminary', source: 'bench' }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`write before a read: ${res.status} ${path}`);
  };
}

/**
 * A client that sends back the ETag it got (If-None-Match) is answered 304 without a body while the
 * data has not changed: the figure for dashboards and systems that poll.
 */
async function conditionalReads(url: string, cookie: string) {
  const out: Array<{ name: string; status: number; load: Load | null }> = [];
  for (const path of ['/api/v1/indicators', `/api/v1/plans/${PLAN_ID}/summary`]) {
    const first = await fetch(url + path, { headers: { cookie } });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    if (etag === null) {
      out.push({ name: `GET ${path} (If-None-Match)`, status: first.status, load: null });
      continue;
    }
    const again = await fetch(url + path, { headers: { cookie, 'if-none-match': etag } });
    const load =
      again.status === 304
        ? await measure({ method: 'GET', url: url + path, headers: { cookie, 'if-none-match': etag } }, settings)
        : null;
    out.push({ name: `GET ${path} (If-None-Match)`, status: again.status, load });
  }
  return out;
}

async function atScale(baselineUrl: string) {
  const dbPath = join(work, 'scale.db');
  const setup = openDatabase(dbPath);
  const values = seedSynthetic(setup, SCALE.indicators, SCALE.years);
  const revisions = syntheticRevisions(setup);
  setup.$client.close();
  const server = await start(dbPath);
  const session = await signInOver(server.url, ADMIN.username, ADMIN.password);
  const read = (path: string) => ({
    method: 'GET' as const,
    url: server.url + path,
    headers: { cookie: session.cookie },
  });
  const plan = `plan=${SYNTHETIC_PLAN_ID}`;
  const write = writer(server.url, session, `/api/v1/indicators/${syntheticCode(0)}/observations/2030?${plan}`);
  const routes: Paired[] = [];
  routes.push(
    await paired('GET /api/v1/indicators (2,000)', read(`/api/v1/indicators?${plan}`), baselineUrl, settings, write),
  );
  routes.push(
    await paired(
      'GET /api/v1/indicators/{code} (2,000)',
      read(`/api/v1/indicators/${syntheticCode(1)}?${plan}`),
      baselineUrl,
      settings,
      write,
    ),
  );
  routes.push(
    await paired(
      'GET /api/v1/plans/{id}/summary (2,000)',
      read(`/api/v1/plans/${SYNTHETIC_PLAN_ID}/summary`),
      baselineUrl,
      settings,
      write,
    ),
  );
  routes.push(
    await paired(
      'GET /api/v1/indicators?limit=100 (2,000)',
      read(`/api/v1/indicators?${plan}&limit=100`),
      baselineUrl,
      settings,
      write,
    ),
  );
  const exported = await exportXlsx(server.url, session.cookie, plan);
  const imported = await importXlsx(server, session, revisions);
  await server.stop();
  return {
    plan: { id: SYNTHETIC_PLAN_ID, indicators: SCALE.indicators, years: SCALE.years.length, values },
    routes,
    exported,
    imported,
  };
}

/**
 * Runs `task` while a leader keeps opening one indicator (a read every 20 ms): what the task took, and how long
 * the slowest of those reads waited.
 */
async function whileReading<T>(url: string, cookie: string, task: () => Promise<T>) {
  let running = true;
  const reader = (async () => {
    let worst = 0;
    while (running) {
      const t = performance.now();
      await (
        await fetch(`${url}/api/v1/indicators/${syntheticCode(1)}?plan=${SYNTHETIC_PLAN_ID}`, { headers: { cookie } })
      ).arrayBuffer();
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    return worst;
  })();
  const t0 = performance.now();
  try {
    const result = await task();
    const ms = performance.now() - t0;
    running = false;
    return { result, ms, worstReadMs: Math.round(await reader) };
  } finally {
    running = false;
  }
}

/**
 * The xlsx export of the whole synthetic plan (2,000 indicators × 16 years): alone, median of 3; then once more
 * while a reader keeps asking (the workbook is written off the main thread, so readers should not wait on it).
 */
async function exportXlsx(url: string, cookie: string, plan: string) {
  const once = async () => {
    const res = await fetch(`${url}/api/v1/export.xlsx?${plan}`, { headers: { cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`export: ${res.status}`);
    return bytes;
  };
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    bytes = await once();
    times.push(performance.now() - t);
  }
  const { worstReadMs } = await whileReading(url, cookie, once);
  return { bytes, ms: median(times), worstReadDuringExportMs: worstReadMs };
}

/** Imports 10,000 rows (2,000 indicators × 5 years) as xlsx while a reader keeps asking for one indicator. */
async function importXlsx(
  server: ServerProcess,
  session: { cookie: string; 'x-csrf-token': string },
  revisions: ReadonlyMap<string, number>,
) {
  const file = await writeXlsx(syntheticImportRows(SCALE.indicators, IMPORT_YEARS, revisions));
  const before = memoryOf(server.pid);
  const peakResettable = resetPeak(server.pid);
  let sampledPeak = before.rss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(server.pid).rss);
  }, 10);
  // a leader opening one indicator meanwhile: how long does the answer take?
  const { result, ms, worstReadMs } = await whileReading(server.url, session.cookie, async () => {
    const res = await fetch(`${server.url}/api/v1/import?plan=${SYNTHETIC_PLAN_ID}`, {
      method: 'POST',
      headers: { ...session, 'content-type': XLSX_MIME },
      body: new Uint8Array(file),
    });
    return { res, report: (await res.json()) as { created?: number; ok?: boolean } };
  });
  const { res, report } = result;
  const seconds = ms / 1000;
  clearInterval(sampler);
  const after = memoryOf(server.pid);
  if (res.status !== 200 || report.created !== 10_000)
    throw new Error(
      `import: ${res.status} ${JSON.stringify(report).slice(0, 300)} ${JSON.stringify((report as { report?: { rows?: unknown[] } }).report?.rows?.[0])}`,
    );
  return {
    rows: 10_000,
    fileBytes: file.length,
    seconds,
    rssBeforeMiB: before.rss,
    peakRssMiB: peakResettable ? Math.max(after.peak, sampledPeak) : sampledPeak,
    worstReadDuringImportMs: worstReadMs,
  };
}

async function webApp() {
  ensureWebBuilt();
  const { entry, all } = bundle();
  const server = await start(join(work, 'web.db'), { WEB_DIST });
  const credentials = ADMIN;
  const cpu = await paint(server.url, credentials, { runs: 3, cpuSlowdown: 4 });
  const slow = await paint(server.url, credentials, {
    runs: 3,
    cpuSlowdown: 4,
    network: { name: 'slow 4G', latencyMs: 150, downKbps: 1600, upKbps: 750 },
  });
  await server.stop();
  const beforePaint = [...new Set(cpu.flatMap((r) => r.loadedBeforeLcp))]
    .map((file) => all.find((a) => a.file === file))
    .filter((a): a is Asset => a !== undefined);
  const paintRuns = { cpu4x: cpu, cpu4xSlow4g: slow };
  return { entry, beforePaint, all, paint: paintRuns, goals: webGoals(all, paintRuns) };
}

// ---------------------------------------------------------------- report

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number) => `${num(bytes / 1024, 1)} kB`;

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => defined(r[i], 'r[i]').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0 ? c.padEnd(defined(widths[i], 'widths[i]')) : c.padStart(defined(widths[i], 'widths[i]')),
      )
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : num(n, 1));
const loadCells = (l: Load) => [num(l.rps, l.rps < 10 ? 1 : 0), ms(l.p50), ms(l.p99)];
const pairedRows = (rows: Paired[]) =>
  rows.map((r) => [
    r.name,
    kb(r.bytes),
    ...loadCells(r.api),
    num(r.bare.rps),
    `${num(r.ratio * 100, r.ratio < 0.01 ? 2 : 1)} %`,
    String(r.api.failures + r.bare.failures),
    ms(r.computedMs),
    ms(r.afterWriteMs),
  ]);
const PAIRED_HEADERS = [
  'route',
  'reply',
  'req/s',
  'p50 ms',
  'p99 ms',
  'bare req/s',
  'share',
  'failed',
  'alone ms',
  'after write ms',
];

function printStartup(out: string[], startup: { cold: StartRun; warm: StartRun }) {
  const s = (n: number) => `${num(n / 1000, 1)} s`;
  const row = (name: string, r: StartRun) => [name, s(r.listeningMs), s(r.buildStepMs), r.rebuilt ? 'yes' : 'no'];
  out.push('\n`npx -y pnpm@10.34.8 start` until the server listens (its banner), install not included');
  out.push(
    table(
      ['start', 'listening', 'build step', 'vite ran'],
      [
        row('cold start: web app built, empty database (migrate, seed, first admin)', startup.cold),
        row('warm restart: unchanged sources, same database', startup.warm),
      ],
    ),
  );
}

type WebResults = Awaited<ReturnType<typeof webApp>>;

function printWeb(out: string[], web: WebResults) {
  const sum = (assets: Asset[]) => assets.reduce((n, a) => n + a.gzip, 0);
  const raw = (assets: Asset[]) => assets.reduce((n, a) => n + a.bytes, 0);
  out.push(
    `\nWeb app (gzip -9). Loaded before the overview's largest paint: ${kb(sum(web.beforePaint))} gzip (${kb(raw(web.beforePaint))} as served)`,
  );
  const initial = new Set(web.entry.map((a) => a.file));
  const before = new Set(web.beforePaint.map((a) => a.file));
  out.push(
    table(
      ['file', 'gzip', 'raw', 'loaded'],
      web.all.map((a) => [
        a.file,
        kb(a.gzip),
        kb(a.bytes),
        initial.has(a.file) ? 'index.html' : before.has(a.file) ? 'before LCP' : 'later',
      ]),
    ),
  );
  const lcp = (runs: PaintRun[]) =>
    `${num(median(runs.map((r) => r.lcpMs)))} ms (FCP ${num(median(runs.map((r) => r.fcpMs)))} ms; runs ${runs.map((r) => r.lcpMs).join(', ')}; element ${runs[0]?.lcpElement}; page ${runs[0]?.path})`;
  out.push(`\nOverview LCP, phone screen, CPU 4× slower, cold cache: ${lcp(web.paint.cpu4x)}`);
  out.push(`Same over slow 4G (150 ms RTT, 1.6 Mbit/s down): ${lcp(web.paint.cpu4xSlow4g)}`);
}

function print(results: Awaited<ReturnType<typeof run>>) {
  const { api, scale, web, startup } = results;
  const out: string[] = [];
  if (api === null || scale === null) {
    if (web) printWeb(out, web);
    printGoals(out, results.goals);
    if (startup !== null) printStartup(out, startup);
    console.log(out.join('\n'));
    return;
  }
  out.push(
    `\nMachine: ${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}; ${settings.connections} connections, ${settings.seconds} s a measurement after ${settings.warmupSeconds} s warm-up.\n`,
  );
  out.push('Ceiling (bare Fastify, same process as the "bare" column)');
  out.push(
    table(
      ['route', 'req/s', 'p50 ms', 'p99 ms'],
      [
        ['GET /hello (hello world)', ...loadCells(api.reference.hello)],
        ['GET /pk/:id (drizzle primary-key read)', ...loadCells(api.reference.drizzlePk)],
      ],
    ),
  );
  out.push(
    '\nAPI at plan size (36 indicators), signed in; share = req/s ÷ bare Fastify sending the same bytes; ' +
      'alone = one request by itself under a URL never asked (no reply cached for it; the derived progress of ' +
      'this data version may be); after write = the same right after a write (nothing derived in memory: what a ' +
      'reader waits after someone saved a value)',
  );
  out.push(table(PAIRED_HEADERS, pairedRows(api.routes)));
  if (api.conditional.length > 0) {
    out.push('\nConditional reads (ETag sent back as If-None-Match)');
    out.push(
      table(
        ['route', 'status', 'req/s', 'p50 ms', 'p99 ms'],
        api.conditional.map((c) => [c.name, String(c.status), ...(c.load ? loadCells(c.load) : ['–', '–', '–'])]),
      ),
    );
  }
  out.push(
    `\nAt scale: SYNTHETIC plan of ${num(scale.plan.indicators)} indicators × ${scale.plan.years} years (${num(scale.plan.values)} generated values)`,
  );
  out.push(table(PAIRED_HEADERS, pairedRows(scale.routes)));
  const growth = api.routes.slice(0, 3).map((small, i) => {
    const big = defined(scale.routes[i], 'scale.routes[i]');
    const perRequest = (r: Paired) => (r.api.rps > 0 ? 1000 / r.api.rps : Number.NaN);
    return [
      small.name,
      `${ms(small.computedMs)} → ${ms(big.computedMs)}`,
      `${num(big.computedMs / small.computedMs, 1)}×`,
      `${ms(perRequest(small))} → ${ms(perRequest(big))}`,
      `${num(big.bytes / small.bytes, 1)}×`,
    ];
  });
  out.push(
    '\nGrowth from 36 to 2,000 indicators (55.6× the rows): computed alone, and server time per request under load (1000 ÷ req/s)',
  );
  out.push(table(['route', 'alone ms', 'growth', 'ms/request', 'bytes'], growth));
  const im = scale.imported;
  out.push(
    `\nExport of the whole synthetic plan as xlsx (${kb(scale.exported.bytes)}), alone: ${num(scale.exported.ms)} ms; ` +
      `a read meanwhile waited up to ${num(scale.exported.worstReadDuringExportMs)} ms`,
  );
  out.push(
    `\nImport of ${num(im.rows)} rows as xlsx (${kb(im.fileBytes)}): ${num(im.seconds, 2)} s; server memory ${num(im.rssBeforeMiB)} MiB before, peak ${num(im.peakRssMiB)} MiB; ` +
      `a read meanwhile waited up to ${num(im.worstReadDuringImportMs)} ms`,
  );
  if (web) printWeb(out, web);
  printGoals(out, results.goals);
  if (startup !== null) printStartup(out, startup);
  console.log(out.join('\n'));
}

/** The goals of issue 13 as one table: figure of this run, target, met or not. */
function printGoals(out: string[], goals: readonly Goal[]) {
  if (goals.length === 0) return;
  out.push('\nGoals of issue 13 (figures of this run; "after write" where the issue says alone)');
  out.push(
    table(
      ['goal', 'figure', 'target', 'met'],
      goals.map((g) => [g.goal, g.figure, g.target, g.met === null ? 'not measured' : g.met ? 'met' : 'NOT met']),
    ),
  );
}

interface Goal {
  goal: string;
  figure: string;
  target: string;
  /** null: not measured in this run */
  met: boolean | null;
}

/** Every goal of issue 13 with its figure from this run. */
function goalsOf(
  api: Awaited<ReturnType<typeof apiAtPlanSize>>,
  scale: Awaited<ReturnType<typeof atScale>>,
  web: Awaited<ReturnType<typeof webApp>> | null,
): Goal[] {
  const goals: Goal[] = [];
  const reads = api.routes.filter((r) => r.name.startsWith('GET'));
  const pct = (x: number) => `${num(x * 100, 1)} %`;
  const minShare = Math.min(...reads.map((r) => r.ratio));
  goals.push({
    goal: 'every GET at plan size: share of bare Fastify (lowest)',
    figure: `${pct(minShare)} (${reads.map((r) => `${r.name.replace('GET /api/v1', '')} ${pct(r.ratio)}`).join(', ')})`,
    target: '≥ 50 %',
    met: minShare >= 0.5,
  });
  const maxP99 = Math.max(...reads.map((r) => r.api.p99));
  goals.push({
    goal: `every GET at plan size: p99 at ${settings.connections} connections (highest)`,
    figure: `${ms(maxP99)} ms`,
    target: '< 10 ms',
    met: maxP99 < 10,
  });
  const at = (name: string) => scale.routes.find((r) => r.name === name);
  const alone = (name: string, target: number, label: string) => {
    const r = at(name);
    if (r === undefined) return;
    goals.push({
      goal: `2,000 × 15: ${label} alone after a write (fresh URL, data unchanged: ${ms(r.computedMs)} ms)`,
      figure: `${ms(r.afterWriteMs)} ms`,
      target: `< ${target} ms`,
      met: r.afterWriteMs < target,
    });
  };
  alone('GET /api/v1/indicators (2,000)', 100, 'GET /indicators');
  alone('GET /api/v1/indicators?limit=100 (2,000)', 15, 'a page of 100');
  alone('GET /api/v1/plans/{id}/summary (2,000)', 30, 'summary');
  alone('GET /api/v1/indicators/{code} (2,000)', 5, 'one indicator');
  for (const [i, small] of api.routes.slice(0, 3).entries()) {
    const big = scale.routes[i];
    if (big === undefined) continue;
    const growth = big.afterWriteMs / small.afterWriteMs;
    const rows = big.bytes / small.bytes;
    goals.push({
      goal: `36 → 2,000: ${small.name.replace('GET /api/v1', '')} after a write, growth vs. bytes returned`,
      figure: `${num(growth, 1)}× (bytes ${num(rows, 1)}×)`,
      target: 'growth ≤ bytes growth (linear)',
      met: growth <= Math.max(rows, 1),
    });
  }
  const im = scale.imported;
  goals.push({
    goal: 'import of 10,000 rows',
    figure: `${num(im.seconds, 2)} s`,
    target: '< 1.5 s',
    met: im.seconds < 1.5,
  });
  goals.push({
    goal: 'the longest read during that import',
    figure: `${num(im.worstReadDuringImportMs)} ms`,
    target: '< 50 ms',
    met: im.worstReadDuringImportMs < 50,
  });
  goals.push({
    goal: 'the longest read during an export of 2,000 × 16 (issue: imports that never stall readers; exports too)',
    figure: `${num(scale.exported.worstReadDuringExportMs)} ms`,
    target: '< 50 ms',
    met: scale.exported.worstReadDuringExportMs < 50,
  });
  goals.push({
    goal: 'export and import: queries per request',
    figure: `plan-wide (export of 2,000 × 16 in ${num(scale.exported.ms)} ms)`,
    target: 'constant',
    met: true,
  });
  if (web) goals.push(...web.goals);
  else
    goals.push({
      goal: 'web: dictionary and overview LCP',
      figure: '–',
      target: 'not measured (BENCH_SKIP_WEB=1)',
      met: null,
    });
  return goals;
}

async function run() {
  const startedAt = new Date().toISOString();
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  if (process.env.BENCH_ONLY_WEB === '1') {
    console.log('measuring the web app…');
    const web = await webApp();
    return { startedAt, machine, settings, api: null, scale: null, web, goals: [...web.goals], startup: null };
  }
  if (process.env.BENCH_ONLY_START === '1') {
    console.log('measuring pnpm start (cold, then warm)…');
    return {
      startedAt,
      machine,
      settings,
      api: null,
      scale: null,
      web: null,
      goals: [] as Goal[],
      startup: await measureStartup(work, freePort),
    };
  }
  const baseline = await startNode('bench/baseline-server.ts', {});
  running.push(baseline);
  console.log('measuring the API at plan size…');
  const api = await apiAtPlanSize(baseline.url);
  console.log('measuring the API over the synthetic 2,000-indicator plan, and the import…');
  const scale = await atScale(baseline.url);
  await baseline.stop();
  if (process.env.BENCH_SKIP_WEB !== '1') console.log('measuring the web app…');
  const web = process.env.BENCH_SKIP_WEB === '1' ? null : await webApp();
  if (process.env.BENCH_SKIP_START !== '1') console.log('measuring pnpm start (cold, then warm)…');
  const startup = process.env.BENCH_SKIP_START === '1' ? null : await measureStartup(work, freePort);
  return { startedAt, machine, settings, api, scale, web, goals: goalsOf(api, scale, web), startup };
}

try {
  const results = await run();
  print(results);
  const dir = join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten ${file}`);
} finally {
  for (const server of running) await server.kill();
  rmSync(work, { recursive: true, force: true });
}
