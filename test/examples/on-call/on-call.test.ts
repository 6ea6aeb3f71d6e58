import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionDefinition } from '../../../core/index.js';
import onCallConfig, { nocGrant } from '../../../examples/on-call/on-call.config.js';
import {
  call,
  startTestServer,
  staffToken,
  testEngines,
  testToken,
  type TestEngine,
  type TestServer,
} from '../../../testing/index.js';

const noc = onCallConfig.collections.find((c) => c.id === 'noc') as CollectionDefinition;
const sam = staffToken({ scopes: nocGrant, collections: ['noc'] });
/** Staff by role but no desk user: reads any ticket, and cannot author a note. */
const ghost = testToken({
  userId: 'ghost@noc.example',
  role: 'agent',
  scopes: nocGrant,
  collections: ['noc'],
});
/** The desk's reader, without the on-call plugin's scopes. */
const reader = staffToken({
  scopes: ['tickets:read:all', 'runbooks:read:own'],
  collections: ['noc'],
});

/** The number of pages the plugin's own report counts over the last week. */
async function pagesCounted(client: Client): Promise<number> {
  const { out } = await call(client, 'get_report_pages_per_team_per_week', { weeks: 1 });
  return out.summary.pages as number;
}

describe.each(testEngines)('the on-call example on $engine', (engine: TestEngine) => {
  let t: TestServer;
  let staff: Client;
  let ticket: { id: number; team: string };

  beforeAll(async () => {
    t = await startTestServer({
      plugins: onCallConfig.plugins,
      collections: [noc],
      tokens: [sam, ghost, reader],
      engine,
    });
    staff = t.clients['noc']!;
    const { out } = await call(staff, 'search_tickets', { status: ['new', 'open'], limit: 20 });
    const withTeam = (out.tickets as { id: number; team: string | null }[]).find((x) => x.team);
    ticket = { id: withTeam!.id, team: withTeam!.team! };
  });
  afterAll(async () => t?.close());

  it('serves its tools, its contributed report and runbook on /mcp/noc, gated by its own scopes', async () => {
    expect(new URL(t.urlOf('noc')).pathname).toBe('/mcp/noc');
    const names = (await staff.listTools()).tools.map((tool) => tool.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'get_on_call',
        'page_on_call',
        'get_report_pages_per_team_per_week',
        'run_raise_and_page',
      ]),
    );
    const other = await t.connect('noc', reader.token);
    const visible = (await other.listTools()).tools.map((tool) => tool.name);
    expect(visible).not.toContain('get_on_call');
    expect(visible).not.toContain('get_report_pages_per_team_per_week');
    expect(visible).not.toContain('run_raise_and_page');
    await other.close();
  });

  it('tells who is on call from the demo rota', async () => {
    const { isError, out } = await call(staff, 'get_on_call', { team: ticket.team });
    expect(isError).toBe(false);
    expect(out).toMatchObject({ team: ticket.team, engineer: expect.stringContaining('@') });
    const unknown = await call(staff, 'get_on_call', { team: 'no-such-team' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('nobody is on call for team "no-such-team"');
  });

  it('pages: the page row and the private note are written together', async () => {
    const before = await pagesCounted(staff);
    const page = await call(staff, 'page_on_call', {
      ticketId: ticket.id,
      message: 'core switch down',
    });
    expect(page.isError).toBe(false);
    expect(page.out).toMatchObject({ ticketId: ticket.id, team: ticket.team });
    expect(await pagesCounted(staff)).toBe(before + 1);
    const { out } = await call(staff, 'get_ticket', { ticketId: ticket.id });
    const notes = out.ticket.notes as { id: number; visibility: string; body: string }[];
    expect(notes).toContainEqual(
      expect.objectContaining({ id: page.out.noteId, visibility: 'private' }),
    );
  });

  it('leaves no page row when the note after it fails: all or nothing', async () => {
    const before = await pagesCounted(staff);
    const client = await t.connect('noc', ghost.token);
    const page = await call(client, 'page_on_call', { ticketId: ticket.id, message: 'again' });
    await client.close();
    expect(page.isError).toBe(true);
    expect(page.text).toContain('notes need an author');
    expect(await pagesCounted(staff)).toBe(before);
  });

  it('runs its runbook: the ticket raised to P1 and its team paged', async () => {
    const before = await pagesCounted(staff);
    const run = await call(staff, 'run_raise_and_page', { ticketId: ticket.id, message: 'P1 now' });
    expect(run.isError).toBe(false);
    expect(run.out).toMatchObject({
      status: 'completed',
      steps: [
        { id: 'raise', status: 'ok' },
        { id: 'page', status: 'ok' },
      ],
    });
    const { out } = await call(staff, 'get_ticket', { ticketId: ticket.id });
    expect(out.ticket.priority).toBe(1);
    expect(await pagesCounted(staff)).toBe(before + 1);
  });
});
