import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** Runtime configuration, read from the environment once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DB_PATH: z.string().default('./data/tracker.db'),
  /** first start with no users: the admin's password; generated and logged once when unset */
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** serve reads without a login (a public dashboard) */
  PUBLIC_READ: booleanFlag,
  /**
   * behind a reverse proxy terminating HTTPS: `true` (the nearest hop), a hop count, or the proxies'
   * addresses/CIDRs (comma-separated). The client address is the right-most untrusted one.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): TrustProxy => parseTrustProxy(v)),
  /** comma-separated origins allowed to call the API from a browser; closed when empty */
  CORS_ORIGINS: z.string().default(''),
  /** the plan served when a request names none; default: the newest published plan */
  DEFAULT_PLAN: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** the built web app; empty disables static serving (API only) */
  WEB_DIST: z.string().optional(),
  /** max request body in bytes (imports included) */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** API writes allowed per minute per signed-in user or token (per IP before sign-in) */
  WRITE_RATE_LIMIT: z.coerce.number().int().positive().default(300),
  // messages and webhooks (#14)
  /** the first webhook retry waits this long; each further one twice as long (exponential back-off) */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  /** webhook attempts in all before a delivery is marked failed */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** how often the in-process job sends deadline reminders and due webhook retries; 0 turns it off */
  REMINDER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  // first run (#16): log format
  /** `auto`: human-readable (pino-pretty) on a terminal, one JSON object a line otherwise */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // --- SEC (#10): accounts and access ---
  /** failed sign-ins of one account (from any address) within LOCKOUT_WINDOW_MINUTES that lock it */
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  LOCKOUT_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** how long a locked account stays locked (a security administrator can unlock it earlier) */
  LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** a session unused this long ends (beside the absolute SESSION_TTL_HOURS) */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** one session per user: a new sign-in ends the user's other sessions */
  SINGLE_SESSION: booleanFlag,
  /** sign-in attempts a minute from one address (any usernames) */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(60),
  /** API reads a minute per user or token (per address when anonymous) */
  READ_RATE_LIMIT: z.coerce.number().int().positive().default(1200),
  /** 三员分立: `strict` separates system, security and audit administrators; `combined` (default) does not */
  ROLE_SEPARATION: z.enum(['combined', 'strict']).default('combined'),
});

/** How far the proxy chain is trusted: not at all, a number of hops, or a list of addresses and CIDRs. */
export type TrustProxy = boolean | number | string[];

/** `false`/`0`/empty: none; `true`: one hop; a number: that many hops; otherwise comma-separated addresses. */
export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
