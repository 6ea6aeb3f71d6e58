import { describe, expect, it } from 'vitest';
import {
  demoCustomerServices,
  demoServices,
} from '../../../../plugins/desk/demo/demo-catalogue.js';
import {
  demoQuickActions,
  demoTicketTypes,
} from '../../../../plugins/desk/demo/demo-desk-settings.js';
import {
  demoAccounts,
  demoOrganisations,
  demoTeams,
  demoUsers,
} from '../../../../plugins/desk/demo/demo-directory.js';
import { kbArticles } from '../../../../plugins/desk/demo/kb-articles.js';
import { deviceTemplates } from '../../../../plugins/desk/demo/ticket-templates-devices.js';
import { incidentTemplates } from '../../../../plugins/desk/demo/ticket-templates-incidents.js';
import { requestTemplates } from '../../../../plugins/desk/demo/ticket-templates-requests.js';

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

describe('demo knowledge base', () => {
  it('has about forty articles with unique kebab-case slugs', () => {
    expect(kbArticles.length).toBeGreaterThanOrEqual(40);
    const slugs = kbArticles.map((a) => a.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.every((slug) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))).toBe(true);
  });

  it.each(kbArticles.map((a) => [a.slug, a] as const))('%s has at least 150 words', (_, a) => {
    expect(words(a.body)).toBeGreaterThanOrEqual(150);
    expect(a.title.length).toBeGreaterThan(5);
    expect(a.tags.length).toBeGreaterThan(0);
  });

  it('has an article for every KB reference of the ticket templates', () => {
    const slugs = new Set(kbArticles.map((a) => a.slug));
    const referenced = [...incidentTemplates, ...deviceTemplates, ...requestTemplates]
      .map((t) => t.kb)
      .filter((kb) => kb !== undefined);
    expect(referenced.filter((kb) => !slugs.has(kb))).toEqual([]);
  });
});

describe('demo directory and catalogue', () => {
  it('has Acorn Construction on its own domain, lacking at least one service', () => {
    expect(demoOrganisations).toContainEqual({
      name: 'Acorn Construction',
      domain: 'acorn-construction.example',
      accountManager: 'priya.shah@helpdesk.example',
    });
    const held = demoCustomerServices['Acorn Construction'] ?? [];
    expect(held.length).toBeGreaterThan(0);
    expect(demoServices.filter((s) => !held.includes(s.key)).length).toBeGreaterThan(0);
  });

  it('gives every customer an account manager who is an agent', () => {
    for (const organisation of demoOrganisations.filter((o) => o.staff !== true)) {
      const manager = demoUsers.find((user) => user.email === organisation.accountManager);
      expect(manager?.role, organisation.name).toBe('agent');
    }
  });

  it('has the demo accounts the dev tokens use, an agent in every team and an admin', () => {
    const alice = demoUsers.find((u) => u.email === 'alice@example.com');
    expect(alice).toMatchObject({ role: 'end_user', organisation: 'Acorn Construction' });
    const sam = demoUsers.find((u) => u.email === 'sam@helpdesk.example');
    expect(sam).toMatchObject({ role: 'agent', teams: ['service-desk'] });
    for (const team of demoTeams) {
      const agents = demoAccounts.filter((a) => a.role === 'agent');
      const inTeam = demoUsers.filter((u) => u.teams.includes(team.key));
      expect(inTeam.some((u) => agents.some((a) => a.email === u.email))).toBe(true);
    }
    expect(demoAccounts.some((a) => a.role === 'admin')).toBe(true);
    expect(demoAccounts.every((a) => a.password.startsWith('demo-password-'))).toBe(true);
  });

  it('has the five ticket types, with Incident and Opportunity fields', () => {
    expect(demoTicketTypes.map((t) => t.name)).toEqual([
      'Incident',
      'Service Request',
      'Problem',
      'Change',
      'Opportunity',
    ]);
    const fieldKeys = (key: string) =>
      demoTicketTypes.find((t) => t.key === key)?.fields.map((f) => f.key);
    expect(fieldKeys('incident')).toEqual(expect.arrayContaining(['affected_service', 'impact']));
    expect(fieldKeys('opportunity')).toEqual(
      expect.arrayContaining(['service', 'estimated_value']),
    );
  });
});

describe('demo quick actions', () => {
  it('use only the placeholders the store fills in', () => {
    const known = ['ticket.id', 'ticket.summary', 'ticket.status', 'ticket.priority'];
    const placeholders = demoQuickActions.flatMap((action) => {
      const template = action.changes.email_template;
      return [
        ...`${template?.subject ?? ''} ${template?.body ?? ''}`.matchAll(
          /\{\{\s*([a-z_.]+)\s*\}\}/g,
        ),
      ];
    });
    expect(placeholders.length).toBeGreaterThan(0);
    const allowed = new Set([...known, 'requester.name', 'agent.name']);
    expect(placeholders.map((m) => m[1]).filter((key) => !allowed.has(key ?? ''))).toEqual([]);
  });
});
