import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Db } from '../db/client.ts';
import { loadSeedAnnualTargets, loadSeeds } from '../db/seed.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** Opens and migrates the database, loads the official table once, and closes it with the app. */
export const dbPlugin = fp(async (app: FastifyInstance, opts: { path: string }) => {
  const db = openDatabase(opts.path);
  const loaded = loadSeeds(db);
  if (loaded.length > 0) app.log.info({ plans: loaded }, 'loaded seed plans');
  const targets = loadSeedAnnualTargets(db); // FINAL (#11): the 2023 work report's targets
  if (targets > 0) app.log.info({ targets }, 'loaded documented yearly targets');
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    db.$client.close();
  });
});
