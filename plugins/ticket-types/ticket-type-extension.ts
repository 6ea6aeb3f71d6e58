import {
  defineExtensionPoint,
  type ExtensionContributor,
  type ExtensionPoint,
  type PluginSetupContext,
} from '../../core/index.js';
import type { DeskStore } from '../desk/api.js';
import { loadTicketTypeSources } from './ticket-type-source.js';
import { ticketTypeTool } from './ticket-type-tool.js';
import {
  planTicketTypeTool,
  type PlannedTicketTypeTool,
  type Refusal,
  type TicketTypeToolConfig,
} from './tool-config.js';

/**
 * A ticket-type tool another plugin contributes: a config entry (a ticket type or a catalogue
 * item, optionally its name and description) whose `scope` is required and must be one the
 * contributing plugin defines.
 *
 * @example
 * const page: TicketTypeToolContribution = { type: 'on-call-page', scope: 'noc:page:own' };
 */
export type TicketTypeToolContribution = TicketTypeToolConfig & { readonly scope: string };

/**
 * What a plugin that requires `ticket-types` may do in its setup: add ticket-type tools of its own.
 *
 * @example
 * await ctx.extensionPoint(ticketTypesExtensionPoint).addTicketTypeTool({ type: 'on-call-page', scope: 'noc:page:own' });
 */
export interface TicketTypesExtension {
  /**
   * Serves a tool for a ticket type or catalogue item, built and checked as a configured one is,
   * as a tool of the contributing plugin: collections that list that plugin serve it, to callers
   * holding `tool.scope` (and `tickets:write:own` or wider). It reads the type from the desk, so
   * await it in setup: a tool added after setup returns is not served. Throws
   * PLUGIN_CONTRIBUTION_INVALID for a missing or bad scope or name, a name or scope another tool
   * of `ticket-types` (configured or contributed) already has, or a type or item the desk lacks.
   */
  addTicketTypeTool(tool: TicketTypeToolContribution): Promise<void>;
}

/**
 * The extension point through which plugins add ticket-type and catalogue-item tools, gated by
 * their own scopes.
 *
 * @example
 * async setup(ctx) {
 *   await ctx.extensionPoint(ticketTypesExtensionPoint).addTicketTypeTool({ type: 'on-call-page', scope: 'noc:page:own' });
 * }
 */
export const ticketTypesExtensionPoint: ExtensionPoint<TicketTypesExtension> =
  defineExtensionPoint<TicketTypesExtension>('ticket-types.ticket-types');

/** Which source already uses each tool name and scope, for messages naming both sources. */
class TakenNames {
  readonly #owners = { name: new Map<string, string>(), scope: new Map<string, string>() };

  constructor(configured: readonly PlannedTicketTypeTool[]) {
    for (const [index, tool] of configured.entries()) {
      this.#reserve(
        tool,
        `tool "${tool.name}" of plugin "ticket-types" (its config's tools[${index}])`,
      );
    }
  }

  /** Throws via `refuse` when the name or the scope is taken; reserves both otherwise. */
  claim(tool: PlannedTicketTypeTool, options: { contributor: string; refuse: Refusal }): void {
    const nameOwner = this.#owners.name.get(tool.name);
    if (nameOwner !== undefined) {
      throw options.refuse(
        `tool name "${tool.name}" is already taken by ${nameOwner}; set "name" to one of its own`,
      );
    }
    const scopeOwner = this.#owners.scope.get(tool.scope);
    if (scopeOwner !== undefined) {
      throw options.refuse(
        `tool "${tool.name}" has scope "${tool.scope}", already the scope of ${scopeOwner}; ` +
          `give each tool its own scope, one plugin "${options.contributor}" defines`,
      );
    }
    this.#reserve(tool, `tool "${tool.name}" contributed by plugin "${options.contributor}"`);
  }

  #reserve(tool: PlannedTicketTypeTool, owner: string): void {
    this.#owners.name.set(tool.name, owner);
    this.#owners.scope.set(tool.scope, owner);
  }
}

function refusalFor(contributor: ExtensionContributor): Refusal {
  return (rule) => contributor.contributionError('a ticket-type tool', rule);
}

/**
 * Provides {@link ticketTypesExtensionPoint} in the plugin's setup. `configured` are the tools
 * the plugin serves from its config, whose names and scopes contributions may not take.
 *
 * @example
 * provideTicketTypesExtension(ctx, { configured: planned, desk });
 */
export function provideTicketTypesExtension(
  ctx: PluginSetupContext,
  options: { readonly configured: readonly PlannedTicketTypeTool[]; readonly desk: DeskStore },
): void {
  const { desk } = options;
  const taken = new TakenNames(options.configured);
  ctx.provideExtensionPoint(ticketTypesExtensionPoint, (contributor) => ({
    async addTicketTypeTool(tool) {
      const refuse = refusalFor(contributor);
      const { scope } = tool as { scope?: unknown };
      if (typeof scope !== 'string' || scope.trim() === '') {
        throw refuse(
          `tool.scope is missing; set it to a scope plugin "${contributor.pluginId}" defines, so only callers granted it see the tool`,
        );
      }
      const planned = planTicketTypeTool(tool, { where: 'tool', refuse });
      // Claimed before the desk is read, so tools added together cannot both take a name.
      taken.claim(planned, { contributor: contributor.pluginId, refuse });
      const { sources, placeholders } = await loadTicketTypeSources(desk, {
        planned: [planned],
        purpose: ctx.purpose,
        where: () => `tool "${planned.name}"`,
        refuse,
      });
      if (placeholders) {
        contributor.log.warn('the desk has no ticket types yet: ticket-type tools have no fields', {
          tools: [planned.name],
        });
      }
      for (const source of sources) contributor.addTool(ticketTypeTool(source, desk));
    },
  }));
}
