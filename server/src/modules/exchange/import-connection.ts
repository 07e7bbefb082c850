import { connectDatabase } from '../../db/client.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createIndicatorsRepository } from '../indicators/indicators.repository.ts';
import { createExchangeRepository } from './exchange.repository.ts';
import type { ImportDeps } from './import-run.ts';

const opened = new Map<string, ImportDeps>();

/**
 * The repositories an import needs (and an export, which reads a part of them) over the import worker's own
 * connection to the database file at `path` (opened once; the server has migrated it). Its commits move the main
 * connection's `PRAGMA data_version`, which the main thread's caches watch (indicators.repository dataVersion).
 */
export function importDepsFor(path: string): ImportDeps {
  const found = opened.get(path);
  if (found !== undefined) return found;
  const db = connectDatabase(path);
  const deps: ImportDeps = {
    db,
    indicators: createIndicatorsRepository(db),
    exchange: createExchangeRepository(db),
    audit: createAuditRepository(db),
  };
  opened.set(path, deps);
  return deps;
}
