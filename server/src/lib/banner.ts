import { networkInterfaces } from 'node:os';

/** An account created at start with a generated password: shown once in the start-up banner. */
export interface GeneratedAccount {
  username: string;
  role: string;
  password: string;
}

/** What the start-up banner tells a person. */
export interface BannerInfo {
  /** addresses to open in a browser, the first one the main one */
  urls: string[];
  /** the plan served when a request names none; null when no plan is published */
  plan: { id: string; title: string; baselineYear: number; targetYear: number; indicators: number } | null;
  /** whether the built web app is served (false: API only) */
  webApp: boolean;
  dbPath: string;
  publicRead: boolean;
  /** accounts created on this start with generated passwords (first start only) */
  generatedAccounts: GeneratedAccount[];
}

const RULE = '─'.repeat(72);

/**
 * The plain-text banner printed when the server listens: where to open it, which plan it serves and,
 * on the first start, the generated account(s) and password(s), once. One account a line.
 */
export function formatBanner(info: BannerInfo): string[] {
  const [main = '', ...more] = info.urls;
  const lines = [RULE, '  赣州示范区指标监测平台 · Ganzhou indicator tracker is listening'];
  const apiOnly = '   (web app not built: API only; run `npx -y pnpm@10.34.8 build`)';
  lines.push(`  Open       ${main}${info.webApp ? '' : apiOnly}`);
  for (const url of more) lines.push(`             ${url}`);
  lines.push(`  API docs   ${main}docs`);
  lines.push(
    info.plan === null
      ? '  Plan       none published yet'
      : `  Plan       ${info.plan.id} · ${info.plan.title} (${info.plan.baselineYear}–${info.plan.targetYear}, ` +
          `${info.plan.indicators} indicators)`,
  );
  lines.push(`  Database   ${info.dbPath}`);
  if (info.publicRead) lines.push('  Reads      public (PUBLIC_READ=true): no sign-in needed to read');
  if (info.generatedAccounts.length > 0) {
    lines.push('  First start: account(s) created with generated passwords, shown only this once;');
    lines.push('  sign in and change them:');
    for (const a of info.generatedAccounts) {
      lines.push(`    user ${a.username}   role ${a.role}   password ${a.password}`);
    }
  }
  lines.push(RULE);
  return lines;
}

/**
 * The addresses a browser can open for a server listening on `host`:`port`. A wildcard host
 * (0.0.0.0, ::) gives localhost and every external IPv4 address of the machine.
 */
export function listenUrls(host: string, port: number, interfaces = networkInterfaces()): string[] {
  if (host === '0.0.0.0' || host === '::' || host === '') {
    const external = Object.values(interfaces)
      .flatMap((list) => list ?? [])
      .filter((i) => i.family === 'IPv4' && !i.internal)
      .map((i) => `http://${i.address}:${port}/`);
    return [`http://localhost:${port}/`, ...external];
  }
  return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
}
