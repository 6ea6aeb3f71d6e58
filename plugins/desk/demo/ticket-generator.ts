import type { TicketStatus } from '../schema/tables.js';
import { demoCustomerServices } from './demo-catalogue.js';
import { demoSlaPolicies } from './demo-desk-settings.js';
import { demoUsers, type DemoTeamKey, type DemoUser } from './demo-directory.js';
import type { GeneratedNote, GeneratedTicket } from './generated-ticket.js';
import { templateCustomFields } from './ticket-custom-fields.js';
import { opportunityTemplate, serviceGaps } from './ticket-opportunities.js';
import { isoTime } from './iso-time.js';
import type { TicketTemplate } from './ticket-template.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import { deviceTemplates } from './ticket-templates-devices.js';
import { incidentTemplates } from './ticket-templates-incidents.js';
import { requestTemplates } from './ticket-templates-requests.js';

export type { GeneratedNote, GeneratedTicket } from './generated-ticket.js';

/** Options of {@link generateTickets}. */
export interface GenerateTicketsOptions {
  /** The moment the history ends (ISO-8601); tickets before it are mostly resolved. */
  readonly until?: string;
  /** How far back the history reaches, in days. */
  readonly days?: number;
}

/** A fixed default end, so the same seed gives the same rows on every run. */
export const defaultHistoryEnd = '2026-01-05T09:00:00.000Z';

const minute = 60_000;
const day = 24 * 60 * minute;
const sites = ['head office', 'home', 'the site office', 'the warehouse', 'a client site'];
const whens = ['this morning', 'since yesterday', 'since the weekend', 'after lunch', 'all week'];
const workingNotes = [
  'Called the user and reproduced the problem; checking logs.',
  'Remote session taken with the user; gathering details.',
  'Checked for similar tickets and the KB before escalating.',
  'User not available on first call; left a voicemail.',
];
const typeWeight: Readonly<Record<string, number>> = {
  incident: 6,
  service_request: 4,
  problem: 1,
  change: 1,
};

// Orgs eligible per template: a ticket concerns a service the organisation has.
function weightedTemplates(): { template: TicketTemplate; organisations: string[] }[] {
  return [...incidentTemplates, ...deviceTemplates, ...requestTemplates].flatMap((template) => {
    const organisations = Object.entries(demoCustomerServices)
      .filter(([, services]) => services.includes(template.service))
      .map(([name]) => name);
    if (organisations.length === 0) return [];
    return Array.from({ length: typeWeight[template.type] ?? 1 }, () => ({
      template,
      organisations,
    }));
  });
}

