import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import type { AuditRow } from '../../../core/audit/audit-log.js';
import { demoTokens } from '../../../examples/servicedesk/servicedesk.config.js';
import { call } from '../../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

/** Nested arrays 3,000 levels deep, as an attacker builds them: '[' * 3000 + ']' * 3000. */
const deepJunk = JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown;
const manyKeys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
// Just under the HTTP body limit (1 MiB), so it reaches the tool.
const oneMiB = 'x'.repeat(1_000_000);

/** A stored row is bounded whatever the call sent: ~4,000 characters kept, plus JSON and markers. */
const maxStoredArguments = 12_000;

const ticket = {
  type: 'incident',
  summary: 'Printer on floor 3 jams',
  details: 'It jams on every second page.',
  customFields: { affected_service: 'Managed Printing' },
};

/**
 * Issue 15, item 1: every call, whatever its arguments, gets exactly one audit row, and that row
 * is bounded. Before the fix a 3,000-level argument created the ticket and then overflowed the
 * stack while the audit row was written (no row, -32603 to the caller).
 */
describe.each(testEngines)('hostile arguments on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let alice: Client;
  let sam: Client;
  const since = new Date(Date.now() - 1000);

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startTestServer({
      plugins: exampleDeskPlugins(20),
      collections: exampleCollections(),
      tokens: demoTokens,
      databaseUrl: database.url,
    });
    alice = t.clients['user']!;
    sam = t.clients['agent']!;
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  /** Makes one call and returns it with the audit rows it wrote. */
  async function audited(
    client: Client,
    tool: string,
    args: Record<string, unknown>,
  ): Promise<{ rows: AuditRow[]; isError: boolean; text: string; thrown?: string }> {
    const before = await t.server.audit.query({ since, tool });
    let answer: { isError: boolean; text: string; thrown?: string };
    try {
      answer = await call(client, tool, args);
    } catch (error) {
      answer = { isError: true, text: '', thrown: (error as Error).message };
    }
    await t.server.audit.flush();
    const after = await t.server.audit.query({ since, tool });
    return { ...answer, rows: after.slice(before.length) };
  }

  async function ticketCount(): Promise<number> {
    const listed = await call(sam, 'search_tickets', { text: 'Printer on floor 3 jams' });
    return (listed.out.tickets as unknown[]).length;
  }

  for (const [label, junk] of [
    ['a 3,000-level nested array', deepJunk],
    ['50,000 keys', manyKeys],
    ['a 1 MiB string', oneMiB],
  ] as const) {
    it(`create_ticket with ${label} beside valid arguments: refused, nothing written, one bounded row`, async () => {
      const count = await ticketCount();
      const result = await audited(alice, 'create_ticket', { ...ticket, junk });
      expect(result.thrown).toBeUndefined();
      expect(result.isError).toBe(true);
      expect(result.text).toContain('"junk": not a parameter of create_ticket');
      expect(result.text).toContain('summary');
      expect(await ticketCount()).toBe(count);
      expect(result.rows).toHaveLength(1);
      expect(result.rows[0]).toMatchObject({
        outcome: 'invalid_input',
        error_code: 'TOOL_INVALID_INPUT',
      });
      expect(result.rows[0]!.arguments.length).toBeLessThan(maxStoredArguments);
      expect(result.rows[0]!.arguments).toContain('[cut');
      expect(JSON.parse(result.rows[0]!.arguments)).toMatchObject({ summary: ticket.summary });
    });
  }

  it('add_note with a deep argument: refused, one row', async () => {
    const created = await call(alice, 'create_ticket', ticket);
    expect(created.isError, created.text).toBe(false);
    const result = await audited(sam, 'add_note', {
      ticketId: created.out.id,
      body: 'more detail',
      junk: deepJunk,
    });
    expect(result.thrown).toBeUndefined();
    expect(result.text).toContain('"junk": not a parameter of add_note');
    expect(result.rows).toHaveLength(1);
  });

  it('a deep value inside a declared argument is judged by its schema, and audited once', async () => {
    const result = await audited(alice, 'create_ticket', {
      ...ticket,
      customFields: { affected_service: 'Managed Printing', nested: deepJunk },
    });
    expect(result.thrown).toBeUndefined();
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.arguments.length).toBeLessThan(maxStoredArguments);
    expect(result.rows[0]!.arguments).toContain('nested deeper than');
  });

  it('a denied call with deep junk still leaves its row', async () => {
    // get_assigned_tickets is an Agent Functions tool: on the end user's endpoint it does not exist.
    const result = await audited(alice, 'get_assigned_tickets', { junk: deepJunk });
    expect(result.thrown).toMatch(/not found/);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ outcome: 'denied' });
    expect(result.rows[0]!.arguments.length).toBeLessThan(maxStoredArguments);
  });

  it('a 1 MiB value in a declared argument is stored cut, with the marker', async () => {
    const result = await audited(alice, 'create_ticket', { ...ticket, details: oneMiB });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.arguments.length).toBeLessThan(maxStoredArguments);
    expect(result.rows[0]!.arguments).toMatch(/\[cut: \d+ more characters\]/);
  });
});
