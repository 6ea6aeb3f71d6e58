import type { AuditLog } from '../audit/audit-log.js';
import type { SharedState } from '../coordination/shared-state.js';
import type { ToolCallLimits } from '../limits/tool-call-limits.js';
import type { Logger } from '../log/logger.js';
import type { CallCutoff } from '../mcp/call-cutoff.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import type { ServerMetricsWiring } from './server-metrics-wiring.js';

/** What request handling needs from the running server; built once at startup. */
export interface Runtime {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly services: ServiceLocator;
  readonly log: Logger;
  readonly audit: AuditLog;
  /** Limit counters and messages shared with the deployment's other instances (or in-process). */
  readonly shared: SharedState;
  /** The `tools/call` budgets; absent where nothing counts calls (commands, tests of parts). */
  readonly callLimits?: ToolCallLimits;
  /** Ends the calls still running when shutdown stops waiting for them. */
  readonly cutoff: CallCutoff;
  /** The server's metrics: the core's series and the `/metrics` middleware. */
  readonly metrics: ServerMetricsWiring;
}
