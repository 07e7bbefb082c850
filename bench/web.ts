/**
 * The web app as a leader's phone meets it: the gzip size of what the overview loads before it
 * paints, and of every other chunk; and the overview's Largest Contentful Paint in Chromium with the
 * CPU slowed 4× (a mid-range phone), optionally also over a slow network.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureWebBuild } from '../scripts/web-build-cache.ts';
import { REPO_ROOT } from './server-process.ts';
import { defined } from '../server/src/lib/invariant.ts';

export const WEB_DIST = join(REPO_ROOT, 'web/dist');

/** Builds the web app when its sources changed since the last build (the same check as `pnpm build`). */
export function ensureWebBuilt(): void {
  ensureWebBuild({
    root: REPO_ROOT,
    build: () => {
      console.log('building the web app (vite build)…');
      const vite = join(REPO_ROOT, 'web/node_modules/vite/bin/vite.js');
      const run = spawnSync(process.execPath, [vite, 'build'], { cwd: join(REPO_ROOT, 'web'), stdio: 'inherit' });
      if (run.status !== 0) throw new Error('vite build failed');
    },
  });
}

export interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

const sizeOf = (file: string): Asset => {
  const content = readFileSync(join(WEB_DIST, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
};

/** Every JS and CSS file of the build, and the ones index.html itself loads (entry, modulepreloads, styles). */
export function bundle(): { entry: Asset[]; all: Asset[] } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) =>
    defined(m[1], 'm[1]'),
  );
  const all = readdirSync(join(WEB_DIST, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => sizeOf(`assets/${f}`))
    .sort((a, b) => b.gzip - a.gzip);
  return { entry: all.filter((a) => referenced.includes(a.file)), all };
}

export interface PaintRun {
  lcpMs: number;
  fcpMs: number;
  lcpElement: string;
  /** where the page ended up (the overview is '/') */
  path: string;
  /** JS and CSS files the page had fully loaded when the largest paint happened */
  loadedBeforeLcp: string[];
}

export interface NetworkProfile {
  name: string;
  latencyMs: number;
  downKbps: number;
  upKbps: number;
}

/**
 * Runs in the page once the network is idle. A throttled CPU may still be rendering what arrived, so
 * the largest paint counts as final once no larger one has come for 2 s. Kept as source text: the
 * bundler that runs this file would wrap named functions in a helper the page does not have.
 */
const LARGEST_PAINT = `new Promise((resolve) => {
  let last;
  let timer;
  const done = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
    const resources = performance.getEntriesByType('resource').map((r) => ({ name: new URL(r.name).pathname, end: r.responseEnd }));
    const element = last?.element ? last.element.tagName.toLowerCase() + ' “' + (last.element.textContent ?? '').trim().slice(0, 30) + '”' : '(removed since)';
    resolve({ lcp: last?.startTime ?? -1, element, fcp, resources });
  };
  new PerformanceObserver((list) => {
    last = list.getEntries().at(-1);
    clearTimeout(timer);
    timer = setTimeout(done, 2000);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  timer = setTimeout(done, 2000);
})`;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Loads the overview `runs` times, each in a fresh context (cold cache) signed in as `credentials`,
 * on a phone-sized screen with the CPU throttled `cpuSlowdown`× (and the network when given).
 */
export async function paint(
  baseUrl: string,
  credentials: { username: string; password: string },
  options: { runs: number; cpuSlowdown: number; network?: NetworkProfile },
): Promise<PaintRun[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const runs: PaintRun[] = [];
  try {
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: credentials });
      if (!login.ok()) throw new Error(`login for the paint test: ${login.status()}`);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
      if (options.network) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: options.network.latencyMs,
          downloadThroughput: (options.network.downKbps * 1000) / 8,
          uploadThroughput: (options.network.upKbps * 1000) / 8,
        });
      }
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle', timeout: 120_000 });
      const seen = (await page.evaluate(LARGEST_PAINT)) as {
        lcp: number;
        element: string;
        fcp: number;
        resources: Array<{ name: string; end: number }>;
      };
      runs.push({
        lcpMs: Math.round(seen.lcp),
        fcpMs: Math.round(seen.fcp),
        lcpElement: seen.element,
        path: new URL(page.url()).pathname,
        loadedBeforeLcp: seen.resources
          .filter((r) => /\.(js|css)$/.test(r.name) && r.end <= seen.lcp)
          .map((r) => r.name.replace(/^\//, '')),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return runs;
}

/** The median of some numbers. */
export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? defined(sorted[mid], 'sorted[mid]')
    : (defined(sorted[mid - 1], 'sorted[mid - 1]') + defined(sorted[mid], 'sorted[mid]')) / 2;
};
