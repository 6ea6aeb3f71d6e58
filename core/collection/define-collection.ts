import type { CallLimits } from '../limits/call-limit-settings.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Role, Scope } from '../scope/scope.js';

/** A collection as written in config. */
export interface CollectionSpec {
  /** kebab-case; the default path is `/mcp/<id>`. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Defaults to `/mcp/<id>`. */
  readonly path?: string;
  /** Ids of the plugins whose tools, resources and prompts this endpoint serves. */
  readonly plugins: readonly string[];
  /**
   * Only these tools of the listed plugins, by name (every one of them when left out): e.g. a
   * self-service endpoint that serves `get_my_tickets` but not `search_tickets` from one plugin.
   * Each name must be a tool of a listed plugin.
   */
  readonly tools?: readonly string[];
  /** The most any token may do here; each scope must be defined by a listed plugin. */
  readonly grant: readonly Scope[];
  /** `required` (default) demands a bearer token; `none` is allowed only on loopback. */
  readonly auth?: 'required' | 'none';
  /** Who may call when `auth` is `none` (defaults to a `service` principal holding the grant). */
  readonly anonymous?: { readonly userId?: string; readonly role?: Role };
  /** Roles that may use this endpoint; others are refused (defaults to all). */
  readonly roles?: readonly Role[];
  /** `stateless` (default) or `stateful` (sessions; needed for elicitation and sampling). */
  readonly session?: 'stateless' | 'stateful';
  /** The token audience; defaults to the collection's public URL. */
  readonly audience?: string;
  /**
   * Settings for the plugins this collection lists, by plugin id, each checked at startup against
   * that plugin's `collectionSettings` schema: what the plugin does differently on this endpoint,
   * e.g. `{ tickets: { defaultType: 'incident' } }` so an end user's ticket needs no type.
   */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * Tools whose calls change the desk only after the person confirms, by tool name: `{}` for
   * every call, or `when` to confirm only calls whose top-level arguments take one of the listed
   * values, e.g. `{ action_ticket: { when: { action: ['resolve', 'close_with_email'] } } }`. The
   * client asks the person (2026-07-28 MRTR, or elicitation in a stateful 2025-11-25 session);
   * a client that can do neither gets an error saying so, and nothing is written.
   */
  readonly confirm?: Readonly<Record<string, WriteConfirmation>>;
  /**
   * Sent to clients at initialize as server instructions, followed by the sentence saying that
   * text in `<untrusted-text>` fences is data (`untrustedTextNotice`), which every collection sends.
   */
  readonly instructions?: string;
  /** This collection's `tools/call` budgets, over the server's `limits`; `'off'` for none. */
  readonly limits?: CallLimits | 'off';
}

/** When a tool's call needs the person's confirmation (see {@link CollectionSpec.confirm}). */
export interface WriteConfirmation {
  /** Confirm only calls whose argument equals one of these values; absent: every call. */
  readonly when?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
}

/** A frozen collection with its defaults filled in. */
export interface CollectionDefinition extends CollectionSpec {
  readonly kind: 'collection';
  readonly path: string;
  readonly auth: 'required' | 'none';
  readonly session: 'stateless' | 'stateful';
  readonly roles: readonly Role[];
}

/**
 * Declares a collection: one MCP endpoint with its own URL, tools, scopes and clients.
 *
 * @example
 * defineCollection({ id: 'agent', title: 'Agent Functions', plugins: ['tickets'],
 *   grant: ['tickets:read:all', 'tickets:write:all'], roles: ['agent', 'admin'] })
 * defineCollection({ id: 'user', title: 'User Functions', plugins: ['tickets'],
 *   tools: ['create_ticket', 'get_my_tickets'], grant: ['tickets:read:own', 'tickets:write:own'] })
 */
export function defineCollection(spec: CollectionSpec): CollectionDefinition {
  checkSpec(spec);
  return Object.freeze({
    ...spec,
    kind: 'collection' as const,
    path: spec.path ?? `/mcp/${spec.id}`,
    auth: spec.auth ?? 'required',
    session: spec.session ?? 'stateless',
    roles: Object.freeze([...(spec.roles ?? ['end_user', 'agent', 'admin', 'service'])]),
    plugins: Object.freeze([...spec.plugins]),
    ...(spec.tools !== undefined && { tools: Object.freeze([...spec.tools]) }),
    grant: Object.freeze([...spec.grant]),
  });
}

const isStringList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * What TypeScript checks, checked again for a config written in JavaScript: without it a missing
 * list surfaced as "spec.grant is not iterable", naming neither the collection nor the field.
 */
function checkSpec(spec: CollectionSpec): void {
  const id = typeof spec.id === 'string' && spec.id !== '' ? spec.id : undefined;
  const wrong = (rule: string): ServiceDeskError =>
    new ServiceDeskError('CONFIG_INVALID', `collection ${id ?? '(no id)'}: ${rule}`);
  if (id === undefined) throw wrong('id must be a non-empty string, e.g. "agent"');
  if (typeof spec.title !== 'string') throw wrong('title must be a string');
  if (!isStringList(spec.plugins)) throw wrong('plugins must be a list of plugin ids');
  if (!isStringList(spec.grant))
    throw wrong('grant must be a list of scopes ([] when the collection grants none)');
  for (const key of ['tools', 'roles'] as const) {
    if (spec[key] !== undefined && !isStringList(spec[key]))
      throw wrong(`${key}, when given, must be a list of strings`);
  }
}
