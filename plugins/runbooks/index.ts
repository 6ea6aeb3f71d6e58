import {
  definePlugin,
  ServiceDeskError,
  type PluginDefinition,
  type Scope,
} from '../../core/index.js';
import { createBackgroundRuns } from './background-runs.js';
import { checkRunbook } from './check-runbook.js';
import type { RunbookDefinition } from './define-runbook.js';
import { createRunLiveness } from './run-liveness.js';
import { createRunStore } from './run-store.js';
import { provideRunbooksExtension } from './runbook-extension.js';
import { runbookMigrations } from './schema.js';
import { finishedRunsRetention } from './run-retention.js';
import { cancelRunbookRunTool } from './tools/cancel-runbook-run.js';
import { getRunbookRunTool } from './tools/get-runbook-run.js';
import { runbookTool } from './tools/run-runbook-tool.js';

// What other plugins may import too; configs and examples import it from here.
export * from './api.js';
export type { RunbookTables, RunStatus, StepStatus } from './schema.js';

/**
 * Options of {@link runbooksPlugin}.
 *
 * @example
 * runbooksPlugin({ runbooks: [raiseAndResolve] })
 */
export interface RunbooksPluginOptions {
  /** The runbooks, each served as `run_<id>` by the collections that list this plugin. */
  readonly runbooks: readonly RunbookDefinition[];
  /**
   * How often a server records that its runs are alive (30 s by default). A run silent for four
   * times this — its server crashed or was killed — is stored `interrupted` by a serving server.
   */
  readonly heartbeatMs?: number;
}

const baseScopes: Readonly<Record<Scope, string>> = {
  'runbooks:run':
    'Run runbooks and cancel your own runs (each step still needs your own permission for its tool)',
  'runbooks:read:own': 'See the runbook runs you started',
  'runbooks:read:all': "See everyone's runbook runs",
};

function scopesOf(runbooks: readonly RunbookDefinition[]): Record<Scope, string> {
  const scopes: Record<Scope, string> = { ...baseScopes };
  for (const runbook of runbooks) {
    for (const scope of runbook.scopes ?? []) {
      scopes[scope] ??= `Run the runbook "${runbook.title}" (its steps need your own permissions)`;
    }
  }
  return scopes;
}

/**
 * Runbooks (issue 6): named sequences of tool calls, each served as a tool `run_<id>` that
 * calls the collection's tools as the caller, reports progress per step, honours cancellation
 * and stores every run; `get_runbook_run` reads a run back and `cancel_runbook_run` stops one.
 * Runbooks are checked here, so a bad template or step stops startup with CONFIG_INVALID. Other
 * plugins add their own through {@link runbooksExtensionPoint}, gated by their own scopes.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), ticketsPlugin(), knowledgePlugin(), runbooksPlugin({ runbooks: [raiseAndResolve] })],
 *   collections: [defineCollection({ id: 'agent', title: 'Agent Functions',
 *     plugins: ['tickets', 'knowledge', 'runbooks'], grant: [...agentGrant, 'runbooks:run', 'runbooks:read:own'] })],
 * })
 */
export function runbooksPlugin(options: RunbooksPluginOptions): PluginDefinition {
  const runbooks: readonly RunbookDefinition[] = options.runbooks;
  // Configuration may be plain JavaScript, where the type does not hold.
  const listed: unknown = runbooks;
  if (!Array.isArray(listed)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      'plugin "runbooks": runbooks must be a list of defineRunbook(...) definitions',
    );
  }
  const ids = new Set<string>();
  for (const runbook of runbooks) {
    checkRunbook(runbook);
    if (ids.has(runbook.id)) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `plugin "runbooks": runbook "${runbook.id}" is listed twice; runbook ids must be unique`,
      );
    }
    ids.add(runbook.id);
  }
  return definePlugin({
    id: 'runbooks',
    version: '0.1.0',
    description: 'Runbooks: named sequences of tool calls, run as the caller, stored.',
    scopes: scopesOf(runbooks),
    migrations: runbookMigrations,
    retention: [finishedRunsRetention],
    async setup(ctx) {
      const store = createRunStore(ctx.db);
      const background = createBackgroundRuns(ctx.log);
      // A cancel made through another instance stops a background run here at once.
      const stopListening = await ctx.messages.onMessage(
        'cancel',
        (runId) => void background.cancel(runId),
      );
      // Commands (migrate, seed) run no runbooks and must not sweep the runs of a serving server.
      const heartbeatMs = options.heartbeatMs ?? 30_000;
      const liveness = createRunLiveness(store, {
        heartbeatMs,
        staleAfterMs: 4 * heartbeatMs,
        log: ctx.log,
        sweep: ctx.purpose === 'serve',
      });
      const runs = ctx.metrics.counter({
        name: 'runs_total',
        help: 'Runbook runs by runbook and final status',
        labelNames: ['runbook', 'outcome'],
      });
      const deps = {
        store,
        background,
        liveness,
        onFinished: (runbook: string, outcome: string) => runs.inc({ runbook, outcome }),
      };
      for (const runbook of runbooks) ctx.addTool(runbookTool(runbook, deps));
      provideRunbooksExtension(ctx, { configured: runbooks, deps });
      ctx.addTool(getRunbookRunTool(store));
      ctx.addTool(cancelRunbookRunTool({ store, background, messages: ctx.messages }));
      return {
        async close() {
          await stopListening();
          await background.close();
          await liveness.close();
        },
      };
    },
  });
}
