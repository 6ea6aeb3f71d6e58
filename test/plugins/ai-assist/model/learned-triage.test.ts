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
  fieldModelsRef,
  ticketTriageRef,
  type FieldModels,
  type TriageOutcome,
} from '../../../../plugins/ai-assist/index.js';
import { deskPlugin, deskStoreRef, type DeskStore } from '../../../../plugins/desk/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { agentEmail, deskPrincipal, endUserEmail } from '../tools/vpn-desk-fixture.js';
import { triageProbePlugin } from '../triage/triage-probe-plugin.js';
import { learningDeskPlugin, resolvedTicket } from './learning-desk-fixture.js';

const endUserScopes = ['tickets:read:own', 'tickets:write:own', 'kb:read'];
const agentScopes = ['tickets:read:all', 'tickets:write:all', 'kb:read'];
const tokens: DevToken[] = [
  {
    token: 'user-token',
    name: 'claude-desktop',
    userId: endUserEmail,
    role: 'end_user',
    scopes: endUserScopes,
    collections: ['user'],
  },
  {
    token: 'agent-token',
    name: 'copilot',
    userId: agentEmail,
    role: 'agent',
    scopes: agentScopes,
    collections: ['agent'],
  },
];

const incident = { type: 'incident', customFields: { affected_service: 'VPN and Remote Access' } };

describe.each(testEngines)('learned models on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;
  let desk: DeskStore;
  let models: FieldModels;
  const agent = deskPrincipal(agentEmail, 'agent');

  const call = async (collection: string, name: string, args: Record<string, unknown>) => {
    const result = (await t.clients[collection]!.callTool({
      name,
      arguments: args,
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as Record<string, unknown>;
  };
  const teamKey = async (teamId: number | null) =>
    (await desk.directory.listTeams(agent)).find((team) => team.id === teamId)?.key;

  beforeAll(async () => {
    database = await createDatabase();
    t = await startTestServer({
      plugins: [
        deskPlugin(),
        learningDeskPlugin(),
        aiAssistPlugin({ retrainMinutes: 0 }),
        triageProbePlugin(),
      ],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['desk', 'ai-assist', 'triage-probe'],
          grant: endUserScopes,
          roles: ['end_user'],
        }),
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['desk', 'ai-assist'],
          grant: agentScopes,
          roles: ['agent'],
        }),
      ],
      tokens,
      databaseUrl: database.url,
    });
    desk = t.server.services.get(deskStoreRef);
    models = t.server.services.get(fieldModelsRef);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('trains at start on the resolved history and predicts with it, explained by similar tickets', async () => {
    const trained = await models.settled();
    expect(trained?.tickets).toBe(120);
    expect(Object.keys(trained?.classifiers ?? {}).sort()).toEqual([
      'category',
      'priority',
      'team',
    ]);
    const ticket = await desk.tickets.create(agent, {
      ...incident,
      summary: 'router and dns problem',
      details: 'The router and the proxy stopped working this morning.',
    });
    const out = (await call('agent', 'apply_ai_suggestions', {
      ticketId: ticket.id,
      dryRun: true,
    })) as {
      suggestions: {
        field: string;
        predicted: string;
        method: string;
        reason: string;
        evidence: number[];
      }[];
    };
    const team = out.suggestions.find((s) => s.field === 'team')!;
    expect(team).toMatchObject({ predicted: 'network', method: 'learned' });
    expect(team.reason).toMatch(/learned model; similar resolved tickets like #\d+/);
    expect(team.evidence.length).toBeGreaterThan(0);
  });

  it('retrains after new resolutions, and the new history changes the prediction', async () => {
    const text = 'Quasar telescope mount wobbles\nThe quasar telescope mount wobbles at night.';
    const before = models.current()!.classifiers.team!.predict(text);
    expect(before?.value).not.toBe('service-desk');
    const organisations = await desk.directory.listOrganisations(agent);
    for (let i = 0; i < 12; i += 1) {
      await resolvedTicket(desk, {
        ...incident,
        summary: `Quasar telescope mount ${i % 2 === 0 ? 'wobbles' : 'drifts'}`,
        details: `The quasar telescope mount wobbles again, case ${i}.`,
        organisationId: organisations[i % 3]!.id,
        team: 'service-desk',
        category: 'telescopes',
      });
    }
    const unchanged = models.current();
    const retrained = await models.refresh();
    expect(retrained).not.toBe(unchanged);
    expect(retrained?.tickets).toBe(132);
    expect(retrained!.classifiers.team!.predict(text)?.value).toBe('service-desk');
    // Nothing new resolved: the check finds the same history and keeps the models.
    expect(await models.refresh()).toBe(retrained);
  });

  it("tells an end user nothing of another organisation's tickets: their word gives what an unknown word gives", async () => {
    const organisations = await desk.directory.listOrganisations(agent);
    const theirs = organisations.at(-1)!;
    for (let i = 0; i < 6; i += 1) {
      await resolvedTicket(desk, {
        ...incident,
        summary: `Zanzibar badge reader rejects card ${i}`,
        details: 'The zanzibar badge reader at the loading bay rejects every card.',
        organisationId: theirs.id,
        priority: 1,
        team: 'hardware',
        category: 'zanzibar-security',
      });
    }
    await models.refresh({ force: true });
    const words = (word: string) => ({
      summary: `${word} laptop problem`,
      details: `The ${word} laptop and the dock stopped working.`,
    });
    // Staff may read every ticket: the model learned the word, so the test can fail.
    const badge = (word: string) => ({
      summary: `${word} badge reader rejects card`,
      details: `The ${word} badge reader at the loading bay rejects every card.`,
    });
    const staffTicket = await desk.tickets.create(agent, { ...incident, ...badge('Zanzibar') });
    const staff = await t.server.services
      .get(ticketTriageRef)
      .triageNewTicket(agent, staffTicket.id, { fields: ['category'] });
    expect(staff.applied).toContainEqual(
      expect.objectContaining({ field: 'category', value: 'zanzibar-security' }),
    );

    const asked = async (text: { summary: string; details: string }) => {
      const { ticketId, outcome } = (await call('user', 'log_and_triage', {
        ...text,
        fields: ['team', 'category', 'priority'],
      })) as { ticketId: number; outcome: TriageOutcome };
      const { ticket } = (await desk.tickets.get(agent, ticketId))!;
      return {
        outcome: { ...outcome, articles: [] },
        ticket: {
          category: ticket.category,
          priority: ticket.priority,
          team: await teamKey(ticket.team_id),
        },
      };
    };
    // Their words only: exactly what words no ticket holds give.
    expect(await asked(badge('Zanzibar'))).toEqual(await asked(badge('Quokkaville')));
    // Their word among words every organisation uses.
    const withTheirWord = await asked(words('Zanzibar'));
    const withUnknownWord = await asked(words('Quokkaville'));
    expect(withTheirWord).toEqual(withUnknownWord);
    expect(JSON.stringify(withTheirWord)).not.toMatch(/zanzibar|confidence|similarResolved/i);
    // The shared words still route the ticket: the end user is not simply left untriaged.
    expect(withTheirWord.ticket.team).toBe('hardware');
  });
});
