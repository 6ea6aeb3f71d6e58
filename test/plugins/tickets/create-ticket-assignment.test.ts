import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer } from './tickets-fixture.js';

describe.each(testEngines)(
  'create_ticket with an agent and an organisation on $engine',
  (engine) => {
    let t: TestServer;
    let close: () => Promise<void>;
    let ann: Client;
    let jo: Client;

    const ticketCount = async () => {
      const { out } = await call(ann, 'search_tickets', { limit: 100 });
      return (out.tickets as unknown[]).length;
    };
    const detail = async (ticketId: number, client = ann) =>
      (await call(client, 'get_ticket', { ticketId })).out.ticket as {
        organisation: string | null;
        history: { field: string; to: string | null }[];
      };

    beforeAll(async () => {
      ({ t, close } = await startTicketsServer(engine));
      ann = t.clients['agent']!;
      jo = t.clients['user']!;
    });
    afterAll(async () => close?.());

    it('logs a ticket for a customer, assigned at once and about the organisation named', async () => {
      const { isError, out, text } = await call(ann, 'create_ticket', {
        type: 'incident',
        summary: 'Dental chairs lose their network settings',
        details: 'Reported by phone: every chair in surgery two since Monday.',
        requester: 'kim.lee@birch.example',
        agent: 'bob.agent@desk.example',
        organisation: 'birch dental',
      });
      expect(isError, text).toBe(false);
      expect(out).toMatchObject({ status: 'open', agent: 'bob.agent@desk.example' });
      expect(text).toContain('assigned to bob.agent@desk.example');
      const ticket = await detail(out.id as number);
      expect(ticket.organisation).toBe('Birch Dental');
      expect(ticket.history.map((h) => h.field)).toEqual([
        'created',
        'organisation_id',
        'agent_id',
      ]);
    });

    it("shows a requester their own ticket's organisation", async () => {
      const { out } = await call(jo, 'create_ticket', {
        type: 'incident',
        summary: 'Outlook asks for my password',
        details: 'Every few minutes.',
      });
      expect((await detail(out.id as number, jo)).organisation).toBe('Acorn Construction');
    });

    it('assigns to the caller with "me", and leaves it new and unassigned with "none"', async () => {
      const mine = await call(ann, 'create_ticket', {
        type: 'incident',
        summary: 'Printer in reception offline',
        details: 'Checked the cable.',
        agent: 'me',
      });
      expect(mine.isError, mine.text).toBe(false);
      expect(mine.out).toMatchObject({ status: 'open', agent: 'ann.agent@desk.example' });
      const nobody = await call(ann, 'create_ticket', {
        type: 'incident',
        summary: 'Monitor flickers',
        details: 'Second screen only.',
        agent: 'none',
      });
      expect(nobody.out).toMatchObject({ status: 'new', agent: null });
    });

    it.each([
      ['ann', { agent: 'kim.lee@birch.example' }, /^agent: user \d+ is not an active agent/],
      [
        'ann',
        { agent: 'nobody@desk.example' },
        /^agent: no desk user with e-mail "nobody@desk.example"/,
      ],
      [
        'ann',
        { organisation: 'Oak Joinery' },
        /^organisation: unknown organisation "Oak Joinery"; organisations: Acorn Construction, Birch Dental/,
      ],
      // End users may neither assign nor choose the organisation.
      ['jo', { agent: 'ann.agent@desk.example' }, /^agent: assigning a ticket is for agents/],
      [
        'jo',
        { organisation: 'Birch Dental' },
        /^organisation: choosing the organisation is for agents/,
      ],
    ] as const)(
      'refuses %s giving %j, naming the field, and logs nothing',
      async (who, args, message) => {
        const before = await ticketCount();
        const result = await call(who === 'ann' ? ann : jo, 'create_ticket', {
          type: 'incident',
          summary: 'VPN drops',
          details: 'Every hour.',
          ...args,
        });
        expect(result.isError).toBe(true);
        expect(result.text).toMatch(message);
        expect(await ticketCount()).toBe(before);
      },
    );
  },
);
