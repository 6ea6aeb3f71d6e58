import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  untrustedTextNotice,
  type DevToken,
  type TestServer,
} from '../../../../core/index.js';
import { aiAssistPlugin } from '../../../../plugins/ai-assist/index.js';
import { deskPlugin, deskStoreRef, type DeskStore } from '../../../../plugins/desk/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import {
  agentEmail,
  deskPrincipal,
  endUserEmail,
  vpnDeskPlugin,
  type VpnDeskIds,
} from './vpn-desk-fixture.js';

const agentScopes = ['tickets:read:all', 'tickets:write:all', 'kb:read'];
const tokens: DevToken[] = [
  {
    token: 'agent-token',
    name: 'copilot-studio',
    userId: agentEmail,
    role: 'agent',
    scopes: agentScopes,
    collections: ['agent'],
  },
  {
    token: 'user-token',
    name: 'claude-desktop',
    userId: endUserEmail,
    role: 'end_user',
    scopes: ['tickets:read:own', 'tickets:write:own', 'kb:read'],
    collections: ['user'],
  },
];

interface Suggestion {
  field: string;
  current: string | null;
  predicted: string | null;
  confidence: number;
  outcome: string;
  reason: string;
  evidence: number[];
}
interface SuggestionsOutput {
  ticketId: number;
  changed: string[];
  suggestions: Suggestion[];
  evidenceTicketIds: number[];
}
interface MatchingOutput {
  tickets: { id: number; status: string; resolution: string | null; similarity: number }[];
  articles: { slug: string; score: number; snippet: string }[];
  matchedWords: string[];
}

