import type { PluginMessages } from '../coordination/plugin-messages.js';
import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { PluginMetrics } from '../metrics/plugin-metrics.js';
import type { PromptDefinition } from '../prompt/define-prompt.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import type { AnyToolDefinition } from '../tool/define-tool.js';
import type { DynamicToolsOptions } from '../tool/unavailable-tool.js';
import type { ExtensionFactory, ExtensionPoint } from './extension-point.js';
import type { ServiceLocator, ServiceRef } from './service-ref.js';

/**
 * What a plugin's `setup` receives: the database (already migrated), services of the plugins it
 * requires, and ways to contribute.
 *
 * @example
 * setup(ctx) {
 *   ctx.provide(clockService, { now: () => new Date() });
 *   ctx.addTool(makeTool(ctx.services.get(deskService)));
 * }
 */
export interface PluginSetupContext {
  readonly pluginId: string;
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly log: Logger;
  /**
   * Why the server was built: `serve` to answer requests (also tests), `command` for a CLI
   * command such as `tools` or a plugin's own, where start-up side effects should be skipped.
   */
  readonly purpose: 'serve' | 'command';
  readonly services: ServiceLocator;
  /**
   * What each collection listing this plugin set in its `settings.<plugin id>`, by collection id,
   * parsed with the plugin's `collectionSettings` schema (pass that same schema; its defaults fill
   * what a collection left out). Any other schema fails setup (PLUGIN_SETUP_FAILED).
   *
   * @example
   * const defaults = ctx.collectionSettings(ticketSettings); // Map { 'user' => { defaultType: 'incident' } }
   */
  collectionSettings<TSchema extends z.ZodType>(
    schema: TSchema,
  ): ReadonlyMap<string, z.output<TSchema>>;
  provide<TService>(ref: ServiceRef<TService>, value: TService): void;
  addTool(tool: AnyToolDefinition): void;
  /**
   * Lets plugins that require this one contribute to it: `factory` builds the extension each
   * contributor gets (once per contributor), and tools it adds through the contributor belong
   * to the contributor, gated by scopes the contributor defines. Throws
   * PLUGIN_DUPLICATE_EXTENSION_POINT when another plugin provides the same point.
   *
   * @example
   * ctx.provideExtensionPoint(reportsExtensionPoint, (contributor) => ({
   *   addReport: (report) => contributor.addTool(reportTool(report, deps)),
   * }));
   */
  provideExtensionPoint<TExtension>(
    point: ExtensionPoint<TExtension>,
    factory: ExtensionFactory<TExtension>,
  ): void;
  /**
   * The extension a plugin this one requires provides, to contribute to it in `setup`. Throws
   * PLUGIN_EXTENSION_POINT_MISSING when no plugin set up before provides it, or its owner is not
   * in `requires`.
   *
   * @example
   * ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport);
   */
  extensionPoint<TExtension>(point: ExtensionPoint<TExtension>): TExtension;
  addResource(resource: ResourceDefinition): void;
  addResourceTemplate(template: ResourceTemplateDefinition): void;
  addPrompt(prompt: PromptDefinition): void;
  /**
   * Replaces all of this plugin's runtime tools with `tools`, now or at any time later (keep the
   * function, e.g. for when a remote reconnects or its tool list changes). Collections listing
   * the plugin see the new set at once and their sessions get `notifications/tools/list_changed`;
   * the same set again changes and sends nothing. Throws a ServiceDeskError, changing nothing,
   * when the plugin declares no `dynamicTools`, a name lacks a declared prefix, a tool fails the
   * checks static tools get (name, description, schemas, scopes its plugin may use), or a name is
   * taken by another tool of a collection that lists the plugin. Called after startup (from a
   * remote's callback), catch and log the error: nothing else will. `options.unavailable` names
   * tools that exist but cannot be served now (a remote that is down): they are not listed, and a
   * caller whose scopes allow one gets its message as an `isError` result instead of "not found".
   *
   * @example
   * setup(ctx) {
   *   remote.onTools((listed) => {
   *     try { ctx.setDynamicTools(listed.map(toToolDefinition)); }
   *     catch (error) { ctx.log.error('remote tools refused', { error: (error as Error).message }); }
   *   });
   *   remote.onDown((since) => ctx.setDynamicTools([], { unavailable: remote.toolsDownSince(since) }));
   * }
   */
  setDynamicTools(tools: readonly AnyToolDefinition[], options?: DynamicToolsOptions): void;
  /** Adds a probe to `/readyz` (e.g. a remote this plugin depends on). */
  addReadinessCheck(name: string, check: () => Promise<{ ok: boolean; detail?: string }>): void;
  /**
   * Tells subscribed clients that a resource changed, on every instance of the deployment (with
   * `REDIS_URL`), so a session held by another instance hears of it too.
   */
  notifyResourceUpdated(uri: string): void;
  /**
   * Messages between this plugin's copies on the deployment's instances (through Redis with
   * `REDIS_URL`, else within this process): `send` reaches every instance's `onMessage` for
   * the topic, this one's included. Topics are this plugin's own.
   *
   * @example
   * await ctx.messages.onMessage('cancel', (runId) => void background.cancel(runId));
   * // in a tool: await messages.send('cancel', runId);
   */
  readonly messages: PluginMessages;
  /**
   * Declares this plugin's series on `/metrics`, named `servicedesk_<plugin id>_<name>`; they
   * record nothing when metrics are off.
   *
   * @example
   * const state = ctx.metrics.gauge({ name: 'remote_up', help: 'Remote connected', labelNames: ['remote'] });
   * state.set({ remote: 'grafana' }, 1);
   */
  readonly metrics: PluginMetrics;
}
