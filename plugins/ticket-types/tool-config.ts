import { ServiceDeskError } from '../../core/index.js';

/**
 * Where a ticket-type tool takes its fields from: a ticket type, or a service catalogue item.
 *
 * @example
 * const source: TicketTypeToolSource = { type: 'opportunity' };
 */
export type TicketTypeToolSource =
  | { readonly type: string; readonly catalogueItem?: never }
  | { readonly catalogueItem: string; readonly type?: never };

/**
 * One tool to build: its source, and optionally its name, scope and description.
 *
 * @example
 * const tool: TicketTypeToolConfig = { catalogueItem: 'new-starter', name: 'log_new_starter' };
 */
export type TicketTypeToolConfig = TicketTypeToolSource & {
  /** The tool's name; `log_<key>` (dashes become underscores) by default. */
  readonly name?: string;
  /**
   * The tool's own scope, which this plugin declares; `tickets:log-<key>:own` (underscores
   * become dashes) by default. Callers also need `tickets:write:own` (or wider).
   */
  readonly scope?: string;
  /** Replaces the generated description the model reads. */
  readonly description?: string;
};

/**
 * A configured tool after its options were checked: what setup builds it from.
 *
 * @example
 * planTicketTypeTools([{ type: 'opportunity' }])[0] // { kind: 'type', key: 'opportunity', name: 'log_opportunity', ... }
 */
export interface PlannedTicketTypeTool {
  readonly kind: 'type' | 'catalogueItem';
  /** The type or catalogue item key, trimmed and lower-cased as the desk stores it. */
  readonly key: string;
  readonly name: string;
  readonly scope: string;
  readonly description: string | undefined;
}

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;
const scopePattern = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/;

/**
 * Makes the error for a broken rule: `CONFIG_INVALID` for the config's tools,
 * `PLUGIN_CONTRIBUTION_INVALID` for a tool another plugin contributes.
 *
 * @example
 * const refuse: Refusal = configInvalid;
 */
export type Refusal = (rule: string) => ServiceDeskError;

/**
 * A `CONFIG_INVALID` error naming this plugin and the rule broken.
 *
 * @example
 * throw configInvalid('tools must list at least one tool');
 */
export function configInvalid(message: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `plugin "ticket-types": ${message}`);
}

/**
 * Checks one tool's options — one source, a valid name and scope, no blank description — and
 * fills in the defaults. `where` names the tool in messages; `refuse` makes the error.
 *
 * @example
 * planTicketTypeTool({ type: 'opportunity' }, { where: 'tools[0]', refuse: configInvalid })
 */
export function planTicketTypeTool(
  config: TicketTypeToolConfig,
  options: { readonly where: string; readonly refuse: Refusal },
): PlannedTicketTypeTool {
  const { where, refuse } = options;
  const { type, catalogueItem } = config as { type?: unknown; catalogueItem?: unknown };
  if ((type === undefined) === (catalogueItem === undefined)) {
    throw refuse(
      `${where} must give exactly one of "type" (a ticket type key) or "catalogueItem" (a catalogue item key)`,
    );
  }
  const kind = type === undefined ? 'catalogueItem' : 'type';
  const raw = type ?? catalogueItem;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw refuse(`${where}.${kind} must be a non-empty key such as "opportunity"`);
  }
  const key = raw.trim().toLowerCase();
  const name = config.name ?? `log_${key.replace(/-/g, '_')}`;
  if (!toolNamePattern.test(name)) {
    throw refuse(
      `${where} has tool name "${name}", which must match /^[A-Za-z0-9_-]{1,64}$/ ` +
        '(snake_case, at most 64 characters); set "name"',
    );
  }
  const scope = config.scope ?? `tickets:log-${key.replace(/_/g, '-')}:own`;
  if (!scopePattern.test(scope)) {
    throw refuse(
      `${where} has scope "${scope}", which must match resource:action[:extent] ` +
        '(lower-case letters, digits and dashes, e.g. tickets:log-opportunity:own); set "scope"',
    );
  }
  if (config.description !== undefined && config.description.trim() === '') {
    throw refuse(`${where}.description must not be blank; leave it out for the generated one`);
  }
  return Object.freeze({ kind, key, name, scope, description: config.description });
}

/**
 * Checks the configured tools — one source each, valid names and scopes, no name or scope used
 * twice — and fills in the defaults. Throws `CONFIG_INVALID` naming the plugin and the rule.
 *
 * @example
 * planTicketTypeTools([{ type: 'opportunity' }, { catalogueItem: 'new-starter' }])
 */
export function planTicketTypeTools(
  tools: readonly TicketTypeToolConfig[] | undefined,
): readonly PlannedTicketTypeTool[] {
  if (!Array.isArray(tools) || tools.length === 0) {
    throw configInvalid('tools must list at least one tool, e.g. tools: [{ type: "opportunity" }]');
  }
  const planned = tools.map((tool: TicketTypeToolConfig, index: number) =>
    planTicketTypeTool(tool, { where: `tools[${index}]`, refuse: configInvalid }),
  );
  for (const field of ['name', 'scope'] as const) {
    const seen = new Set<string>();
    for (const tool of planned) {
      if (seen.has(tool[field])) {
        throw configInvalid(
          `two tools have the ${field} "${tool[field]}"; give each tool its own ${field}`,
        );
      }
      seen.add(tool[field]);
    }
  }
  return Object.freeze(planned);
}
