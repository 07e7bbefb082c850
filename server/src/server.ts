import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { formatBanner, listenUrls } from './lib/banner.ts';
import { loadExcel } from './lib/excel.ts';
import { createIndicatorsRepository } from './modules/indicators/indicators.repository.ts';
import { createPlansRepository } from './modules/plans/plans.repository.ts';

const config = loadConfig();
// A person at a terminal reads pino-pretty's lines; a service manager or a pipe gets one JSON object a line.
const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
const logger = pretty
  ? {
      level: config.LOG_LEVEL,
      // sync: the banner below comes after the log lines, never in the middle of them
      stream: (await import('pino-pretty')).PinoPretty({
        colorize: true,
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname',
      }),
    }
  : { level: config.LOG_LEVEL };
const app = await buildApp({ config, logger });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.PORT, host: config.HOST });

// The banner: plain text on stdout under the log, for the person who just typed `pnpm start`.
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
const plans = createPlansRepository(app.db);
const planId = config.DEFAULT_PLAN ?? plans.newestPublishedId();
const plan = planId === undefined ? undefined : plans.get(planId);
const banner = formatBanner({
  urls: listenUrls(config.HOST, port),
  plan:
    plan === undefined
      ? null
      : {
          id: plan.id,
          title: plan.title,
          baselineYear: plan.baselineYear,
          targetYear: plan.targetYear,
          indicators: createIndicatorsRepository(app.db).listByPlan(plan.id).length,
        },
  webApp: app.spaFallback !== undefined,
  dbPath: config.DB_PATH,
  publicRead: config.PUBLIC_READ,
  generatedAccounts: app.generatedAccounts,
});
process.stdout.write(`${banner.join('\n')}\n`);
// shown once: the passwords do not stay in memory
app.generatedAccounts.length = 0;
// exceljs is left out of the start; load it now, so that the first export or import does not wait for it
loadExcel().catch((error: unknown) => app.log.error({ err: error }, 'exceljs could not be loaded'));
