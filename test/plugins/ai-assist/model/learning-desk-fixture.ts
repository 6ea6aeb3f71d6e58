import { definePlugin, type PluginDefinition } from '../../../../core/index.js';
import { deskStoreRef, type DeskStore, type NewTicket } from '../../../../plugins/desk/index.js';
import { seedDemoData } from '../../../../plugins/desk/demo/seed.js';
import { seededRandom } from '../../../../plugins/desk/demo/seeded-random.js';
import { agentEmail, deskPrincipal } from '../tools/vpn-desk-fixture.js';

/** A topic of the generated history: its words, and where its tickets went. */
interface Topic {
  readonly team: string;
  readonly category: string;
  readonly words: readonly string[];
}

const topics: readonly Topic[] = [
  { team: 'network', category: 'network', words: ['vpn', 'wifi', 'router', 'dns', 'proxy'] },
  { team: 'hardware', category: 'hardware', words: ['laptop', 'monitor', 'keyboard', 'dock'] },
  {
    team: 'applications',
    category: 'software',
    words: ['excel', 'outlook', 'teams', 'licence', 'install'],
  },
];

// Words every topic uses, so no single word decides.
const filler = ['please', 'help', 'today', 'again', 'office', 'since', 'morning', 'urgent'];

const incident = { type: 'incident', customFields: { affected_service: 'VPN and Remote Access' } };

/**
 * Creates and resolves one ticket as an agent: what a desk's history is made of.
 *
 * @example
 * await resolvedTicket(desk, { ...fields, summary: 'VPN drops', details: '…' });
 */
export async function resolvedTicket(desk: DeskStore, ticket: NewTicket): Promise<number> {
  const agent = deskPrincipal(agentEmail, 'agent');
  const created = await desk.tickets.create(agent, ticket);
  await desk.tickets.addNote(agent, { ticketId: created.id, body: 'Fixed, see notes.' });
  await desk.tickets.update(agent, created.id, { status: 'resolved' });
  return created.id;
}

/**
 * The demo desk's reference data and a generated history large enough to learn from:
 * `perTopic` resolved tickets for each of three topics (network, hardware, applications), spread
 * over the first three customer organisations, each text two topic words among common ones.
 */
export function learningDeskPlugin(perTopic = 40): PluginDefinition {
  return definePlugin({
    id: 'learning-desk-fixture',
    version: '0.0.0',
    requires: ['desk'],
    async setup(ctx) {
      await seedDemoData(ctx.db, ctx.engine, { tickets: 0 });
      const desk = ctx.services.get(deskStoreRef);
      const agent = deskPrincipal(agentEmail, 'agent');
      const organisations = (await desk.directory.listOrganisations(agent)).slice(0, 3);
      const random = seededRandom(20_261_206);
      const pick = <T>(items: readonly T[]) => random.pick(items);
      for (const [t, topic] of topics.entries()) {
        for (let i = 0; i < perTopic; i += 1) {
          const [a, b, c] = [pick(topic.words), pick(topic.words), pick(filler)];
          await resolvedTicket(desk, {
            ...incident,
            summary: `${a} problem ${c}`,
            details: `The ${a} and the ${b} stopped working, ${pick(filler)} ${pick(filler)}.`,
            organisationId: organisations[(i + t) % organisations.length]!.id,
            priority: 2 + (i % 3),
            team: topic.team,
            category: topic.category,
          });
        }
      }
    },
  });
}