function staffByTeam(): Map<DemoTeamKey, DemoUser[]> {
  const byTeam = new Map<DemoTeamKey, DemoUser[]>();
  for (const user of demoUsers.filter((u) => u.role !== 'end_user' && u.role !== 'admin')) {
    for (const team of user.teams) byTeam.set(team, [...(byTeam.get(team) ?? []), user]);
  }
  return byTeam;
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

// Most tickets are handled in time; about one in ten is late, so SLA reports have breaches.
function delayMinutes(budget: number, random: SeededRandom): number {
  const share = random.chance(0.1) ? 1.05 + random.next() : 0.05 + random.next() * 0.85;
  return Math.max(1, Math.round(budget * share));
}

function openStatus(random: SeededRandom): TicketStatus {
  return random.pick<TicketStatus>(['open', 'open', 'open', 'pending', 'on_hold']);
}

/**
 * Yields `count` realistic tickets, oldest first, one at a time, so a million never sit in memory.
 * Deterministic: the same `count`, `seed` and options give the same rows. Tickets resolved before
 * the end of the history carry a public resolution note matching their problem.
 *
 * @example
 * for (const ticket of generateTickets(3000, 42)) rows.push(ticket);
 */
export function* generateTickets(
  count: number,
  seed: number,
  options: GenerateTicketsOptions = {},
): Generator<GeneratedTicket> {
  const random = seededRandom(seed);
  const endMs = Date.parse(options.until ?? defaultHistoryEnd);
  const spanMs = (options.days ?? 730) * day;
  const templates = weightedTemplates();
  const staff = staffByTeam();
  const accountManagers = staff.get('service-desk') ?? [];
  const customers = new Map<string, DemoUser[]>();
  for (const user of demoUsers.filter((u) => u.role === 'end_user')) {
    customers.set(user.organisation, [...(customers.get(user.organisation) ?? []), user]);
  }
  const alice = demoUsers.find((u) => u.email === 'alice@example.com');
  const sla = new Map<number, (typeof demoSlaPolicies)[number]>(
    demoSlaPolicies.map((p) => [p.priority, p]),
  );

  for (let number = 1; number <= count; number++) {
    const createdMs = endMs - spanMs + Math.floor(((number - 0.5) / count) * spanMs);
    let template: TicketTemplate;
    let organisation: string;
    let requester: DemoUser;
    if (random.chance(0.02)) {
      const gap = random.pick(serviceGaps.filter((g) => g.services.length > 0));
      organisation = gap.organisation;
      template = opportunityTemplate(organisation, random.pick(gap.services));
      requester = random.pick(accountManagers);
    } else {
      const entry = random.pick(templates);
      template = entry.template;
      // The demo end user gets a steady share, so her own history is worth looking at.
      const useAlice =
        alice !== undefined &&
        entry.organisations.includes(alice.organisation) &&
        random.chance(0.05);
      organisation = useAlice ? alice.organisation : random.pick(entry.organisations);
      requester = useAlice ? alice : random.pick(customers.get(organisation) ?? []);
    }
    const colleagues = customers.get(organisation) ?? [requester];
    const asset = `${organisation.slice(0, 3).toUpperCase()}-LT-${String(random.int(100, 9999)).padStart(4, '0')}`;
    const values = {
      site: random.pick(sites),
      when: random.pick(whens),
      colleague: random.pick(colleagues).name,
      asset,
    };
    const priority = random.pick(template.priorities);
    const policy = sla.get(priority) ?? demoSlaPolicies[3];
    const responseMs = createdMs + delayMinutes(policy.response_minutes, random) * minute;
    const resolutionMs = Math.max(
      createdMs + delayMinutes(policy.resolution_minutes, random) * minute,
      responseMs + 5 * minute,
    );
    const agent = random.pick(staff.get(template.team) ?? accountManagers);
    const resolution = fill(random.pick(template.resolutions), values);
    // The note of a template with an article points to it, as agents link what fixed it.
    const fixedBy = template.kb === undefined ? '' : ` See /kb/${template.kb}.`;

    const responded = responseMs <= endMs;
    // Half of the last ten days' tickets are still being worked on, so the queue is not empty
    // and some run late: the SLA views have at-risk and breached tickets to show.
    const recent = endMs - createdMs < 10 * day;
    const resolved = resolutionMs <= endMs && !(recent && random.chance(0.5));
    const status: TicketStatus = !responded
      ? 'new'
      : resolved
        ? endMs - resolutionMs > 3 * day
          ? 'closed'
          : 'resolved'
        : openStatus(random);
    const notes: GeneratedNote[] = [];
    if (responded && random.chance(0.3)) {
      notes.push({
        authorEmail: agent.email,
        body: random.pick(workingNotes),
        visibility: 'private',
        createdAt: isoTime(responseMs),
      });
    }
    if (resolved) {
      notes.push({
        authorEmail: agent.email,
        body: resolution + fixedBy,
        visibility: 'public',
        createdAt: isoTime(resolutionMs),
      });
    }
    const customFields = templateCustomFields(template, { priority, asset, createdMs }, random);
    if (template.type === 'problem' && resolved) customFields['root_cause'] = resolution;
    if (template.type === 'opportunity' && resolved) {
      customFields['stage'] = resolution.includes('accepted') ? 'won' : 'lost';
    }
    const updatedMs = resolved ? resolutionMs : responded ? responseMs : createdMs;
    yield {
      number,
      typeKey: template.type,
      summary: fill(random.pick(template.summaries), values),
      details: fill(random.pick(template.details), values),
      status,
      priority,
      category: template.category,
      teamKey: template.team,
      agentEmail: status === 'new' ? null : agent.email,
      requesterEmail: requester.email,
      organisationName: organisation,
      customFields,
      createdAt: isoTime(createdMs),
      updatedAt: isoTime(updatedMs),
      responseDueAt: isoTime(createdMs + policy.response_minutes * minute),
      resolutionDueAt: isoTime(createdMs + policy.resolution_minutes * minute),
      respondedAt: responded ? isoTime(responseMs) : null,
      resolvedAt: resolved ? isoTime(resolutionMs) : null,
      notes,
    };
  }
}
