import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../../core/index.js';
import {
  aiAssistPlugin,
  ticketTriageRef,
  type TriageOutcome,
} from '../../../../plugins/ai-assist/index.js';
import { ticketQuery } from '../../../../plugins/ai-assist/tools/similar-tickets.js';
import { deskPlugin, deskStoreRef, type DeskStore } from '../../../../plugins/desk/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import {
  agentEmail,
  deskPrincipal,
  endUserEmail,
  vpnDeskPlugin,
  type VpnDeskIds,
} from '../tools/vpn-desk-fixture.js';
import { draftSlug, triageProbePlugin } from './triage-probe-plugin.js';

const endUserScopes = ['tickets:read:own', 'tickets:write:own', 'kb:read'];
const tokens: DevToken[] = [
  {
    token: 'user-token',
    name: 'claude-desktop',
    userId: endUserEmail,
    role: 'end_user',
    scopes: endUserScopes,
    collections: ['user'],
  },
];

const vpnTicket = {
  summary: 'VPN keeps dropping in the London office',
  details: 'My VPN connection drops every few minutes since this morning.',
};

// Words only the fixture's other tickets hold (summaries, resolutions, private notes): none may
// reach an end user through triage.
const otherTicketsText = [/keep-alive/i, /during calls/i, /at home/i, /follow up/i, /printer/i];

