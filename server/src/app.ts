import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { chineseDateCst, cstDateIso, keyTasksSection } from '@gz/shared';
import { ConfigSchema, type Config } from './config.ts';
import type { GeneratedAccount } from './lib/banner.ts';
import { problem } from './lib/problem.ts';
import { createAnnualTargetsRepository } from './modules/annual-targets/annual-targets.repository.ts';
import { annualTargetsRoutes } from './modules/annual-targets/annual-targets.routes.ts';
import { createAnnualTargetsService } from './modules/annual-targets/annual-targets.service.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createSessionsService } from './modules/auth/auth.service.ts';
import { createEvaluationsRepository } from './modules/evaluations/evaluations.repository.ts';
import { createExchangeRepository } from './modules/exchange/exchange.repository.ts';
import { exchangeRoutes } from './modules/exchange/exchange.routes.ts';
import { createExchangeService } from './modules/exchange/exchange.service.ts';
import { evaluationsRoutes } from './modules/evaluations/evaluations.routes.ts';
import { createEvaluationsService } from './modules/evaluations/evaluations.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { createIndicatorsRepository } from './modules/indicators/indicators.repository.ts';
import { indicatorsRoutes } from './modules/indicators/indicators.routes.ts';
import { createIndicatorsService } from './modules/indicators/indicators.service.ts';
import { createObservationsRepository } from './modules/observations/observations.repository.ts';
import { observationsRoutes } from './modules/observations/observations.routes.ts';
import { createObservationsService } from './modules/observations/observations.service.ts';
import { reviewRoutes } from './modules/review/review.routes.ts';
import { createReviewService } from './modules/review/review.service.ts';
import { createTargetsRepository } from './modules/targets/targets.repository.ts';
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { createTargetsService } from './modules/targets/targets.service.ts';
import { createPlansRepository } from './modules/plans/plans.repository.ts';
import { hideDraftPlans } from './modules/plans/draft-visibility.ts';
import { plansRoutes } from './modules/plans/plans.routes.ts';
import { createPlansService } from './modules/plans/plans.service.ts';
import { createTokensRepository } from './modules/tokens/tokens.repository.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { createTokensService } from './modules/tokens/tokens.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createAccountsService, ensureFirstAdmin, ensureStrictAdministrators } from './modules/users/users.service.ts';
import { loginName } from './modules/auth/auth.routes.ts';
import { createSecurityLogRepository } from './modules/security-log/security-log.repository.ts';
import { securityLogRoutes } from './modules/security-log/security-log.routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { webPlugin } from './plugins/web.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts'; // SPEED (#13): helmet's headers made once
// units, rounds, to-do, messages (#14, UNITS)
import { createRoundsRepository } from './modules/rounds/rounds.repository.ts';
import { roundsRoutes } from './modules/rounds/rounds.routes.ts';
import { createRoundsService } from './modules/rounds/rounds.service.ts';
import { createUnitsRepository } from './modules/units/units.repository.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { createUnitsService } from './modules/units/units.service.ts';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.ts';
import { notificationsRoutes, reviewEventsHook } from './modules/notifications/notifications.routes.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from './modules/notifications/notifications.service.ts';
import { createWebhookSender, type WebhookSender } from './modules/notifications/webhook-sender.ts';
import type { RoundEvents } from './modules/rounds/rounds.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** the message centre and the webhook sender (#14): the periodic job's work, callable from tests */
    messages: { service: NotificationsService; sender: WebhookSender };
  }
}
// measures ledger (任务台账, issue 12)
import { createLedgerExchange } from './modules/ledger/ledger.exchange.ts';
import { createLedgerRepository } from './modules/ledger/ledger.repository.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { createLedgerService } from './modules/ledger/ledger.service.ts';
// FINAL (#11): settings (issuing unit, default plan), reasons, official report
import { createSettingsRepository } from './modules/settings/settings.repository.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { createSettingsService } from './modules/settings/settings.service.ts';
import { createReasonsRepository } from './modules/reasons/reasons.repository.ts';
import { reasonsRoutes } from './modules/reasons/reasons.routes.ts';
import { createReasonsService } from './modules/reasons/reasons.service.ts';

/** The policy document whose ledger the evaluation report's 重点任务落实情况 summarises (赣市府发〔2026〕8号). */
const KEY_TASKS_DOCUMENT = 'gz-2026-urban';

export const DEFAULT_WEB_DIST = resolve(fileURLToPath(import.meta.url), '../../../web/dist');

