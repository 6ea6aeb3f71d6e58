import { sql } from 'kysely';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServer, defineTool, type ServiceDeskServer } from '../../../core/index.js';
import type { AuditRow } from '../../../core/audit/audit-log.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { noteInBothEras, noteServerConfig } from './support/note-server.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

const noteTool = defineTool({
  name: 'note',
  title: 'Note',
  description: 'Logs a line and reads the database once.',
  input: z.object({ text: z.string() }),
  scopes: ['desk:use'],
  handler: async ({ input, db, log }) => {
    log.info('noting', { text: input.text });
    await sql`select 1 as one`.execute(db);
    return input.text;
  },
});

const attribute = (span: OtlpSpan, key: string) =>
  span.attributes.find((a) => a.key === key)?.value.stringValue;

describe.each(testEngines)(
  'traces and log correlation of tools/call, both protocol eras, on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase;
    const bodies: unknown[] = [];
    const lines: Record<string, unknown>[] = [];
    let receiver: Server;
    let server: ServiceDeskServer;
    let spans: OtlpSpan[];
    let rows: AuditRow[];
    let resourceNames: (string | undefined)[];

    beforeAll(async () => {
      // A real OTLP/HTTP receiver: the exporter posts JSON to /v1/traces.
      receiver = createHttpServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          if (req.url === '/v1/traces') bodies.push(JSON.parse(body));
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      database = await createDatabase();
      const port = (receiver.address() as AddressInfo).port;
      server = await createServer(
        noteServerConfig({ tool: noteTool, lines, databaseUrl: database.url }),
        {
          env: {
            OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/`,
            OTEL_SERVICE_NAME: 'desk-under-test',
          },
        },
      );
      await server.listen();
      for (const answer of await noteInBothEras(server.collections[0]!.url))
        expect(answer.status).toBe(200);
      await server.audit.flush();
      rows = await server.audit.query({ since: new Date(0), tool: 'note' });
      // Closing sends the spans still batched.
      await server.close();
      const exported = bodies as {
        resourceSpans: {
          resource: { attributes: OtlpSpan['attributes'] };
          scopeSpans: { spans: OtlpSpan[] }[];
        }[];
      }[];
      spans = exported.flatMap((b) =>
        b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
      );
      resourceNames = exported.flatMap((b) =>
        b.resourceSpans.map(
          (r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
        ),
      );
    });
    afterAll(async () => {
      await new Promise((resolve) => receiver?.close(resolve));
      await database?.drop();
    });

    it('exports one span per call with collection, tool, outcome and the audit correlation id', () => {
      expect(rows).toHaveLength(2);
      const calls = spans.filter((s) => s.name === 'tools/call note');
      expect(calls).toHaveLength(2);
      expect(new Set(resourceNames)).toEqual(new Set(['desk-under-test']));
      expect(calls.map((s) => attribute(s, 'servicedesk.correlation_id')).sort()).toEqual(
        rows.map((r) => r.correlation_id).sort(),
      );
      for (const call of calls) {
        expect(attribute(call, 'servicedesk.collection')).toBe('desk');
        expect(attribute(call, 'servicedesk.tool')).toBe('note');
        expect(attribute(call, 'servicedesk.outcome')).toBe('ok');
        expect(call.parentSpanId ?? '').toBe('');
      }
    });

    it("puts the store's statements under the call's span", () => {
      for (const call of spans.filter((s) => s.name === 'tools/call note')) {
        const children = spans.filter((s) => s.parentSpanId === call.spanId);
        expect(children.map((s) => s.name)).toContain('db select');
        const select = children.find((s) => s.name === 'db select')!;
        expect(select.traceId).toBe(call.traceId);
        expect(attribute(select, 'db.query.text')).toBe('select 1 as one');
      }
      // The batched audit insert belongs to no call.
      const inserts = spans.filter((s) => s.name === 'db insert');
      expect(inserts).toEqual([]);
    });

    it("writes the call's correlation id on the lines logged while it runs", () => {
      const noted = lines.filter((l) => l['msg'] === 'noting');
      expect(noted).toHaveLength(2);
      for (const line of noted) {
        const row = rows.find((r) => r.arguments.includes(String(line['text'])));
        expect(line['correlationId']).toBe(row?.correlation_id);
      }
      expect(new Set(noted.map((l) => l['correlationId'])).size).toBe(2);
    });
  },
);