describe.each(testEngines)('ai-assist tools on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;
  let desk: DeskStore;
  const ids = {} as VpnDeskIds;
  const agent = deskPrincipal(agentEmail, 'agent');

  const call = async (name: string, args: Record<string, unknown>) =>
    (await t.clients['agent']!.callTool({ name, arguments: args })) as CallToolResult;
  const suggest = async (args: Record<string, unknown>) => {
    const result = await call('apply_ai_suggestions', args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as unknown as SuggestionsOutput;
  };
  const field = (out: SuggestionsOutput, name: string) =>
    out.suggestions.find((s) => s.field === name)!;
  const errorText = (result: CallToolResult) => {
    expect(result.isError).toBe(true);
    return (result.content as { text: string }[]).map((c) => c.text).join('\n');
  };

  beforeAll(async () => {
    database = await createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin(), vpnDeskPlugin(ids), aiAssistPlugin()],
      collections: [
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['desk', 'ai-assist'],
          grant: agentScopes,
          roles: ['agent', 'admin'],
        }),
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['desk', 'ai-assist'],
          grant: ['tickets:read:own', 'tickets:write:own', 'kb:read'],
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

  it('lists both tools to agents with schemas and hints, and neither to end users', async () => {
    const listed = await t.clients['agent']!.listTools();
    const byName = new Map(listed.tools.map((tool) => [tool.name, tool]));
    const matching = byName.get('get_matching_articles_and_tickets');
    const apply = byName.get('apply_ai_suggestions');
    expect(matching?.annotations?.readOnlyHint).toBe(true);
    expect(apply?.annotations?.readOnlyHint).toBe(false);
    expect(matching?.outputSchema).toBeDefined();
    expect(apply?.inputSchema.properties).toHaveProperty('threshold');
    // It returns summaries and resolutions people wrote, fenced: its description says so.
    expect(matching?.description).toContain(untrustedTextNotice);
    const user = await t.clients['user']!.listTools();
    expect(user.tools.map((tool) => tool.name)).not.toContain('apply_ai_suggestions');
    expect(user.tools.map((tool) => tool.name)).not.toContain('get_matching_articles_and_tickets');
  });

  it('finds the resolved VPN tickets first, with how each was resolved, then the open one, and the VPN article', async () => {
    const result = await call('get_matching_articles_and_tickets', { ticketId: ids.target });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as unknown as MatchingOutput;
    expect(out.matchedWords.slice(0, 3)).toEqual(['vpn', 'keeps', 'dropping']);
    const found = out.tickets.map((ticket) => ticket.id);
    expect(found.slice(0, 4).sort((a, b) => a - b)).toEqual(ids.vpnResolved);
    expect(found[4]).toBe(ids.vpnOpen);
    expect(found).not.toContain(ids.target);
    for (const ticket of out.tickets.slice(0, 4)) {
      expect(ticket.status).toBe('resolved');
      // The last public note, not the private one written after it nor the earlier public one.
      expect(ticket.resolution).toMatch(
        new RegExp(
          `^<untrusted-text source="ticket ${ticket.id} resolution">Updated the VPN client to fix the keep-alive bug`,
        ),
      );
    }
    expect(out.tickets[0]!.similarity).toBe(1);
    expect(out.tickets[4]!.resolution).toBeNull();
    expect(out.articles.length).toBeGreaterThan(0);
    expect(out.articles.length).toBeLessThanOrEqual(3);
    expect(out.articles.map((a) => a.slug)).toContain('vpn-keeps-dropping');
    const text = (result.content as { text: string }[])[0]!.text;
    expect(text).toMatch(
      /resolved: <untrusted-text source="ticket \d+ resolution">Updated the VPN client/,
    );
  });

  it('honours the limits', async () => {
    const result = await call('get_matching_articles_and_tickets', {
      ticketId: ids.target,
      maxTickets: 2,
      maxArticles: 0,
    });
    const out = result.structuredContent as unknown as MatchingOutput;
    expect(out.tickets).toHaveLength(2);
    expect(out.tickets.every((ticket) => ids.vpnResolved.includes(ticket.id))).toBe(true);
    expect(out.articles).toEqual([]);
  });

  it('predicts without changing anything on a dry run', async () => {
    const out = await suggest({ ticketId: ids.target, dryRun: true });
    expect(out.changed).toEqual([]);
    expect(field(out, 'team')).toMatchObject({
      current: 'service-desk',
      predicted: 'network',
      confidence: 1,
      outcome: 'would_apply',
    });
    const detail = await desk.tickets.get(agent, ids.target);
    expect(detail!.history.some((row) => row.provenance === 'ai')).toBe(false);
  });

  it('applies the confident fields with AI provenance and leaves the 50/50 priority alone', async () => {
    const out = await suggest({ ticketId: ids.target });
    expect(field(out, 'team')).toMatchObject({
      predicted: 'network',
      confidence: 1,
      outcome: 'applied',
    });
    expect(field(out, 'team').evidence.sort((a, b) => a - b)).toEqual(ids.vpnResolved);
    expect(field(out, 'category')).toMatchObject({
      current: null,
      predicted: 'network',
      outcome: 'applied',
    });
    const priority = field(out, 'priority');
    expect(priority.confidence).toBe(0.5);
    expect(priority.outcome).toBe('below_threshold');
    expect(priority.reason).toMatch(/50% < 85%/);
    expect(out.changed.sort()).toEqual(['category', 'team']);
    expect(out.evidenceTicketIds.sort((a, b) => a - b)).toEqual(ids.vpnResolved);

    const detail = await desk.tickets.get(agent, ids.target);
    expect(detail!.ticket.priority).toBe(3);
    expect(detail!.ticket.category).toBe('network');
    const teams = await desk.directory.listTeams(agent);
    expect(detail!.ticket.team_id).toBe(teams.find((team) => team.key === 'network')!.id);
    const aiRows = detail!.history.filter((row) => row.provenance === 'ai');
    expect(aiRows.map((row) => row.field).sort()).toEqual(['category', 'team_id']);
    const sam = await desk.directory.getUserByEmail(agent, agentEmail);
    for (const row of aiRows) {
      expect(row).toMatchObject({
        collection: 'agent',
        client: 'copilot-studio',
        actor_id: sam!.id,
      });
    }
    const text = (
      (await call('apply_ai_suggestions', { ticketId: ids.target, dryRun: true })).content as {
        text: string;
      }[]
    )[0]!.text;
    expect(text).toMatch(/team: network \(100%\) — already_set/);
  });

  it('changes nothing the second time: the fields are already set', async () => {
    const out = await suggest({ ticketId: ids.target });
    expect(out.changed).toEqual([]);
    expect(field(out, 'team').outcome).toBe('already_set');
    expect(field(out, 'category').outcome).toBe('already_set');
  });

  it('applies a 50/50 field when the caller lowers the threshold to 0.5', async () => {
    const out = await suggest({ ticketId: ids.target, threshold: 0.5, dryRun: true });
    expect(['would_apply', 'already_set']).toContain(field(out, 'priority').outcome);
  });

  it('predicts nothing from no similar ticket', async () => {
    const out = await suggest({ ticketId: ids.loner });
    expect(out.changed).toEqual([]);
    expect(out.evidenceTicketIds).toEqual([]);
    for (const suggestion of out.suggestions) {
      expect(suggestion).toMatchObject({ predicted: null, confidence: 0, outcome: 'no_evidence' });
    }
  });

  it('refuses to triage a closed ticket unless it is a dry run', async () => {
    const closed = ids.printerResolved[1]!;
    const text = errorText(await call('apply_ai_suggestions', { ticketId: closed }));
    expect(text).toMatch(new RegExp(`ticket ${closed} is closed.*dryRun`));
    const detail = await desk.tickets.get(agent, closed);
    expect(detail!.history.some((row) => row.provenance === 'ai')).toBe(false);
    const dry = await suggest({ ticketId: closed, dryRun: true });
    expect(field(dry, 'team')).toMatchObject({ predicted: 'hardware', outcome: 'already_set' });
  });

  it.each([
    ['get_matching_articles_and_tickets', {}, /ticketId/],
    ['get_matching_articles_and_tickets', { ticketId: 'seven' }, /ticketId/],
    ['get_matching_articles_and_tickets', { ticketId: 1.5 }, /ticketId must be a whole number/],
    [
      'get_matching_articles_and_tickets',
      { ticketId: 1, maxTickets: 50 },
      /maxTickets must be at most 20/,
    ],
    ['apply_ai_suggestions', { ticketId: 0 }, /ticketId must be a ticket number/],
    ['apply_ai_suggestions', { ticketId: 1, threshold: 1.5 }, /threshold must be from 0 to 1/],
    ['apply_ai_suggestions', { ticketId: 1, dryRun: 'yes' }, /dryRun/],
    ['apply_ai_suggestions', { ticketId: 999_999 }, /ticket 999999 not found; check the number/],
    ['get_matching_articles_and_tickets', { ticketId: 999_999 }, /ticket 999999 not found/],
  ])('%s with %o is an isError result naming the problem', async (name, args, message) => {
    expect(errorText(await call(name, args))).toMatch(message);
  });
});