export interface BuildOptions {
  /** configuration; tests pass a partial one over the defaults (DB_PATH ':memory:' is typical) */
  config?: Partial<Config>;
  logger?: boolean | object;
  /** the current time (rounds, deadlines, reminders); tests inject a fixed clock */
  now?: () => Date;
}

/** Builds the application without listening: the server and the tests share it. */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config: Config = { ...ConfigSchema.parse({}), ...options.config };
  // SEC (#10, M4): `true` means the one proxy in front; a number that many hops; a list those addresses. The client
  // is then the right-most address not trusted — never "whatever X-Forwarded-For says first".
  const hops = config.TRUST_PROXY === true ? 1 : config.TRUST_PROXY;
  const trustProxy = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops;
  const app = Fastify({
    logger: options.logger ?? false,
    // Two log lines per request cost a third of a small read's throughput; writes are in the audit log,
    // errors are logged anyway, and LOG_LEVEL=debug brings the request lines back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.LOG_LEVEL) }),
    trustProxy,
    bodyLimit: config.BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    // A malformed or oversized URL is refused before routing, past the error handler; hand it over so it is problem+json too.
    frameworkErrors: (error, request, reply) => reply.server.errorHandler(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, {
    // No external host anywhere: the app must run on an intranet. Plain HTTP must not upgrade.
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': config.TRUST_PROXY ? [] : null,
      },
    },
    // SEC (#10): HSTS only on replies that went out over HTTPS (set below), never on plain HTTP
    hsts: false,
  });
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  await app.register(cors, { origin: origins.length > 0 ? origins : false, credentials: true });
  // A government network to a phone is slow: gzip cuts the overview's first load about threefold.
  // Brotli is left out on purpose; at its default level it costs more CPU per reply than these 2 cores can spare.
  await app.register(compress, { encodings: ['gzip', 'deflate'], threshold: 1024 });
  await app.register(dbPlugin, { path: config.DB_PATH });
  await app.register(swaggerPlugin);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, {
    publicRead: config.PUBLIC_READ,
    secureCookies: config.TRUST_PROXY !== false,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    roleSeparation: config.ROLE_SEPARATION,
  });
  // API writes are counted per signed-in user or token (people behind one government NAT must not share a bucket),
  // per IP when anonymous: a runaway script or a leaked token cannot flood the review queue. Runs after auth.
  const writeLimit = app.createRateLimit({
    max: config.WRITE_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal ? `write:user:${request.principal.id}` : `write:ip:${request.ip}`),
  });
  // SEC (#10, M3): sign-in attempts have their own budget per address (any usernames) and never use the write budget
  const loginLimit = app.createRateLimit({
    max: config.LOGIN_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => `login-ip:${request.ip}`,
  });
  // SEC (#10, L5): reads per API token
  const readLimit = app.createRateLimit({
    max: config.READ_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => `read:token:${request.principal?.tokenId ?? 0}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const isRead = ['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (isRead && request.principal?.tokenId == null) return;
    const isLogin = request.method === 'POST' && request.url.split('?')[0] === '/api/v1/auth/login';
    const limit = await (isRead ? readLimit : isLogin ? loginLimit : writeLimit)(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', limit.ttlInSeconds);
    const what = isRead ? 'reads' : isLogin ? 'sign-in attempts' : 'writes';
    throw problem('rate_limited', `More than ${limit.max} ${what} a minute; retry in ${limit.ttlInSeconds} s.`);
  });
  // SEC (#10): every refused API request (401, 403, 429) is kept in the security log; failed sign-ins log themselves
  const securityLog = createSecurityLogRepository(app.db);
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    if (!request.url.startsWith('/api/') || (status !== 401 && status !== 403 && status !== 429)) return;
    const isLogin = request.url.split('?')[0] === '/api/v1/auth/login';
    if (isLogin && status === 401) return;
    try {
      securityLog.append({
        event: isLogin ? 'login.throttled' : 'request.denied',
        username: request.principal?.username ?? (isLogin ? loginName(request.body) : null),
        userId: request.principal?.id ?? null,
        tokenId: request.principal?.tokenId ?? null,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        status,
        method: request.method,
        path: request.url,
        code: request.problemCode,
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the security log');
    }
  });
  // SEC (#10, L7): private replies are never stored by a cache; HSTS only over HTTPS
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  const users = createUsersRepository(app.db);
  const firstAdmin = await ensureFirstAdmin(users, config.ADMIN_PASSWORD);
  // Generated passwords are not logged: server.ts prints them once in its start-up banner (one entry an account).
  const generatedAccounts: GeneratedAccount[] = [];
  if (firstAdmin?.generated) {
    generatedAccounts.push({ username: firstAdmin.username, role: 'admin', password: firstAdmin.password });
    app.log.warn(
      `No users yet: created "admin" with a generated password, shown once in the start-up banner — sign in and change it.`,
    );
  }
  // SEC (#10): strict separation of duties needs a security and an audit administrator, each with their own password,
  // shown once in the start-up banner like the first admin's
  if (config.ROLE_SEPARATION === 'strict') {
    for (const made of await ensureStrictAdministrators(users)) {
      generatedAccounts.push(made);
      app.log.warn(
        `ROLE_SEPARATION=strict: created "${made.username}" (${made.role}) with a generated password, shown once in the start-up banner.`,
      );
    }
  }
  app.decorate('generatedAccounts', generatedAccounts);
  const audit = createAuditRepository(app.db);
  const accounts = createAccountsService({ db: app.db, users, audit, roleSeparation: config.ROLE_SEPARATION });

  const plans = createPlansRepository(app.db);
  const settings = createSettingsService({ db: app.db, repo: createSettingsRepository(app.db), plans, audit }); // FINAL (#11)
  const indicators = createIndicatorsRepository(app.db);
  // FINAL (#11): the admin's 默认展示规划, else DEFAULT_PLAN, else the first plan published: publishing moves nobody
  const defaultPlanId = () => settings.chosenDefaultPlanId() ?? config.DEFAULT_PLAN ?? settings.firstPublishedPlanId();
  const unitsRepo = createUnitsRepository(app.db);
  const observationsRepo = createObservationsRepository(app.db);
  const annualTargetsRepo = createAnnualTargetsRepository(app.db);
  const indicatorsService = createIndicatorsService({
    plans,
    indicators,
    observations: observationsRepo,
    defaultPlanId,
    annualTargets: annualTargetsRepo,
    unitNames: () => new Map(unitsRepo.list().map((u) => [u.code, u.name])),
  });
  const annualTargets = createAnnualTargetsService({ db: app.db, repo: annualTargetsRepo, indicators, audit });
  const reasons = createReasonsService({
    db: app.db,
    repo: createReasonsRepository(app.db),
    plans,
    indicators,
    audit,
    unitName: (code) => unitsRepo.get(code)?.name ?? null,
  }); // FINAL (#11)
  // measures ledger (任务台账, issue 12): linked indicators are codes of the default plan
  const ledgerRepo = createLedgerRepository(app.db);
  const ledgerEvents: { reportReturned(reportId: number): void } = { reportReturned: () => {} };
  const ledger = createLedgerService({
    db: app.db,
    repo: ledgerRepo,
    audit,
    indicatorExists: (code) => {
      const planId = defaultPlanId();
      return planId !== null && planId !== undefined && indicators.getByCode(planId, code) !== undefined;
    },
    unitExists: (code) => unitsRepo.get(code)?.active === true,
    // messages are set up with the rounds below; a returned report is told to its lead unit then
    events: { reportReturned: (reportId) => ledgerEvents.reportReturned(reportId) },
  });
  const evaluations = createEvaluationsService({
    db: app.db,
    repo: createEvaluationsRepository(app.db),
    indicators: indicatorsService,
    indicatorsRepo: indicators,
    annualTargets: annualTargetsRepo,
    audit,
    // FINAL (#11): the units' reasons, the issuing unit
    quotedReasons: reasons.quoted,
    context: {
      issuingUnit: settings.issuingUnit,
      // LEDGER (#12): the section 重点任务落实情况, from the Ganzhou 2026 opinions' ledger as of today (CST)
      extraSections: () => {
        const now = new Date().toISOString();
        const data = ledger.reportSection(KEY_TASKS_DOCUMENT, cstDateIso(now));
        const title = ledgerRepo.document(KEY_TASKS_DOCUMENT)?.title ?? KEY_TASKS_DOCUMENT;
        return [keyTasksSection(data, title, chineseDateCst(now), (code) => unitsRepo.get(code)?.name ?? code)];
      },
    },
  });

  const observations = createObservationsService({ db: app.db, repo: observationsRepo, indicators, audit });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      hideDraftPlans(api, plans);
      const sessions = await createSessionsService({
        db: app.db,
        repo: app.authRepo,
        audit,
        securityLog,
        sessionTtlHours: config.SESSION_TTL_HOURS,
        lockout: {
          threshold: config.LOCKOUT_THRESHOLD,
          windowMinutes: config.LOCKOUT_WINDOW_MINUTES,
          minutes: config.LOCKOUT_MINUTES,
        },
        singleSession: config.SINGLE_SESSION,
      });
      await api.register(authRoutes, { sessions, accounts });
      await api.register(usersRoutes, { users, accounts });
      await api.register(tokensRoutes, {
        service: createTokensService({
          db: app.db,
          repo: createTokensRepository(app.db),
          audit,
          roleSeparation: config.ROLE_SEPARATION,
        }),
      });
      await api.register(auditRoutes, { audit });
      await api.register(plansRoutes, {
        plans,
        service: createPlansService({
          db: app.db,
          plans,
          indicators,
          audit,
          unitExists: (c) => unitsRepo.get(c) !== undefined,
        }),
        indicators: indicatorsService,
      });
      await api.register(indicatorsRoutes, { service: indicatorsService, plans });
      await api.register(observationsRoutes, { service: observations, indicators: indicatorsService });
      await api.register(exchangeRoutes, {
        service: createExchangeService({
          db: app.db,
          indicators,
          exchange: createExchangeRepository(app.db),
          audit,
        }),
        indicators: indicatorsService,
      });
      await api.register(reviewRoutes, {
        service: createReviewService({
          db: app.db,
          repo: observationsRepo,
          observations,
          indicators: indicatorsService,
          audit,
        }),
      });
      await api.register(targetsRoutes, {
        service: createTargetsService({
          db: app.db,
          repo: createTargetsRepository(app.db),
          indicators: indicatorsService,
          observations,
          audit,
        }),
      });
      await api.register(annualTargetsRoutes, { service: annualTargets, indicators: indicatorsService });
      await api.register(evaluationsRoutes, { service: evaluations });
      // units, rounds, to-do, messages (#14, UNITS)
      const unitsService = createUnitsService({ db: app.db, repo: unitsRepo, indicators, audit });
      await api.register(unitsRoutes, { service: unitsService, indicators: indicatorsService });
      const now = options.now ?? (() => new Date());
      const roundEvents: RoundEvents = { roundOpened: (round, items) => notifications.roundOpened(round, items) };
      const rounds = createRoundsService({
        db: app.db,
        repo: createRoundsRepository(app.db),
        plans,
        indicators,
        units: unitsRepo,
        audit,
        now,
        events: roundEvents,
      });
      const notificationsRepo = createNotificationsRepository(app.db);
      const sender = createWebhookSender({
        repo: notificationsRepo,
        now,
        baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        log: app.log,
      });
      const notifications = createNotificationsService({
        db: app.db,
        repo: notificationsRepo,
        sender,
        rounds,
        indicators,
        observations: observationsRepo,
        units: unitsRepo,
        audit,
        now,
        ledger: ledgerRepo,
      });
      ledgerEvents.reportReturned = (reportId) => notifications.taskReportReturned(reportId);
      await api.register(roundsRoutes, { service: rounds, notifications });
      await api.register(notificationsRoutes, { service: notifications });
      await api.register(reviewEventsHook, { service: notifications });
      app.decorate('messages', { service: notifications, sender });
      const interval = config.REMINDER_INTERVAL_MS;
      const job = interval > 0 ? setInterval(() => notifications.sweep(), interval) : null;
      job?.unref();
      app.addHook('onClose', async () => {
        if (job) clearInterval(job);
        sender.close();
      });
      await api.register(ledgerRoutes, {
        service: ledger,
        exchange: createLedgerExchange({
          db: app.db,
          repo: ledgerRepo,
          service: ledger,
          audit,
          unitName: (code) => unitsRepo.get(code)?.name ?? null,
          unitCodeOf: (text) => unitsRepo.get(text)?.code ?? unitsRepo.byName(text)?.code ?? null,
        }),
      });
      await api.register(settingsRoutes, { service: settings }); // FINAL (#11)
      await api.register(reasonsRoutes, { service: reasons }); // FINAL (#11)
      // SEC (#10): the sign-in and denial log
      await api.register(securityLogRoutes, { securityLog });
    },
    { prefix: '/api/v1' },
  );
  if (config.WEB_DIST !== '') await app.register(webPlugin, { root: config.WEB_DIST ?? DEFAULT_WEB_DIST });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** accounts created on this start with generated passwords, for the start-up banner (first start only) */
    generatedAccounts: GeneratedAccount[];
  }
}
