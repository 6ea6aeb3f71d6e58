import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  ToolError,
  type TestServer,
} from '../../../core/index.js';
import type { AuditRow } from '../../../core/audit/audit-log.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

const signInTool = defineTool({
  name: 'sign_in_remote',
  title: 'Sign in to the remote ITSM',
  description: 'Signs in with a username and password.',
  input: z.object({
    username: z.string(),
    password: z.string(),
    options: z.object({ apiKey: z.string(), region: z.string() }).optional(),
  }),
  scopes: ['desk:use'],
  handler: ({ input }) => `signed in as ${input.username}`,
});

const setPinTool = defineTool({
  name: 'set_door_pin',
  title: 'Set a door PIN',
  description: 'Sets the PIN on a ticket for site access.',
  input: z.object({ ticketId: z.number(), pin: z.string() }),
  output: z.object({ ticketId: z.number() }),
  secretArguments: ['pin'],
  scopes: ['desk:use'],
  handler: ({ input }) => ({ ticketId: input.ticketId }),
});

const closedTicketTool = defineTool({
  name: 'update_closed_ticket',
  title: 'Update a closed ticket',
  description: 'Always refuses: the ticket is closed.',
  input: z.object({ ticketId: z.number() }),
  scopes: ['desk:use'],
  handler: ({ input }) => {
    throw new ToolError(`ticket ${input.ticketId} is closed; reopen it with action_ticket first`);
  },
});

const crashingTool = defineTool({
  name: 'crash',
  title: 'Crash',
  description: 'Fails with an unexpected error.',
  input: z.object({}),
  scopes: ['desk:use'],
  handler: () => {
    throw new Error('relation "tickets" does not exist');
  },
});

const wrongOutputTool = defineTool({
  name: 'wrong_output',
  title: 'Wrong output',
  description: 'Returns something its output schema does not allow.',
  input: z.object({}),
  output: z.object({ id: z.number() }),
  scopes: ['desk:use'],
  // @ts-expect-error -- deliberately wrong, to exercise output validation
  handler: () => ({ id: 'not a number' }),
});

let cancelStarted: () => void = () => undefined;
const slowTool = defineTool({
  name: 'slow_report',
  title: 'Slow report',
  description: 'Runs until cancelled.',
  input: z.object({}),
  scopes: ['desk:use'],
  handler: ({ signal }) =>
    new Promise<string>((resolve) => {
      signal.addEventListener('abort', () => resolve('stopped'));
      cancelStarted();
    }),
});

const callIdTool = defineTool({
  name: 'my_call_id',
  title: 'My call id',
  description: "Returns the correlation id on the handler's principal.",
  input: z.object({}),
  scopes: ['desk:use'],
  handler: ({ principal }) => principal.correlationId ?? 'none',
});

const adminTool = defineTool({
  name: 'purge_tickets',
  title: 'Purge tickets',
  description: 'Deletes tickets; admins only.',
  input: z.object({ password: z.string() }),
  scopes: ['desk:admin'],
  handler: () => 'purged',
});

const deskPlugin = definePlugin({
  id: 'desk',
  version: '1.0.0',
  scopes: { 'desk:use': 'Use the desk', 'desk:admin': 'Administer the desk' },
  tools: [
    signInTool,
    setPinTool,
    closedTicketTool,
    crashingTool,
    wrongOutputTool,
    slowTool,
    callIdTool,
    adminTool,
  ],
});

