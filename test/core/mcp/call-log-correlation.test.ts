import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createServer,
  defineCollection,
  definePlugin,
  defineTool,
  type ServiceDeskServer,
} from '../../../core/index.js';
import type { AuditRow } from '../../../core/audit/audit-log.js';
import { currentCallFrame } from '../../../core/log/call-frame.js';
import { modernRequest } from '../../helpers/modern-request.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';

const token = 'log-token';

// Logs through both of its loggers and says whether it ran inside a call frame.
const noteTool = defineTool({
  name: 'note',
  title: 'Note',
  description: 'Logs two lines.',
  input: z.object({ text: z.string() }),
  scopes: ['desk:use'],
  handler: ({ input, log, serverLog }) => {
    log.info('noting', { text: input.text });
    serverLog.warn('noted on the server', { text: input.text });
    return currentCallFrame() === undefined ? 'no frame' : 'in a frame';
  },
});

describe('log lines of a tools/call with traces off', () => {
  let folder: TempFolder;
  let server: ServiceDeskServer;
  const lines: Record<string, unknown>[] = [];
  const answers: string[] = [];
  let rows: AuditRow[];

  beforeAll(async () => {
    folder = createTempFolder('call-log-correlation-');
    server = await createServer({
      log: {
        level: 'info',
        sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
      },
      auditFlushMs: 20,
      databaseUrl: folder.file('desk.db'),
      http: { host: '127.0.0.1', port: 0, shutdownIdleGraceMs: 0 },
      plugins: [
        definePlugin({
          id: 'desk',
          version: '1.0.0',
          scopes: { 'desk:use': 'Use' },
          tools: [noteTool],
        }),
      ],
      collections: [
        defineCollection({ id: 'desk', title: 'Desk', plugins: ['desk'], grant: ['desk:use'] }),
      ],
      auth: {
        devTokens: [
          {
            token,
            name: 'app',
            userId: 'sam@example.com',
            role: 'agent',
            scopes: ['desk:use'],
            collections: ['desk'],
          },
        ],
      },
    });
    await server.listen();
    const url = server.collections[0]!.url;
    const legacy = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
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
    answers.push(await legacy.text());
    const modern = modernRequest({
      method: 'tools/call',
      params: { name: 'note', arguments: { text: 'modern' } },
      headers: { authorization: `Bearer ${token}` },
    });
    const answer = await fetch(url, {
      method: 'POST',
      headers: modern.headers,
      body: JSON.stringify(modern.body),
    });
    answers.push(await answer.text());
    await server.audit.flush();
    rows = await server.audit.query({ since: new Date(0), tool: 'note' });
  });
  afterAll(async () => {
    await server?.close();
    folder?.remove();
  });

  it('runs the handler without a call frame: no AsyncLocalStorage hooks every promise', () => {
    expect(answers).toHaveLength(2);
    for (const answer of answers) expect(answer).toContain('no frame');
  });

  it("carries the audit row's correlation id on the tool's and the server log's lines", () => {
    expect(rows).toHaveLength(2);
    for (const text of ['legacy', 'modern']) {
      const row = rows.find((r) => r.arguments.includes(text));
      const written = lines.filter((l) => l['text'] === text);
      expect(written.map((l) => l['msg']).sort()).toEqual(['noted on the server', 'noting']);
      for (const line of written) expect(line['correlationId']).toBe(row?.correlation_id);
    }
    expect(rows[0]?.correlation_id).not.toBe(rows[1]?.correlation_id);
  });
});
