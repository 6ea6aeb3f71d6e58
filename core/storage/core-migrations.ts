import { auditMigrations } from '../audit/audit-schema.js';
import { requestStateMigrations } from '../mcp/modern/request-state-schema.js';
import { taskMigrations } from '../mcp/tasks/task-schema.js';
import type { Migrations } from './migration.js';

/**
 * The core's own migrations: the audit log, then what 2026-07-28's multi-round-trip requests keep
 * (the signing secret, used confirmations), then the tasks handed to its clients. Names sort in
 * the order they run.
 *
 * @example
 * await runMigrations(db, [{ owner: 'core', migrations: coreMigrations }], engine);
 */
export const coreMigrations: Migrations = Object.freeze({
  ...auditMigrations,
  ...requestStateMigrations,
  ...taskMigrations,
});
