import { definePlugin, type PluginDefinition, type Principal } from '../../../../core/index.js';
import { deskStoreRef, type Ticket, type TicketStatus } from '../../../../plugins/desk/index.js';
import { seedDemoData } from '../../../../plugins/desk/demo/seed.js';

/** A desk principal as the core builds it, for writing the fixture through the store. */
export function deskPrincipal(
  email: string,
  role: 'agent' | 'end_user',
  collectionId = 'fixture',
): Principal {
  return {
    userId: email,
    role,
    organisationId: undefined,
    email,
    clientId: 'fixture',
    scopes: new Set(
      role === 'agent'
        ? ['tickets:read:all', 'tickets:write:all', 'kb:read']
        : ['tickets:read:own', 'tickets:write:own', 'kb:read'],
    ),
    collectionId,
  };
}

export const agentEmail = 'sam@helpdesk.example';
export const endUserEmail = 'alice@example.com';

/** The ticket ids the fixture created, filled in during setup. */
export interface VpnDeskIds {
  /** Resolved VPN tickets: team network, category network; two at P2, two at P3. */
  vpnResolved: number[];
  /** Finished printer tickets: team hardware, category printing, P4; the second is closed. */
  printerResolved: number[];
  /** An open VPN ticket (not resolved, so it never votes). */
  vpnOpen: number;
  /** The new ticket an end user logs: default team service-desk, P3, no category. */
  target: number;
  /** A ticket that shares no word with any other. */
  loner: number;
}

const incident = { type: 'incident', customFields: { affected_service: 'VPN and Remote Access' } };

// Each text is used once at P2 and once at P3: identical text scores the same on either engine,
// so the priority vote is exactly 50/50 and stays below any threshold above 0.5.
const vpnTexts = [
  {
    summary: 'VPN keeps dropping at home',
    details: 'The VPN disconnects every few minutes when I work from home.',
  },
  {
    summary: 'VPN drops during calls',
    details: 'My VPN connection drops during calls and the shared drives disappear.',
  },
];

/**
 * The demo desk's reference data (teams, users, KB articles) with a handful of tickets whose right
 * answers are known: past VPN tickets all went to Network as category `network`.
 */
export function vpnDeskPlugin(ids: VpnDeskIds): PluginDefinition {
  return definePlugin({
    id: 'vpn-desk-fixture',
    version: '0.0.0',
    requires: ['desk'],
    async setup(ctx) {
      await seedDemoData(ctx.db, ctx.engine, { tickets: 0 });
      const desk = ctx.services.get(deskStoreRef);
      const agent = deskPrincipal(agentEmail, 'agent');
      const resolve = async (
        ticket: Ticket,
        resolution: string,
        status: TicketStatus = 'resolved',
      ) => {
        // Notes first: a closed ticket takes no more notes.
        await desk.tickets.addNote(agent, { ticketId: ticket.id, body: 'Looking into it.' });
        await desk.tickets.addNote(agent, { ticketId: ticket.id, body: resolution });
        await desk.tickets.addNote(agent, {
          ticketId: ticket.id,
          body: 'Private: follow up next week.',
          visibility: 'private',
        });
        await desk.tickets.update(agent, ticket.id, { status });
      };
      ids.vpnResolved = [];
      // About two customers, so their agreement is the desk's history, not one customer's ticket.
      const customers = (await desk.directory.listOrganisations(agent)).slice(0, 2);
      for (const [i, priority] of [2, 2, 3, 3].entries()) {
        const text = vpnTexts[i % 2]!;
        const ticket = await desk.tickets.create(agent, {
          ...incident,
          ...text,
          organisationId: customers[Math.floor(i / 2)]!.id,
          priority,
          team: 'network',
          category: 'network',
        });
        await resolve(ticket, `Updated the VPN client to fix the keep-alive bug (case ${i + 1}).`);
        ids.vpnResolved.push(ticket.id);
      }
      ids.printerResolved = [];
      for (const [i, summary] of [
        'Printer jams on each page',
        'Reception printer offline',
      ].entries()) {
        const ticket = await desk.tickets.create(agent, {
          ...incident,
          summary,
          details: 'The reception printer jams and shows a paper error.',
          priority: 4,
          team: 'hardware',
          category: 'printing',
        });
        await resolve(
          ticket,
          'Cleared the paper path and replaced the roller.',
          i === 0 ? 'resolved' : 'closed',
        );
        ids.printerResolved.push(ticket.id);
      }
      const open = await desk.tickets.create(agent, {
        ...incident,
        summary: 'VPN slow today',
        details: 'The VPN is slow but does not drop.',
        team: 'network',
        category: 'network',
      });
      ids.vpnOpen = open.id;
      const endUser = deskPrincipal(endUserEmail, 'end_user');
      ids.target = (
        await desk.tickets.create(endUser, {
          ...incident,
          summary: 'My VPN keeps dropping on the London network',
          details: 'The VPN drops every few minutes in the London office.',
        })
      ).id;
      ids.loner = (
        await desk.tickets.create(endUser, {
          ...incident,
          summary: 'Xylophone',
          details: 'Quokka.',
        })
      ).id;
    },
  });
}
