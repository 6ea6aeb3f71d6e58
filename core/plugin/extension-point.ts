import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { AnyToolDefinition } from '../tool/define-tool.js';

/**
 * A typed key for a way one plugin lets others contribute to it: reports to `reports`, runbooks
 * to `runbooks`. The owning plugin provides the extension in its `setup`; a plugin that lists the
 * owner in `requires` takes it in its own `setup` and contributes.
 *
 * @example
 * export const reportsExtensionPoint = defineExtensionPoint<ReportsExtension>('reports.reports');
 * // owner:       ctx.provideExtensionPoint(reportsExtensionPoint, (contributor) => ({ addReport: … }))
 * // contributor: ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport)
 */
export interface ExtensionPoint<TExtension> {
  readonly id: string;
  /** Type-only marker; never read at run time. */
  readonly __type?: TExtension;
}

/**
 * Creates an {@link ExtensionPoint}. The id is `<owner plugin id>.<name>`, so a message can name
 * the plugin that provides it.
 *
 * @example
 * export const runbooksExtensionPoint = defineExtensionPoint<RunbooksExtension>('runbooks.runbooks');
 */
export function defineExtensionPoint<TExtension>(id: string): ExtensionPoint<TExtension> {
  return Object.freeze({ id });
}

/**
 * The plugin contributing through an extension point, as its owner sees it. Tools added here
 * belong to the contributor: collections serve them where they list the contributor, and their
 * scopes must be ones the contributor defines or sees through its `requires`.
 *
 * @example
 * (contributor) => ({ addReport: (report) => contributor.addTool(reportTool(report, deps)) })
 */
export interface ExtensionContributor {
  readonly pluginId: string;
  readonly log: Logger;
  addTool(tool: AnyToolDefinition): void;
  /**
   * The PLUGIN_CONTRIBUTION_INVALID error for a contribution the owner refuses, naming the
   * contributor, `what` it contributes, the owner and the `rule`.
   *
   * @example
   * throw contributor.contributionError('a report', 'report id "x" is already served');
   */
  contributionError(what: string, rule: string): ServiceDeskError;
}

/** Builds the extension one contributor gets; called once per contributing plugin. */
export type ExtensionFactory<TExtension> = (contributor: ExtensionContributor) => TExtension;

/** Extension points provided so far, by id, with the plugin that provides each. */
export class ExtensionPointRegistry {
  readonly #points = new Map<string, { pluginId: string; factory: ExtensionFactory<unknown> }>();
  #frozen = false;

  provide<TExtension>(
    point: ExtensionPoint<TExtension>,
    factory: ExtensionFactory<TExtension>,
    pluginId: string,
  ): void {
    this.#refuseWhenFrozen(pluginId, `provided extension point "${point.id}"`);
    const existing = this.#points.get(point.id);
    if (existing) {
      throw new ServiceDeskError(
        'PLUGIN_DUPLICATE_EXTENSION_POINT',
        `plugin "${pluginId}" provides extension point "${point.id}", already provided by plugin "${existing.pluginId}"; give each its own id`,
      );
    }
    this.#points.set(point.id, { pluginId, factory });
  }

  /**
   * The extension for `contributor`. Its owner must be one of the contributor's `requires`, so
   * that the owner is set up first and a config cannot leave it out.
   */
  extend<TExtension>(
    point: ExtensionPoint<TExtension>,
    contributor: Omit<ExtensionContributor, 'contributionError'> & {
      readonly requires: readonly string[];
    },
  ): TExtension {
    this.#refuseWhenFrozen(contributor.pluginId, `used extension point "${point.id}"`);
    const entry = this.#points.get(point.id);
    if (!entry) {
      throw new ServiceDeskError(
        'PLUGIN_EXTENSION_POINT_MISSING',
        `plugin "${contributor.pluginId}" contributes to extension point "${point.id}", which no plugin set up before it provides; ` +
          `add the plugin that owns it (the id's first part) to "requires" and to the config`,
      );
    }
    if (!contributor.requires.includes(entry.pluginId)) {
      throw new ServiceDeskError(
        'PLUGIN_EXTENSION_POINT_MISSING',
        `plugin "${contributor.pluginId}" contributes to extension point "${point.id}" of plugin "${entry.pluginId}" without requiring it; ` +
          `add "${entry.pluginId}" to plugin "${contributor.pluginId}"'s "requires"`,
      );
    }
    const { requires: _requires, ...handle } = contributor;
    const contributionError = (what: string, rule: string): ServiceDeskError =>
      new ServiceDeskError(
        'PLUGIN_CONTRIBUTION_INVALID',
        `plugin "${contributor.pluginId}" contributes ${what} to plugin "${entry.pluginId}": ${rule}`,
      );
    return entry.factory(Object.freeze({ ...handle, contributionError })) as TExtension;
  }

  freeze(): void {
    this.#frozen = true;
  }

  #refuseWhenFrozen(pluginId: string, what: string): void {
    if (!this.#frozen) return;
    throw new ServiceDeskError(
      'PLUGIN_SETUP_FAILED',
      `plugin "${pluginId}" ${what} after startup; do it in setup()`,
    );
  }
}
