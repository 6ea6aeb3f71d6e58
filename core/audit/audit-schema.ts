import type { Migrations } from '../storage/migration.js';

/** How a tool call ended, as recorded in the audit log. */
export type AuditOutcome =
  | 'ok'
  | 'tool_error'
  | 'invalid_input'
  | 'invalid_output'
  | 'denied'
  | 'cancelled'
  | 'internal_error'
  /** A 2026-07-28 call answered with questions for the client (MRTR); its retry has a row of its own. */
  | 'input_required'
  /** A 2026-07-28 call answered with a task (Tasks extension); the work's own tool calls have rows. */
  | 'task'
  /** Refused because a `tools/call` budget was spent (ADR 0037); the tool did not run. */
  | 'rate_limited';

/** The audit table as the core reads and writes it. */
export type AuditTables = {
  sdm_audit: {
    id: number | undefined;
    at: string;
    collection_id: string;
    user_id: string;
    role: string;
    client_id: string;
    tool: string;
    arguments: string;
    outcome: AuditOutcome;
    error_code: string | null;
    duration_ms: number;
    correlation_id: string;
    /** The client program as it names itself; null where the request does not say (2025-11-25 stateless). */
    client_name: string | null;
    client_version: string | null;
    /** The MCP revision the call was made under; its era follows from it. */
    protocol_version: string | null;
  };
};

/** The audit log's migrations (part of the core's, see `core/storage/core-migrations.ts`). */
export const auditMigrations: Migrations = Object.freeze({
  '0001_audit': {
    async up(db, { engine }) {
      await db.schema
        .createTable('sdm_audit')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('arguments', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('correlation_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sdm_audit_at').on('sdm_audit').column('at').execute();
    },
  },
  // Revision 2026-07-28 names the client on every request; the audit row keeps who called how.
  '0002_audit_client': {
    async up(db) {
      for (const column of ['client_name', 'client_version', 'protocol_version'])
        await db.schema.alterTable('sdm_audit').addColumn(column, 'text').execute();
    },
  },
});
