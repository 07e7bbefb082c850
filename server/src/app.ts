import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConfigSchema, type Config } from './config.ts';
import { ProblemError } from './lib/problem.ts';
import { createAnnualTargetsRepository } from './modules/annual-targets/annual-targets.repository.ts';
import { annualTargetsRoutes } from './modules/annual-targets/annual-targets.routes.ts';
import { createAnnualTargetsService } from './modules/annual-targets/annual-targets.service.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
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
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { createPlansRepository } from './modules/plans/plans.repository.ts';
import { hideDraftPlans } from './modules/plans/draft-visibility.ts';
import { plansRoutes } from './modules/plans/plans.routes.ts';
import { createPlansService } from './modules/plans/plans.service.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
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

export const DEFAULT_WEB_DIST = resolve(fileURLToPath(import.meta.url), '../../../web/dist');

export interface BuildOptions {
  /** configuration; tests pass a partial one over the defaults (DB_PATH ':memory:' is typical) */
  config?: Partial<Config>;
  logger?: boolean | object;
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
  await app.register(helmet, {
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
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
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
  const loginLimit = app.createRateLimit({ max: config.LOGIN_RATE_LIMIT, timeWindow: 60_000, keyGenerator: (request) => `login-ip:${request.ip}` });
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
    throw new ProblemError(429, 'rate_limited', 'Too Many Requests', `More than ${limit.max} ${what} a minute; retry in ${limit.ttlInSeconds} s.`);
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
  if (firstAdmin?.generated) {
    app.log.warn(`No users yet: created "admin" with the generated password ${firstAdmin.password} — sign in and change it (shown once).`);
  }
  // SEC (#10): strict separation of duties needs a security and an audit administrator, each with their own password
  if (config.ROLE_SEPARATION === 'strict') {
    for (const made of await ensureStrictAdministrators(users)) {
      app.log.warn(`ROLE_SEPARATION=strict: created "${made.username}" (${made.role}) with the generated password ${made.password} — sign in and change it (shown once).`);
    }
  }
  const audit = createAuditRepository(app.db);
  const accounts = createAccountsService({ db: app.db, users, audit, roleSeparation: config.ROLE_SEPARATION });

  const plans = createPlansRepository(app.db);
  const indicators = createIndicatorsRepository(app.db);
  const observationsRepo = createObservationsRepository(app.db);
  const annualTargetsRepo = createAnnualTargetsRepository(app.db);
  const indicatorsService = createIndicatorsService({
    plans,
    indicators,
    observations: observationsRepo,
    defaultPlanId: () => config.DEFAULT_PLAN ?? plans.newestPublishedId(),
    annualTargets: annualTargetsRepo,
  });
  const annualTargets = createAnnualTargetsService({ db: app.db, repo: annualTargetsRepo, indicators, audit });
  const evaluations = createEvaluationsService({
    db: app.db,
    repo: createEvaluationsRepository(app.db),
    indicators: indicatorsService,
    indicatorsRepo: indicators,
    annualTargets: annualTargetsRepo,
    audit,
  });

  const observations = createObservationsService({ db: app.db, repo: observationsRepo, indicators, audit });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      hideDraftPlans(api, plans);
      await api.register(authRoutes, {
        audit,
        securityLog,
        accounts,
        sessionTtlHours: config.SESSION_TTL_HOURS,
        lockout: { threshold: config.LOCKOUT_THRESHOLD, windowMinutes: config.LOCKOUT_WINDOW_MINUTES, minutes: config.LOCKOUT_MINUTES },
        singleSession: config.SINGLE_SESSION,
      });
      await api.register(usersRoutes, { users, accounts });
      await api.register(tokensRoutes, { audit });
      await api.register(auditRoutes, { audit });
      await api.register(plansRoutes, { plans, service: createPlansService({ db: app.db, plans, indicators, audit }), indicators: indicatorsService });
      await api.register(indicatorsRoutes, { service: indicatorsService, plans });
      await api.register(observationsRoutes, { service: observations, indicators: indicatorsService });
      await api.register(exchangeRoutes, {
        service: createExchangeService({ db: app.db, indicators, observations: observationsRepo, exchange: createExchangeRepository(app.db), audit }),
        indicators: indicatorsService,
      });
      await api.register(reviewRoutes, { repo: observationsRepo, observations, indicators: indicatorsService, audit });
      await api.register(targetsRoutes, { indicators: indicatorsService, observations, audit });
      await api.register(annualTargetsRoutes, { service: annualTargets, indicators: indicatorsService });
      await api.register(evaluationsRoutes, { service: evaluations });
      // SEC (#10): the sign-in and denial log
      await api.register(securityLogRoutes, { securityLog });
    },
    { prefix: '/api/v1' },
  );
  if (config.WEB_DIST !== '') await app.register(webPlugin, { root: config.WEB_DIST ?? DEFAULT_WEB_DIST });
  return app;
}
