import { ServiceDeskError, type Scope } from '../../core/index.js';
import type {
  ExternalMcpPluginOptions,
  RemoteAuth,
  RemoteServerOptions,
  StdioCommand,
} from './options.js';

/** A remote's options after checking, with defaults filled in. */
export interface RemoteConfig {
  readonly id: string;
  readonly title: string;
  readonly prefix: string;
  readonly url: URL | undefined;
  readonly command: StdioCommand | undefined;
  /** `undefined` imports every tool. */
  readonly tools: ReadonlySet<string> | undefined;
  readonly scopes: Readonly<Record<Scope, string>>;
  /** The scopes a remote tool needs, by its remote name (or the default). */
  scopesFor(remoteToolName: string): readonly Scope[];
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly auth: RemoteAuth;
}

const idPattern = /^[a-z][a-z0-9-]*$/;
const prefixPattern = /^[A-Za-z](?:[A-Za-z0-9_]{0,30}[A-Za-z0-9])?$/;
const scopePattern = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/;
const envPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function refuse(where: string, rule: string): never {
  throw new ServiceDeskError('CONFIG_INVALID', `plugin "external-mcp": ${where} ${rule}`);
}

function checkWholeNumber(where: string, value: unknown, range: [number, number]): number {
  if (!Number.isSafeInteger(value) || (value as number) < range[0] || (value as number) > range[1])
    refuse(
      where,
      `is ${String(value)}, which must be a whole number from ${range[0]} to ${range[1]}`,
    );
  return value as number;
}

/** Plain http only on loopback, so a bearer token or client secret never crosses a network in clear. */
function checkUrl(where: string, value: unknown, secured: boolean): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return refuse(where, `is "${String(value)}", which must be an absolute http(s) URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || !secured)))
    refuse(where, `is "${url.href}", which must be https (plain http only on a loopback address)`);
  return url;
}

function checkAuth(where: string, auth: RemoteAuth | undefined, secured: boolean): RemoteAuth {
  const given = auth ?? { type: 'none' as const };
  switch (given.type) {
    case 'none':
      return Object.freeze({ type: 'none' });
    case 'bearer':
      if (typeof given.tokenEnv !== 'string' || !envPattern.test(given.tokenEnv))
        refuse(`${where}.tokenEnv`, 'must name an environment variable, e.g. MONITORING_TOKEN');
      return Object.freeze({ type: 'bearer', tokenEnv: given.tokenEnv });
    case 'client-credentials': {
      checkUrl(`${where}.tokenUrl`, given.tokenUrl, secured);
      if (typeof given.clientId !== 'string' || given.clientId.length === 0)
        refuse(`${where}.clientId`, 'must be a non-empty string');
      if (typeof given.clientSecretEnv !== 'string' || !envPattern.test(given.clientSecretEnv))
        refuse(`${where}.clientSecretEnv`, 'must name an environment variable');
      if (given.scope !== undefined && typeof given.scope !== 'string')
        refuse(`${where}.scope`, 'must be a space-separated string of scopes');
      if (given.resource !== undefined) checkUrl(`${where}.resource`, given.resource, false);
      return Object.freeze({ ...given });
    }
    default:
      return refuse(
        `${where}.type`,
        `is "${String((given as { type?: unknown }).type)}", which must be none, bearer or client-credentials`,
      );
  }
}

function checkScopes(where: string, remote: RemoteServerOptions): Record<Scope, string> {
  const scopes = remote.scopes as unknown;
  if (typeof scopes !== 'object' || scopes === null || Object.keys(scopes).length === 0)
    refuse(`${where}.scopes`, 'must declare at least one scope with its description');
  for (const [scope, description] of Object.entries(scopes as Record<string, unknown>)) {
    if (!scopePattern.test(scope))
      refuse(
        `${where}.scopes`,
        `has "${scope}", which must match resource:action[:extent], e.g. monitoring:read`,
      );
    if (typeof description !== 'string' || description.length === 0)
      refuse(`${where}.scopes["${scope}"]`, 'needs a description (shown on the consent page)');
  }
  return { ...(scopes as Record<Scope, string>) };
}

function checkToolScopes(
  where: string,
  remote: RemoteServerOptions,
  declared: Record<Scope, string>,
): (name: string) => readonly Scope[] {
  const all = Object.freeze(Object.keys(declared));
  const given = remote.toolScopes ?? {};
  const listed = Array.isArray(remote.tools) ? new Set(remote.tools) : undefined;
  for (const [tool, scopes] of Object.entries(given)) {
    if (!Array.isArray(scopes) || scopes.length === 0)
      refuse(
        `${where}.toolScopes["${tool}"]`,
        'must list at least one scope: every imported tool needs one',
      );
    for (const scope of scopes as unknown[])
      if (typeof scope !== 'string' || !(scope in declared))
        refuse(
          `${where}.toolScopes["${tool}"]`,
          `names "${String(scope)}", which is not one of this remote's scopes (${all.join(', ')})`,
        );
    if (tool !== 'default' && listed && !listed.has(tool))
      refuse(
        `${where}.toolScopes["${tool}"]`,
        'is for a tool that is not in tools; add it there or remove this entry',
      );
  }
  const fallback = Object.freeze([...(given['default'] ?? all)]);
  return (name) =>
    Object.freeze([
      ...(Object.hasOwn(given, name) && name !== 'default' ? given[name]! : fallback),
    ]);
}

