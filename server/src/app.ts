import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConfigSchema, type Config } from './config.ts';
import { problem } from './lib/problem.ts';
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
import { ensureFirstAdmin } from './modules/users/users.service.ts';
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
  const app = Fastify({
    logger: options.logger ?? false,
    // Two log lines per request cost a third of a small read's throughput; writes are in the audit log,
    // errors are logged anyway, and LOG_LEVEL=debug brings the request lines back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.LOG_LEVEL) }),
    trustProxy: config.TRUST_PROXY,
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
    hsts: config.TRUST_PROXY,
  });
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  await app.register(cors, { origin: origins.length > 0 ? origins : false, credentials: true });
  // A government network to a phone is slow: gzip cuts the overview's first load about threefold.
  // Brotli is left out on purpose; at its default level it costs more CPU per reply than these 2 cores can spare.
  await app.register(compress, { encodings: ['gzip', 'deflate'], threshold: 1024 });
  await app.register(dbPlugin, { path: config.DB_PATH });
  await app.register(swaggerPlugin);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { publicRead: config.PUBLIC_READ, secureCookies: config.TRUST_PROXY });
  // API writes are counted per signed-in user or token (people behind one government NAT must not share a bucket),
  // per IP when anonymous: a runaway script or a leaked token cannot flood the review queue. Runs after auth.
  const writeLimit = app.createRateLimit({
    max: config.WRITE_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal ? `write:user:${request.principal.id}` : `write:ip:${request.ip}`),
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    const limit = await writeLimit(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', limit.ttlInSeconds);
    throw problem('rate_limited', `More than ${limit.max} writes a minute; retry in ${limit.ttlInSeconds} s.`);
  });

  const users = createUsersRepository(app.db);
  const firstAdmin = await ensureFirstAdmin(users, config.ADMIN_PASSWORD);
  if (firstAdmin?.generated) {
    app.log.warn(`No users yet: created "admin" with the generated password ${firstAdmin.password} — sign in and change it (shown once).`);
  }
  const audit = createAuditRepository(app.db);

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
      await api.register(authRoutes, { audit, sessionTtlHours: config.SESSION_TTL_HOURS });
      await api.register(usersRoutes, { users, audit });
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
    },
    { prefix: '/api/v1' },
  );
  if (config.WEB_DIST !== '') await app.register(webPlugin, { root: config.WEB_DIST ?? DEFAULT_WEB_DIST });
  return app;
}
