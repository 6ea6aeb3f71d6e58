import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkListedTool, schemaClients, type TestServer } from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { auditRows } from './support/audit-rows.js';
import {
  everythingRemote,
  readerToken,
  startWithEverything,
  type EverythingSetup,
} from './support/everything-setup.js';
import { readiness } from './support/outbound-server.js';

const imported = [
  'echo',
  'get-sum',
  'trigger-long-running-operation',
  'get-structured-content',
  'get-annotated-message',
];

describe.each(testEngines)(
  'tools of server-everything, imported ($engine)',
  ({ createDatabase }) => {
    let setup: EverythingSetup;
    let database: FreshDatabase;
    let t: TestServer;
    let sam: Client;

    beforeAll(async () => {
      setup = await startWithEverything(createDatabase, {
        remote: (url) => everythingRemote(url, imported, { timeoutMs: 20_000 }),
      });
      ({ database, t } = setup);
      sam = t.clients['ops']!;
    }, 30_000);

    afterAll(() => setup?.close());

    it('lists exactly the allow-listed tools as ev_<tool>, with the remote schemas and annotations', async () => {
      const { tools } = await sam.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(
        imported.map((name) => `ev_${name}`).sort(),
      );
      const sum = tools.find((tool) => tool.name === 'ev_get-sum')!;
      expect(sum.title).toBe('Get Sum Tool');
      expect(sum.description).toContain('Returns the sum of two numbers');
      expect(sum.description).toContain('"Everything reference server"');
      expect(sum.inputSchema).toMatchObject({
        type: 'object',
        properties: { a: { type: 'number', description: 'First number' } },
        required: ['a', 'b'],
      });
      expect(sum.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: false,
      });
      const weather = tools.find((tool) => tool.name === 'ev_get-structured-content')!;
      expect(weather.outputSchema).toMatchObject({
        properties: { temperature: { type: 'number' } },
      });
    });

    it('lists the remote tools in the portable form: nothing a client is documented to reject', async () => {
      const { tools } = await sam.listTools();
      const errors = tools
        .flatMap((tool) => checkListedTool(tool, schemaClients))
        .filter((finding) => finding.severity === 'error');
      expect(errors).toEqual([]);
      const weather = tools.find((tool) => tool.name === 'ev_get-structured-content')!;
      const location = (weather.inputSchema.properties as Record<string, { description?: string }>)[
        'location'
      ];
      // Copilot Studio reads an enum input as plain text: the description names the values.
      expect(location?.description).toContain('One of: New York, Chicago, Los Angeles.');
    });

    it('forwards a call and returns the remote answer, content and structured', async () => {
      expect((await call(sam, 'ev_echo', { message: 'hello remote' })).text).toBe(
        'Echo: hello remote',
      );
      expect((await call(sam, 'ev_get-sum', { a: 2, b: 3 })).text).toBe('The sum of 2 and 3 is 5.');
      const weather = await call(sam, 'ev_get-structured-content', { location: 'Chicago' });
      expect(weather.isError).toBe(false);
      expect(weather.out).toEqual({
        temperature: 36,
        conditions: 'Light rain / drizzle',
        humidity: 82,
      });
      const annotated = (await sam.callTool({
        name: 'ev_get-annotated-message',
        arguments: { messageType: 'error' },
      })) as CallToolResult;
      expect(annotated.content[0]).toMatchObject({ type: 'text', annotations: { priority: 1.0 } });
    });

    it('refuses bad arguments on our side against the remote schema, naming the field', async () => {
      const wrongType = await call(sam, 'ev_get-sum', { a: 'two', b: 3 });
      expect(wrongType.isError).toBe(true);
      expect(wrongType.text).toMatch(/^Invalid arguments for tool ev_get-sum: a: must be number/);
      const missing = await call(sam, 'ev_get-structured-content', {});
      expect(missing.text).toContain('location: required field is missing');
      const outOfList = await call(sam, 'ev_get-structured-content', { location: 'Paris' });
      expect(outOfList.text).toContain(
        'location: expected one of "New York", "Chicago", "Los Angeles"',
      );
    });

    it('applies our scopes: without everything:compute, ev_get-sum is not listed, and a call asks for the scope', async () => {
      const reader = await t.connect('ops', readerToken.token);
      const names = (await reader.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('ev_echo');
      expect(names).not.toContain('ev_get-sum');
      await expect(
        reader.callTool({ name: 'ev_get-sum', arguments: { a: 1, b: 1 } }),
      ).rejects.toThrow(/AUTH_INSUFFICIENT_SCOPE: tool ev_get-sum needs scope everything:compute/);
    });

    it('forwards the remote progress to the caller', async () => {
      const seen: Progress[] = [];
      const result = (await sam.callTool(
        { name: 'ev_trigger-long-running-operation', arguments: { duration: 1, steps: 4 } },
        undefined,
        { onprogress: (progress) => seen.push(progress) },
      )) as CallToolResult;
      expect(result.isError).toBeFalsy();
      expect(result.content[0]).toMatchObject({ text: expect.stringContaining('Steps: 4') });
      expect(seen.map((p) => [p.progress, p.total])).toEqual([
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
      ]);
    });

    it('stops a cancelled call at once instead of waiting for the remote', async () => {
      const controller = new AbortController();
      const started = Date.now();
      const pending = sam.callTool(
        { name: 'ev_trigger-long-running-operation', arguments: { duration: 10, steps: 10 } },
        undefined,
        {
          signal: controller.signal,
          onprogress: () => controller.abort('the agent changed their mind'),
        },
      );
      await expect(pending).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
      // Cancelled in our audit, and the remote still answers.
      await vi.waitFor(
        async () =>
          expect(await outcomes('ev_trigger-long-running-operation')).toContain('cancelled'),
        {
          timeout: 5_000,
        },
      );
      expect((await call(sam, 'ev_echo', { message: 'still there' })).text).toBe(
        'Echo: still there',
      );
    });

    it('audits each forwarded call as our own, with the caller and outcome', async () => {
      await call(sam, 'ev_echo', { message: 'audit me' });
      await call(sam, 'ev_get-sum', { a: 'x', b: 1 });
      await vi.waitFor(
        async () => {
          const rows = await auditRows(database.url);
          expect(rows).toContainEqual(
            expect.objectContaining({
              tool: 'ev_echo',
              user_id: 'sam@helpdesk.example',
              outcome: 'ok',
              collection_id: 'ops',
            }),
          );
          expect(rows).toContainEqual(
            expect.objectContaining({ tool: 'ev_get-sum', outcome: 'invalid_input' }),
          );
        },
        { timeout: 5_000 },
      );
    });

    it('reports the remote ready in /readyz with its tool count', async () => {
      const { status, checks } = await readiness(t);
      expect(status).toBe(200);
      expect(checks['external-mcp:everything']).toEqual({ ok: true, detail: '5 tools' });
    });

    async function outcomes(tool: string): Promise<string[]> {
      return (await auditRows(database.url))
        .filter((row) => row.tool === tool)
        .map((row) => row.outcome);
    }
  },
);