describe.each(testEngines)('audit of tool calls on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;
  const since = new Date(Date.now() - 1000);

  beforeAll(async () => {
    database = await createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin],
      collections: [
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['desk'],
          // desk:admin is not granted, so purge_tickets is out of every caller's reach and a
          // call is "not found"; a tool that only needs more consent is a 403 (step-up) instead.
          grant: ['desk:use'],
        }),
      ],
      tokens: [
        {
          token: 'agent-token',
          name: 'helpdesk-app',
          userId: 'sam@helpdesk.example',
          role: 'agent',
          scopes: ['desk:use'],
          collections: ['desk'],
        },
      ],
      databaseUrl: database.url,
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  /** Makes one call, flushes the audit log and returns the rows the call wrote. */
  async function audited(call: () => Promise<unknown>, tool: string): Promise<AuditRow[]> {
    const before = await t.server.audit.query({ since, tool });
    await call().catch(() => undefined);
    await t.server.audit.flush();
    const after = await t.server.audit.query({ since, tool });
    return after.slice(before.length);
  }

  const client = () => t.clients['desk']!;
  const argumentsOf = (row: AuditRow): unknown => JSON.parse(row.arguments);

  it('writes one row with every field for a successful call, redacting a password', async () => {
    const started = new Date();
    const rows = await audited(
      () =>
        client().callTool({
          name: 'sign_in_remote',
          arguments: {
            username: 'svc-desk',
            password: 'hunter2',
            options: { apiKey: 'k-123', region: 'eu' },
          },
        }),
      'sign_in_remote',
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      collection_id: 'desk',
      user_id: 'sam@helpdesk.example',
      role: 'agent',
      client_id: 'helpdesk-app',
      tool: 'sign_in_remote',
      outcome: 'ok',
      error_code: null,
    });
    expect(JSON.parse(row.arguments)).toEqual({
      username: 'svc-desk',
      password: '[redacted]',
      options: { apiKey: '[redacted]', region: 'eu' },
    });
    expect(row.arguments).not.toContain('hunter2');
    expect(row.arguments).not.toContain('k-123');
    expect(new Date(row.at).getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(new Date(row.at).getTime()).toBeLessThanOrEqual(Date.now());
    expect(typeof row.duration_ms).toBe('number');
    expect(row.duration_ms).toBeGreaterThanOrEqual(0);
    expect(row.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof row.id).toBe('number');
  });

  it("hands the handler the audit row's correlation id on its principal, new for every call", async () => {
    const texts: string[] = [];
    const rows = await audited(async () => {
      for (let i = 0; i < 2; i++) {
        const result = await client().callTool({ name: 'my_call_id', arguments: {} });
        texts.push((result.content as { text: string }[])[0]!.text);
      }
    }, 'my_call_id');
    expect(rows.map((row) => row.correlation_id).sort()).toEqual([...texts].sort());
    expect(new Set(texts).size).toBe(2);
  });

  it('redacts the arguments a tool lists in secretArguments', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'set_door_pin', arguments: { ticketId: 4821, pin: '0451' } }),
      'set_door_pin',
    );
    expect(rows.map((r) => [r.outcome, argumentsOf(r)])).toEqual([
      ['ok', { ticketId: 4821, pin: '[redacted]' }],
    ]);
  });

  it('records invalid_input, still redacting secrets', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'set_door_pin', arguments: { ticketId: 'x', pin: '0451' } }),
      'set_door_pin',
    );
    expect(rows.map((r) => [r.outcome, r.error_code, argumentsOf(r)])).toEqual([
      ['invalid_input', 'TOOL_INVALID_INPUT', { ticketId: 'x', pin: '[redacted]' }],
    ]);
  });

  it('records tool_error for a ToolError', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'update_closed_ticket', arguments: { ticketId: 4821 } }),
      'update_closed_ticket',
    );
    expect(rows.map((r) => [r.outcome, r.error_code])).toEqual([['tool_error', 'TOOL_FAILED']]);
  });

  it('records internal_error with the correlation id the caller was given', async () => {
    let text = '';
    const rows = await audited(async () => {
      const result = await client().callTool({ name: 'crash', arguments: {} });
      text = (result.content as { text: string }[])[0]!.text;
    }, 'crash');
    expect(rows.map((r) => [r.outcome, r.error_code])).toEqual([
      ['internal_error', 'INTERNAL_ERROR'],
    ]);
    expect(text).toContain(`correlation id ${rows[0]!.correlation_id}`);
    expect(text).not.toContain('relation "tickets"');
  });

  it('records invalid_output', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'wrong_output', arguments: {} }),
      'wrong_output',
    );
    expect(rows.map((r) => [r.outcome, r.error_code])).toEqual([
      ['invalid_output', 'TOOL_INVALID_OUTPUT'],
    ]);
  });

  it('records denied for a tool the caller may not use, redacting its secrets', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'purge_tickets', arguments: { password: 'letmein' } }),
      'purge_tickets',
    );
    expect(rows.map((r) => [r.outcome, r.error_code, argumentsOf(r)])).toEqual([
      ['denied', 'TOOL_NOT_FOUND', { password: '[redacted]' }],
    ]);
  });

  it('records denied for a tool that does not exist', async () => {
    const rows = await audited(
      () => client().callTool({ name: 'no_such_tool', arguments: { token: 'abc', q: 'vpn' } }),
      'no_such_tool',
    );
    expect(rows.map((r) => [r.outcome, argumentsOf(r)])).toEqual([
      ['denied', { token: '[redacted]', q: 'vpn' }],
    ]);
  });

  it('records cancelled when the client cancels the call', async () => {
    const controller = new AbortController();
    const started = new Promise<void>((resolve) => {
      cancelStarted = resolve;
    });
    const before = await t.server.audit.query({ since, tool: 'slow_report' });
    const call = client().callTool({ name: 'slow_report', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    await started;
    controller.abort();
    await expect(call).rejects.toThrow();
    await vi.waitFor(
      async () => {
        await t.server.audit.flush();
        const rows = await t.server.audit.query({ since, tool: 'slow_report' });
        expect(rows.slice(before.length).map((r) => [r.outcome, r.error_code])).toEqual([
          ['cancelled', 'TOOL_CANCELLED'],
        ]);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('writes exactly one row per call', async () => {
    const before = await t.server.audit.query({ since });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        client().callTool({ name: 'set_door_pin', arguments: { ticketId: i, pin: 'x' } }),
      ),
    );
    await t.server.audit.flush();
    const rows = (await t.server.audit.query({ since })).slice(before.length);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => (argumentsOf(r) as { ticketId: number }).ticketId)).size).toBe(
      25,
    );
    expect(new Set(rows.map((r) => r.correlation_id)).size).toBe(25);
  });
});