describe.each(testEngines)('ai-assist triage of a new ticket on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;
  let desk: DeskStore;
  const ids = {} as VpnDeskIds;
  const agent = deskPrincipal(agentEmail, 'agent');

  const logAndTriage = async (args: { summary: string; details: string; fields: string[] }) => {
    const result = (await t.clients['user']!.callTool({
      name: 'log_and_triage',
      arguments: args,
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as { ticketId: number; outcome: TriageOutcome };
  };
  const aiHistory = async (ticketId: number) =>
    (await desk.tickets.get(agent, ticketId))!.history.filter((row) => row.provenance === 'ai');
  const teamKey = async (teamId: number | null) =>
    (await desk.directory.listTeams(agent)).find((team) => team.id === teamId)?.key;

  beforeAll(async () => {
    database = await createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin(), vpnDeskPlugin(ids), aiAssistPlugin(), triageProbePlugin()],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['desk', 'ai-assist', 'triage-probe'],
          grant: endUserScopes,
          roles: ['end_user'],
        }),
      ],
      tokens,
      databaseUrl: database.url,
    });
    desk = t.server.services.get(deskStoreRef);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it("routes an end user's VPN ticket to Network, recorded as AI through the caller's collection and client", async () => {
    const { ticketId, outcome } = await logAndTriage({
      ...vpnTicket,
      fields: ['team', 'category'],
    });
    // An end user is told what was set, nothing of the tickets that voted (see the isolation test).
    expect(outcome.similarResolved).toBeUndefined();
    expect([...outcome.applied].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'category', value: 'network' },
      { field: 'team', value: 'network' },
    ]);
    const { ticket } = (await desk.tickets.get(agent, ticketId))!;
    expect(await teamKey(ticket.team_id)).toBe('network');
    expect(ticket.category).toBe('network');
    const rows = await aiHistory(ticketId);
    expect(rows.map((row) => row.field).sort()).toEqual(['category', 'team_id']);
    for (const row of rows) {
      // No desk user behind the service principal: the row is the AI's, not the end user's.
      expect(row).toMatchObject({
        provenance: 'ai',
        collection: 'user',
        client: 'claude-desktop',
        actor_id: null,
      });
    }
  });

  it('returns published articles only, at most three, and nothing of other tickets', async () => {
    const { outcome } = await logAndTriage({ ...vpnTicket, fields: ['team'] });
    // The draft is the best match when drafts are searched; triage leaves it out.
    const withDrafts = await desk.search.searchArticles(agent, {
      text: ticketQuery(vpnTicket).join(' '),
      match: 'any',
      limit: 4,
      includeUnpublished: true,
    });
    expect(withDrafts.hits[0]?.row.slug).toBe(draftSlug);
    const slugs = outcome.articles.map((a) => a.slug);
    expect(slugs.length).toBeGreaterThan(0);
    expect(slugs.length).toBeLessThanOrEqual(3);
    expect(slugs).not.toContain(draftSlug);
    expect(slugs).toEqual(withDrafts.hits.slice(1).map((hit) => hit.row.slug));
    // The probe's output schema is strict: any other key would have failed the call.
    expect(Object.keys(outcome).sort()).toEqual(['applied', 'articles']);
    const text = JSON.stringify(outcome);
    for (const words of otherTicketsText) expect(text).not.toMatch(words);
  });

  it('leaves the fields it was not asked for untouched', async () => {
    const { ticketId, outcome } = await logAndTriage({ ...vpnTicket, fields: ['category'] });
    expect(outcome.applied).toEqual([{ field: 'category', value: 'network' }]);
    const { ticket } = (await desk.tickets.get(agent, ticketId))!;
    expect(await teamKey(ticket.team_id)).toBe('service-desk');
    expect(ticket.priority).toBe(3);
    expect((await aiHistory(ticketId)).map((row) => row.field)).toEqual(['category']);
  });

  it('does not apply a vote below the threshold (priority is 50/50 among the VPN tickets)', async () => {
    const { ticketId, outcome } = await logAndTriage({ ...vpnTicket, fields: ['priority'] });
    expect(outcome.applied).toEqual([]);
    expect((await desk.tickets.get(agent, ticketId))!.ticket.priority).toBe(3);
    expect(await aiHistory(ticketId)).toEqual([]);
  });

  it('applies nothing to a ticket like no other', async () => {
    const { ticketId, outcome } = await logAndTriage({
      summary: 'Xylophone',
      details: 'Quokka.',
      fields: ['team', 'category', 'priority'],
    });
    expect(outcome).toEqual({ applied: [], articles: [] });
    expect(await aiHistory(ticketId)).toEqual([]);
  });

  it("learns nothing of another organisation's tickets: a word of theirs gives what a control word gives", async () => {
    // Issue 15, item 3: an end user of another organisation got similar_resolved 1 and that
    // ticket's category and priority at confidence 1 for a word only it held.
    const organisations = await desk.directory.listOrganisations(agent);
    const theirs = organisations.at(-1)!;
    const secret = await desk.tickets.create(agent, {
      type: 'incident',
      customFields: { affected_service: 'VPN and Remote Access' },
      summary: 'Zanzibar badge reader rejects every card',
      details: 'The Zanzibar badge reader at the loading bay rejects every card.',
      organisationId: theirs.id,
      priority: 1,
      team: 'hardware',
      category: 'zanzibar-security',
    });
    await desk.tickets.addNote(agent, { ticketId: secret.id, body: 'Replaced the reader.' });
    await desk.tickets.update(agent, secret.id, { status: 'resolved' });

    const asked = async (word: string) => {
      const { ticketId, outcome } = await logAndTriage({
        summary: `${word} badge reader rejects every card`,
        details: `The ${word} badge reader at the loading bay rejects every card.`,
        fields: ['team', 'category', 'priority'],
      });
      const { ticket } = (await desk.tickets.get(agent, ticketId))!;
      return {
        outcome: { ...outcome, articles: [] },
        ticket: { category: ticket.category, priority: ticket.priority, team: ticket.team_id },
      };
    };
    const withTheirWord = await asked('Zanzibar');
    const withControlWord = await asked('Quokkaville');
    expect(withTheirWord).toEqual(withControlWord);
    expect(JSON.stringify(withTheirWord)).not.toMatch(/zanzibar-security|similarResolved/);
    expect(withTheirWord.ticket.priority).toBe(3);

    // Staff may read every ticket, so an agent's triage sees it and says how it decided.
    const agentTicket = await desk.tickets.create(agent, {
      type: 'incident',
      customFields: { affected_service: 'VPN and Remote Access' },
      summary: 'Zanzibar badge reader rejects every card',
      details: 'The Zanzibar badge reader rejects every card.',
    });
    const staff = await t.server.services
      .get(ticketTriageRef)
      .triageNewTicket(agent, agentTicket.id, { fields: ['category'] });
    expect(staff.similarResolved).toBeGreaterThan(0);
  });

  it('refuses a ticket the caller cannot see, and a finished one, and changes neither', async () => {
    const triage = t.server.services.get(ticketTriageRef);
    const endUser = deskPrincipal(endUserEmail, 'end_user', 'user');
    await expect(
      triage.triageNewTicket(endUser, ids.vpnOpen, { fields: ['team'] }),
    ).rejects.toThrow(`ticket ${ids.vpnOpen} not found`);
    const closed = ids.printerResolved[1]!;
    await expect(triage.triageNewTicket(agent, closed, { fields: ['team'] })).rejects.toThrow(
      `ticket ${closed} is closed`,
    );
    expect(await aiHistory(ids.vpnOpen)).toEqual([]);
    expect(await aiHistory(closed)).toEqual([]);
  });
});
