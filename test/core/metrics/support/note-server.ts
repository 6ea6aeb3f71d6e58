import {
  defineCollection,
  definePlugin,
  type ServerConfig,
  type ToolDefinition,
} from '../../../../core/index.js';
import { modernRequest } from '../../../helpers/modern-request.js';

/** The dev token of {@link noteServerConfig}'s one caller. */
export const noteToken = 'note-token';

/**
 * A server with one tool, `note`, on one collection `desk`, whose log lines are parsed into
 * `lines`: what the call-correlation tests (traces on and off) run.
 */
export function noteServerConfig(options: {
  readonly tool: ToolDefinition;
  readonly lines: Record<string, unknown>[];
  readonly databaseUrl: string;
}): ServerConfig {
  return {
    log: {
      level: 'info',
      sink: (line) => options.lines.push(JSON.parse(line) as Record<string, unknown>),
    },
    auditFlushMs: 20,
    databaseUrl: options.databaseUrl,
    http: { host: '127.0.0.1', port: 0, shutdownIdleGraceMs: 0 },
    plugins: [
      definePlugin({
        id: 'desk',
        version: '1.0.0',
        scopes: { 'desk:use': 'Use' },
        tools: [options.tool],
      }),
    ],
    collections: [
      defineCollection({ id: 'desk', title: 'Desk', plugins: ['desk'], grant: ['desk:use'] }),
    ],
    auth: {
      devTokens: [
        {
          token: noteToken,
          name: 'app',
          userId: 'sam@example.com',
          role: 'agent',
          scopes: ['desk:use'],
          collections: ['desk'],
        },
      ],
    },
  };
}

/**
 * Calls `note` once in each protocol era, with the text `legacy` and then `modern`, and returns
 * each answer's status and body.
 */
export async function noteInBothEras(url: string): Promise<{ status: number; body: string }[]> {
  const legacy = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${noteToken}`,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'note', arguments: { text: 'legacy' } },
    }),
  });
  const answers = [{ status: legacy.status, body: await legacy.text() }];
  const modern = modernRequest({
    method: 'tools/call',
    params: { name: 'note', arguments: { text: 'modern' } },
    headers: { authorization: `Bearer ${noteToken}` },
  });
  const answer = await fetch(url, {
    method: 'POST',
    headers: modern.headers,
    body: JSON.stringify(modern.body),
  });
  answers.push({ status: answer.status, body: await answer.text() });
  return answers;
}
