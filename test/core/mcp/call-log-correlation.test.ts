import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServer, defineTool, type ServiceDeskServer } from '../../../core/index.js';
import type { AuditRow } from '../../../core/audit/audit-log.js';
import { currentCallFrame } from '../../../core/log/call-frame.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';
import { noteInBothEras, noteServerConfig } from '../metrics/support/note-server.js';

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
    server = await createServer(
      noteServerConfig({ tool: noteTool, lines, databaseUrl: folder.file('desk.db') }),
    );
    await server.listen();
    for (const answer of await noteInBothEras(server.collections[0]!.url))
      answers.push(answer.body);
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
