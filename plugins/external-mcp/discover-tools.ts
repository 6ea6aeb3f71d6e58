import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AnyToolDefinition, Logger } from '../../core/index.js';
import type { RemoteConfig } from './check-options.js';
import { importTool, type ForwardCall } from './imported-tool.js';
import { nameTools } from './tool-name.js';

/** A remote's imported tools, and a one-line account of what was left out and why. */
export interface Discovery {
  readonly tools: readonly AnyToolDefinition[];
  /** For `/readyz`: `12 tools` or `3 tools; skipped: a.b (name collides), …; not offered: x`. */
  readonly summary: string;
}

/** Pages at most this many times, so a remote that always answers with a cursor cannot loop us. */
const maxPages = 50;

async function listAll(client: Client, timeoutMs: number): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await client.listTools(cursor === undefined ? {} : { cursor }, {
      timeout: timeoutMs,
    });
    tools.push(...answer.tools);
    cursor = answer.nextCursor;
    if (cursor === undefined) break;
  }
  return tools;
}

const naming = { 'too-long': 'name over 64 characters', collision: 'name collides' } as const;

/**
 * Lists the remote's tools (every page), keeps those the allow-list names, names them
 * `<prefix>_<tool>` and imports them. A tool that cannot be served — a name too long or
 * colliding, an unusable schema, a tool that must run as a task — is skipped with a warning
 * and named in the summary; an allow-listed tool the remote does not offer is named too.
 *
 * @example
 * const { tools, summary } = await discoverTools(client, remote, { forward, log });
 */
export async function discoverTools(
  client: Client,
  remote: RemoteConfig,
  options: { readonly forward: ForwardCall; readonly log: Logger },
): Promise<Discovery> {
  const offered = await listAll(client, remote.connectTimeoutMs);
  const wanted = offered.filter(
    (tool) => remote.tools === undefined || remote.tools.has(tool.name),
  );
  const skipped: string[] = [];
  // A tool that must run as a task cannot be answered by a plain tools/call.
  const callable = wanted.filter((tool) => {
    if (tool.execution?.taskSupport !== 'required') return true;
    skipped.push(`${tool.name} (runs only as a task)`);
    return false;
  });
  const { names, skipped: unnamed } = nameTools(
    remote.prefix,
    callable.map((tool) => tool.name),
  );
  for (const { remoteName, problem } of unnamed) skipped.push(`${remoteName} (${naming[problem]})`);
  const tools: AnyToolDefinition[] = [];
  for (const tool of callable) {
    const localName = names.get(tool.name);
    if (localName === undefined) continue;
    const imported = importTool(remote, { tool, localName, forward: options.forward });
    if (typeof imported === 'string') skipped.push(`${tool.name} (${imported})`);
    else tools.push(imported);
  }
  const missing = [...(remote.tools ?? [])].filter((name) => !offered.some((t) => t.name === name));
  if (skipped.length > 0 || missing.length > 0) {
    options.log.warn('some tools of a remote MCP server are not imported', {
      remote: remote.id,
      skipped,
      notOffered: missing,
    });
  }
  const summary = [
    `${tools.length} tool${tools.length === 1 ? '' : 's'}`,
    ...(skipped.length > 0 ? [`skipped: ${skipped.join(', ')}`] : []),
    ...(missing.length > 0 ? [`not offered by the remote: ${missing.join(', ')}`] : []),
  ].join('; ');
  return { tools, summary };
}