function checkCommand(where: string, command: StdioCommand): StdioCommand {
  if (typeof command.command !== 'string' || command.command.length === 0)
    refuse(`${where}.command.command`, 'must be the program to start, e.g. "node"');
  if (
    command.args !== undefined &&
    (!Array.isArray(command.args) || command.args.some((a) => typeof a !== 'string'))
  )
    refuse(`${where}.command.args`, 'must be a list of strings');
  return Object.freeze({ ...command, args: Object.freeze(Array.from(command.args ?? [], String)) });
}

function checkRemote(remote: RemoteServerOptions, index: number): RemoteConfig {
  const id: unknown = remote.id;
  if (typeof id !== 'string' || !idPattern.test(id))
    refuse(
      `remotes[${index}].id`,
      `is "${String(id)}", which must be kebab-case (lower-case letters, digits, dashes)`,
    );
  const where = `remote "${id}"`;
  if (typeof remote.prefix !== 'string' || !prefixPattern.test(remote.prefix))
    refuse(
      `${where}: prefix "${String(remote.prefix)}"`,
      'must be 1–32 letters, digits or underscores, starting with a letter, not ending with _',
    );
  if ((remote.url === undefined) === (remote.command === undefined))
    refuse(where, 'needs exactly one of url (Streamable HTTP) and command (stdio)');
  const secured = remote.auth !== undefined && remote.auth.type !== 'none';
  if (remote.command !== undefined && secured)
    refuse(
      `${where}.auth`,
      'applies to url remotes only; give a local program its credentials in command.env',
    );
  const tools: unknown = remote.tools ?? 'all';
  if (
    tools !== 'all' &&
    (!Array.isArray(tools) ||
      tools.length === 0 ||
      tools.some((t) => typeof t !== 'string' || t.length === 0))
  )
    refuse(`${where}.tools`, "must be 'all' or a non-empty list of the remote's tool names");
  const scopes = checkScopes(where, remote);
  return Object.freeze({
    id,
    title: remote.title ?? id,
    prefix: remote.prefix,
    url: remote.url === undefined ? undefined : checkUrl(`${where}.url`, remote.url, secured),
    command: remote.command === undefined ? undefined : checkCommand(where, remote.command),
    tools: tools === 'all' ? undefined : new Set(tools as string[]),
    scopes: Object.freeze(scopes),
    scopesFor: checkToolScopes(where, remote, scopes),
    timeoutMs: checkWholeNumber(`${where}.timeoutMs`, remote.timeoutMs ?? 30_000, [100, 3_600_000]),
    connectTimeoutMs: checkWholeNumber(
      `${where}.connectTimeoutMs`,
      remote.connectTimeoutMs ?? 10_000,
      [100, 600_000],
    ),
    auth: checkAuth(`${where}.auth`, remote.auth, secured),
  });
}

/**
 * Checks the plugin's options at startup: every mistake is CONFIG_INVALID naming the remote,
 * the field and the rule.
 *
 * @example
 * const remotes = checkOptions({ remotes: [{ id: 'monitoring', prefix: 'monitor', url, scopes }] });
 */
export function checkOptions(options: ExternalMcpPluginOptions): readonly RemoteConfig[] {
  const listed: unknown = options?.remotes;
  if (!Array.isArray(listed) || listed.length === 0)
    refuse('remotes', 'must be a non-empty list of remote servers');
  const remotes = (listed as RemoteServerOptions[]).map(checkRemote);
  const seen = new Map<string, string>();
  for (const remote of remotes) {
    if (seen.has(`id:${remote.id}`))
      refuse(`remote "${remote.id}"`, 'is listed twice; remote ids must be unique');
    seen.set(`id:${remote.id}`, remote.id);
    // One prefix must not start another, or their tool names could collide.
    for (const other of remotes) {
      if (other !== remote && `${other.prefix}_`.startsWith(`${remote.prefix}_`))
        refuse(
          `remote "${other.id}"`,
          `has prefix "${other.prefix}", which overlaps "${remote.prefix}" of remote "${remote.id}"; prefixes must be distinct`,
        );
    }
  }
  return Object.freeze(remotes);
}
