import { describe, expect, it } from 'vitest';
import {
  demoCustomerServices,
  demoServices,
} from '../../../../plugins/desk/demo/demo-catalogue.js';
import { demoTicketTypes } from '../../../../plugins/desk/demo/demo-desk-settings.js';
import { demoUsers } from '../../../../plugins/desk/demo/demo-directory.js';
import { kbArticles } from '../../../../plugins/desk/demo/kb-articles.js';
import { generateTickets } from '../../../../plugins/desk/demo/ticket-generator.js';

const until = '2026-01-05T09:00:00.000Z';
const tickets = [...generateTickets(2000, 42, { until })];

describe('generateTickets', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect([...generateTickets(2000, 42, { until })]).toEqual(tickets);
    const other = [...generateTickets(2000, 43, { until })];
    expect(other.map((t) => t.summary)).not.toEqual(tickets.map((t) => t.summary));
  });

  it('yields lazily, so a huge count costs nothing until it is read', () => {
    const stream = generateTickets(1_000_000_000, 1, { until });
    expect(stream.next().value?.number).toBe(1);
  });

  it('yields exactly the count asked for, oldest first, all before the end of the history', () => {
    expect(tickets).toHaveLength(2000);
    const created = tickets.map((t) => t.createdAt);
    expect([...created].sort()).toEqual(created);
    expect(tickets.every((t) => t.createdAt < until && t.updatedAt <= until)).toBe(true);
  });

  it('resolves each ticket whose resolution time has passed with a public note', () => {
    const resolved = tickets.filter((t) => t.status === 'resolved' || t.status === 'closed');
    expect(resolved.length).toBeGreaterThan(tickets.length * 0.8);
    for (const ticket of resolved) {
      const publicNotes = ticket.notes.filter((n) => n.visibility === 'public');
      expect(publicNotes).toHaveLength(1);
      expect(publicNotes[0]?.createdAt).toBe(ticket.resolvedAt);
      expect(ticket.agentEmail).not.toBeNull();
    }
    const open = tickets.filter((t) => t.resolvedAt === null);
    expect(open.every((t) => t.notes.every((n) => n.visibility === 'private'))).toBe(true);
  });

  it('points resolution notes to the knowledge-base article of their kind of problem', () => {
    const slugs = new Set(kbArticles.map((article) => article.slug));
    const pointed = tickets.flatMap((ticket) =>
      ticket.notes.flatMap((note) => [...note.body.matchAll(/ See \/kb\/([a-z0-9-]+)\.$/g)]),
    );
    const resolved = tickets.filter((t) => t.resolvedAt !== null);
    // Most kinds of ticket have an article; the rest (and opportunities) have none.
    expect(pointed.length).toBeGreaterThan(resolved.length * 0.6);
    expect(pointed.length).toBeLessThan(resolved.length);
    for (const match of pointed) expect(slugs.has(match[1]!)).toBe(true);
    // Only public notes point to articles, and one summary always points to the same one.
    const bySummary = new Map<string, string>();
    for (const ticket of tickets) {
      for (const note of ticket.notes) {
        const slug = /\/kb\/([a-z0-9-]+)/.exec(note.body)?.[1];
        if (slug === undefined) continue;
        expect(note.visibility).toBe('public');
        expect(bySummary.get(ticket.summary) ?? slug).toBe(slug);
        bySummary.set(ticket.summary, slug);
      }
    }
  });

  it('leaves a queue of recent open tickets, some of them past their resolution time', () => {
    const unresolved = tickets.filter((t) => t.resolvedAt === null);
    expect(unresolved.length).toBeGreaterThanOrEqual(5);
    expect(unresolved.some((t) => t.resolutionDueAt < until)).toBe(true);
    expect(unresolved.every((t) => !['resolved', 'closed'].includes(t.status))).toBe(true);
  });

  it('keeps similar tickets consistent: one summary always has the same category, team and type', () => {
    const bySummary = new Map<string, string>();
    for (const ticket of tickets.filter((t) => t.typeKey !== 'opportunity')) {
      const key = `${ticket.category}/${ticket.teamKey}/${ticket.typeKey}`;
      const summary = ticket.summary.replace(/ at .*$/, '');
      expect(bySummary.get(summary) ?? key).toBe(key);
      bySummary.set(summary, key);
    }
    expect(bySummary.size).toBeGreaterThan(40);
  });

  it('refers only to demo users, and to custom fields the ticket type defines', () => {
    const emails = new Set(demoUsers.map((u) => u.email));
    for (const ticket of tickets) {
      expect(emails.has(ticket.requesterEmail)).toBe(true);
      if (ticket.agentEmail !== null) expect(emails.has(ticket.agentEmail)).toBe(true);
      const type = demoTicketTypes.find((t) => t.key === ticket.typeKey);
      const defined = new Set(type?.fields.map((f) => f.key));
      expect(Object.keys(ticket.customFields).every((key) => defined.has(key))).toBe(true);
      for (const field of type?.fields.filter((f) => f.required) ?? []) {
        expect(ticket.customFields).toHaveProperty(field.key);
      }
    }
  });

  it('offers each opportunity a service its organisation does not have', () => {
    const opportunities = tickets.filter((t) => t.typeKey === 'opportunity');
    expect(opportunities.length).toBeGreaterThan(0);
    for (const ticket of opportunities) {
      const key = demoServices.find((s) => s.name === ticket.customFields['service'])?.key;
      expect(key).toBeDefined();
      expect(demoCustomerServices[ticket.organisationName]).not.toContain(key);
    }
  });

  it('gives the demo end user alice@example.com a history of her own', () => {
    expect(tickets.filter((t) => t.requesterEmail === 'alice@example.com').length).toBeGreaterThan(
      20,
    );
  });
});
