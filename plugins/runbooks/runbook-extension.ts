import {
  defineExtensionPoint,
  type ExtensionPoint,
  type PluginSetupContext,
} from '../../core/index.js';
import { checkRunbook } from './check-runbook.js';
import type { RunbookDefinition } from './define-runbook.js';
import { runbookTool, type RunbookToolDeps } from './tools/run-runbook-tool.js';

/**
 * What a plugin that requires `runbooks` may do in its setup: add its own runbooks.
 *
 * @example
 * ctx.extensionPoint(runbooksExtensionPoint).addRunbook(raiseAndPage);
 */
export interface RunbooksExtension {
  /**
   * Serves `runbook` as `run_<id>`, a tool of the contributing plugin: collections that list
   * that plugin serve it, and it needs the runbook's own `scopes` — at least one, each defined by
   * the contributing plugin or one it requires. Its runs are stored, read and cancelled like any
   * other (`get_runbook_run`, `cancel_runbook_run`), and each step still needs the caller's own
   * scopes for its tool. Throws PLUGIN_CONTRIBUTION_INVALID for an id already taken, a runbook
   * without scopes, or one that breaks a runbook rule (the message names the rule).
   */
  addRunbook(runbook: RunbookDefinition): void;
}

/**
 * The extension point through which plugins add runbooks, gated by their own scopes.
 *
 * @example
 * setup(ctx) { ctx.extensionPoint(runbooksExtensionPoint).addRunbook(raiseAndPage); }
 */
export const runbooksExtensionPoint: ExtensionPoint<RunbooksExtension> =
  defineExtensionPoint<RunbooksExtension>('runbooks.runbooks');

/**
 * Provides {@link runbooksExtensionPoint} in the runbooks plugin's setup; `configured` are the
 * runbooks the plugin serves itself, whose ids contributions may not take.
 *
 * @example
 * provideRunbooksExtension(ctx, { configured: runbooks, deps: { store, background, liveness } });
 */
export function provideRunbooksExtension(
  ctx: PluginSetupContext,
  options: { readonly configured: readonly RunbookDefinition[]; readonly deps: RunbookToolDeps },
): void {
  const owners = new Map(options.configured.map((runbook) => [runbook.id, 'runbooks']));
  ctx.provideExtensionPoint(runbooksExtensionPoint, (contributor) => ({
    addRunbook(runbook) {
      const refuse = (rule: string): never => {
        throw contributor.contributionError('a runbook', rule);
      };
      try {
        checkRunbook(runbook, { contributed: true });
      } catch (error) {
        refuse((error as Error).message.replace(/^CONFIG_INVALID: plugin "runbooks": /, ''));
      }
      const owner = owners.get(runbook.id);
      if (owner !== undefined)
        refuse(
          `runbook id "${runbook.id}" is already served by plugin "${owner}"; give it an id of its own`,
        );
      if ((runbook.scopes ?? []).length === 0)
        refuse(
          `runbook "${runbook.id}" names no scopes; give it scopes plugin "${contributor.pluginId}" defines, so only those it is meant for run it`,
        );
      owners.set(runbook.id, contributor.pluginId);
      contributor.addTool(runbookTool(runbook, options.deps));
    },
  }));
}
