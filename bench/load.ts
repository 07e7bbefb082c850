/**
 * HTTP load with autocannon, loopback only and bounded in time, and the pairing of each API route
 * with the bare-Fastify route answering the same bytes (bench/baseline-server.ts).
 */
import autocannon from 'autocannon';
import { defined } from '../server/src/lib/invariant.ts';

export interface LoadSettings {
  /** seconds measured per route */
  seconds: number;
  /** seconds of unmeasured warm-up before each measurement (lets the JIT settle) */
  warmupSeconds: number;
  connections: number;
}

export interface Load {
  /** requests answered per second (mean of the per-second samples) */
  rps: number;
  /** latency in milliseconds */
  p50: number;
  p99: number;
  /** answers that were not 2xx/3xx, and connection errors: a valid run has none */
  failures: number;
}

export interface Target {
  method: 'GET' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Hammers one target for `seconds` with `connections` keep-alive connections. */
export async function hammer(target: Target, seconds: number, connections: number): Promise<Load> {
  const result = await autocannon({
    url: target.url,
    method: target.method,
    headers: target.headers ?? {},
    ...(target.body === undefined ? {} : { body: target.body }),
    connections,
    duration: seconds,
  });
  // answers over the whole run: exact also for a route so slow that most seconds see no answer at all
  const answered = result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: answered / result.duration,
    p50: answered === 0 ? Number.NaN : result.latency.p50,
    p99: answered === 0 ? Number.NaN : result.latency.p99,
    failures: result['4xx'] + result['5xx'] + result.errors + result.timeouts,
  };
}

/** Warms up, then measures a target. */
export async function measure(target: Target, s: LoadSettings): Promise<Load> {
  if (s.warmupSeconds > 0) await hammer(target, s.warmupSeconds, s.connections);
  return hammer(target, s.seconds, s.connections);
}

export interface Paired {
  name: string;
  /** size of the reply body in bytes */
  bytes: number;
  /** median milliseconds of one request alone under a URL never asked before (no reply cached for it) */
  computedMs: number;
  /**
   * median milliseconds of one request alone right after a write (the data version moved: nothing derived is
   * cached, what a reader waits after someone saved a value); NaN when the route was not measured so
   */
  afterWriteMs: number;
  api: Load;
  bare: Load;
  /** api.rps / bare.rps: the share of the ceiling the route reaches */
  ratio: number;
}

/**
 * Milliseconds of one request on its own, median of `n`, each with a query parameter never seen
 * before (the routes ignore it) so that no cached reply can answer: what a reader waits after a write.
 */
export async function computedLatency(target: Target, n = 5, before?: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    if (before !== undefined) await before();
    const url = `${target.url}${target.url.includes('?') ? '&' : '?'}_bench=${Date.now()}-${i}`;
    const t = performance.now();
    const res = await fetch(url, {
      method: target.method,
      headers: target.headers ?? {},
      ...(target.body === undefined ? {} : { body: target.body }),
    });
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return defined(times.sort((a, b) => a - b)[Math.floor(n / 2)], 'times.sort((a, b) => a - b)[Math.floor(n / 2)]');
}

/**
 * Measures an API route against the bare route answering the same bytes: fetches the route once for
 * its reply, stores that in the baseline server, then measures the bare route and the API route
 * back to back.
 */
export async function paired(
  name: string,
  target: Target,
  baselineUrl: string,
  s: LoadSettings,
  write?: () => Promise<void>,
): Promise<Paired> {
  const probe = await fetch(target.url, {
    method: target.method,
    headers: target.headers ?? {},
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  const reply = await probe.text();
  if (probe.status >= 400) throw new Error(`${name}: ${probe.status} ${reply.slice(0, 300)}`);
  const key = encodeURIComponent(name);
  const stored = await fetch(`${baselineUrl}/payload/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: reply,
  });
  if (!stored.ok) throw new Error(`baseline refused the payload of ${name}: ${stored.status}`);
  const bareTarget: Target = {
    method: target.method,
    url: `${baselineUrl}/same/${key}`,
    ...(target.body === undefined ? {} : { body: target.body, headers: { 'content-type': 'application/json' } }),
  };
  const bare = await measure(bareTarget, s);
  const api = await measure(target, s);
  const computedMs = await computedLatency(target);
  const afterWriteMs = write === undefined ? Number.NaN : await computedLatency(target, 5, write);
  return { name, bytes: Buffer.byteLength(reply), computedMs, afterWriteMs, api, bare, ratio: api.rps / bare.rps };
}
