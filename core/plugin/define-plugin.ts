import type { z } from 'zod';
import type { PromptDefinition } from '../prompt/define-prompt.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { Scope } from '../scope/scope.js';
import type { Migrations } from '../storage/migration.js';
import type { AnyToolDefinition } from '../tool/define-tool.js';
import type { RetentionRule } from '../retention/retention-rule.js';
import type { PluginCommand } from './define-command.js';
import type { PluginSetupContext } from './plugin-setup-context.js';

/** What a plugin's setup may hand back: a function run on shutdown, in reverse order. */
export interface PluginInstance {
  close?(): Promise<void> | void;
}

/**
 * The tool-name prefixes a plugin uses for tools it adds and removes while the server runs
 * (e.g. tools imported from a remote MCP server that may come and go). Each prefix matches
 * `^[A-Za-z0-9_-]{1,40}$`; every runtime tool's name starts with one of them.
 *
 * @example
 * definePlugin({ id: 'monitor', version: '1.0.0', dynamicTools: { prefixes: ['monitor_'] },
 *   setup: (ctx) => { ctx.setDynamicTools([]); } })
 */
export interface DynamicToolsDeclaration {
  readonly prefixes: readonly string[];
}

/** A plugin as written by its author. */
export interface PluginSpec {
  /** kebab-case: lower-case letters, digits and dashes, starting with a letter. */
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  /**
   * Ids of the plugins whose services, scopes or extension points this one uses; they must be in
   * the config and are set up first. Another plugin's code is imported only from its
   * `plugins/<id>/api.ts`, and only when its id is listed here (the layering lint checks it).
   */
  readonly requires?: readonly string[];
  /**
   * Ids of plugins whose services this one uses when they are configured and does without when
   * they are not: each is set up first when present, and its absence is no error. The plugin
   * checks `services.has(ref)` before `services.get(ref)`; their scopes are not its to use.
   * Importing their `api.ts` is allowed as for `requires`.
   *
   * @example
   * definePlugin({ id: 'tickets', version: '1.0.0', requires: ['desk'], optionalRequires: ['ai-assist'] })
   */
  readonly optionalRequires?: readonly string[];
  /** The scopes this plugin defines, each with the description shown on the consent page. */
  readonly scopes?: Readonly<Record<Scope, string>>;
  readonly migrations?: Migrations;
  readonly tools?: readonly AnyToolDefinition[];
  readonly resources?: readonly ResourceDefinition[];
  readonly resourceTemplates?: readonly ResourceTemplateDefinition[];
  readonly prompts?: readonly PromptDefinition[];
  /**
   * Declares that this plugin adds and removes tools at runtime with `ctx.setDynamicTools`,
   * under these name prefixes. A collection's `tools` list and a tool's `calls` may name such a
   * tool before it exists.
   */
  readonly dynamicTools?: DynamicToolsDeclaration;
  /**
   * What a collection may set for this plugin in its `settings.<plugin id>` (a zod schema), e.g.
   * the ticket type an end user's ticket gets on that endpoint. Every collection listing the
   * plugin is checked against it at startup, one that gives nothing as `{}`; setup reads the
   * parsed values with `ctx.collectionSettings(schema)`. Without it, a collection giving this
   * plugin settings fails startup.
   */
  readonly collectionSettings?: z.ZodType;
  /**
   * The plugin's rows that are deleted by age (ADR 0039), each kind named `<id>.<rule name>` in
   * `retention.keepDays` and in `servicedesk-mcp prune`.
   */
  readonly retention?: readonly RetentionRule[];
  /** Subcommands of the `servicedesk-mcp` CLI (e.g. `seed`). */
  readonly commands?: readonly PluginCommand[];
  /** Runs once at startup, after the plugins it requires; may register more tools and provide services. */
  readonly setup?: (
    ctx: PluginSetupContext,
  ) => Promise<PluginInstance | void> | PluginInstance | void;
}

/** A frozen plugin definition. */
export interface PluginDefinition extends PluginSpec {
  readonly kind: 'plugin';
  readonly requires: readonly string[];
  readonly optionalRequires: readonly string[];
  readonly scopes: Readonly<Record<Scope, string>>;
}

/**
 * Declares a plugin. Export it from an options factory so every plugin is used the same way.
 *
 * @example
 * export function echoPlugin(options: EchoPluginOptions = {}) {
 *   return definePlugin({ id: 'echo', version: '1.0.0',
 *     scopes: { 'echo:read': 'Echo text back' }, tools: [echoTool(options)] });
 * }
 */
export function definePlugin(spec: PluginSpec): PluginDefinition {
  return Object.freeze({
    ...spec,
    kind: 'plugin' as const,
    requires: Object.freeze([...(spec.requires ?? [])]),
    optionalRequires: Object.freeze([...(spec.optionalRequires ?? [])]),
    scopes: Object.freeze({ ...spec.scopes }),
    tools: Object.freeze([...(spec.tools ?? [])]),
    resources: Object.freeze([...(spec.resources ?? [])]),
    resourceTemplates: Object.freeze([...(spec.resourceTemplates ?? [])]),
    prompts: Object.freeze([...(spec.prompts ?? [])]),
    commands: Object.freeze([...(spec.commands ?? [])]),
    retention: Object.freeze([...(spec.retention ?? [])]),
    ...(spec.dynamicTools && {
      dynamicTools: Object.freeze({ prefixes: Object.freeze([...spec.dynamicTools.prefixes]) }),
    }),
  });
}
