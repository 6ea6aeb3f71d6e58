import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log/logger.ts';
import type { ServiceLocator } from '../plugin/service-ref.ts';
import type { Database, DatabaseEngine } from '../storage/database.ts';

/** What request handling needs from the running server; built once at startup. */
export interface Runtime {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly services: ServiceLocator;
  readonly log: Logger;
  readonly audit: AuditLog;
}
