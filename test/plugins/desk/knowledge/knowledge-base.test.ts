import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDemoDesk, demoNow } from '../demo-desk.js';
import { principalFor } from '../store/ticket-fixture.js';

const alice = principalFor('alice@example.com');
const amelia = principalFor('amelia.hart@birch-legal.example');
const sam = principalFor('sam@helpdesk.example', { role: 'agent' });
const service = principalFor('nightly-job', { role: 'service' });

describe.each(testEngines)('the knowledge base on $engine', (testEngine) => {
  let desk: Awaited<ReturnType<typeof openDemoDesk>>;
  let draftId: number;
  let alicesTicket: number;
  let ameliasTicket: number;

  beforeAll(async () => {
    desk = await openDemoDesk(testEngine);
    const draft = await desk.db
      .insertInto('desk_kb_articles')
      .values({
        slug: 'new-vpn-client-rollout',
        title: 'Draft: the new VPN client',
        body: 'Not ready yet.',
        tags: '["vpn"]',
        category: 'Network',
        published: 0,
        created_at: demoNow.toISOString(),
        updated_at: demoNow.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    draftId = draft.id;
    alicesTicket = (
      await desk.store.tickets.create(alice, {
        type: 'incident',
        summary: 'VPN drops',
        details: 'Every 5 minutes',
        customFields: { affected_service: 'VPN and Remote Access' },
      })
    ).id;
    ameliasTicket = (
      await desk.store.tickets.create(amelia, {
        type: 'incident',
        summary: 'Printer jam',
        details: 'Tray 2',
        customFields: { affected_service: 'Managed Printing' },
      })
    ).id;
  });
  afterAll(async () => {
    await desk.close();
  });

  const outboxCount = async () =>
    Number(
      (
        await desk.db
          .selectFrom('desk_outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('reads an article by slug and by id, with its whole body and tags', async () => {
    const bySlug = await desk.store.knowledge.getArticle(alice, 'vpn-keeps-dropping');
    expect(bySlug).toMatchObject({ slug: 'vpn-keeps-dropping', published: true });
    expect(bySlug?.body).toContain('Switch the VPN gateway');
    expect(bySlug?.tags).toContain('vpn');
    const byId = await desk.store.knowledge.getArticle(alice, bySlug!.id);
    expect(byId).toEqual(bySlug);
    expect(await desk.store.knowledge.getArticle(alice, String(bySlug!.id))).toEqual(bySlug);
  });

  it('hides drafts from end users and shows them to staff', async () => {
    expect(await desk.store.knowledge.getArticle(alice, draftId)).toBeUndefined();
    expect(await desk.store.knowledge.getArticle(alice, 'new-vpn-client-rollout')).toBeUndefined();
    expect(await desk.store.knowledge.getArticle(sam, draftId)).toMatchObject({ published: false });
  });

  it('answers "not found" for unknown, absurd and malformed references', async () => {
    for (const reference of [999_999, '99999999999999999999999', "x' or 1=1 --", '', 'Ω']) {
      expect(await desk.store.knowledge.getArticle(sam, reference)).toBeUndefined();
    }
  });

  it('e-mails an article to the caller through the outbox', async () => {
    const email = await desk.store.knowledge.emailArticle(alice, { article: 'vpn-keeps-dropping' });
    expect(email).toMatchObject({
      to_email: 'alice@example.com',
      subject: 'Knowledge base: VPN keeps dropping every few minutes',
      ticket_id: null,
      status: 'queued',
      created_at: demoNow.toISOString(),
    });
    expect(email.body).toMatch(/^Hello Alice Carter,/);
    expect(email.body).toContain('Switch the VPN gateway');
  });

  it("e-mails an article about a ticket to its requester and records it in the ticket's history", async () => {
    const email = await desk.store.knowledge.emailArticle(sam, {
      article: 'vpn-keeps-dropping',
      ticketId: alicesTicket,
      message: 'Step 4 should fix it.',
      provenance: 'ai',
    });
    expect(email).toMatchObject({ to_email: 'alice@example.com', ticket_id: alicesTicket });
    expect(email.subject).toBe(`[Ticket #${alicesTicket}] VPN keeps dropping every few minutes`);
    expect(email.body).toContain('Step 4 should fix it.');
    const history = await desk.db
      .selectFrom('desk_ticket_history')
      .selectAll()
      .where('ticket_id', '=', alicesTicket)
      .where('field', '=', 'email')
      .execute();
    expect(history).toEqual([
      expect.objectContaining({
        new_value: `alice@example.com: ${email.subject}`,
        provenance: 'ai',
        collection: 'agent',
        client: 'copilot-studio',
      }),
    ]);
  });

  it("refuses an end user's e-mail to anyone else, or about another user's ticket, and queues nothing", async () => {
    const before = await outboxCount();
    await expect(
      desk.store.knowledge.emailArticle(alice, {
        article: 'vpn-keeps-dropping',
        to: 'sam@helpdesk.example',
      }),
    ).rejects.toThrow('only to yourself');
    await expect(
      desk.store.knowledge.emailArticle(alice, {
        article: 'vpn-keeps-dropping',
        ticketId: ameliasTicket,
      }),
    ).rejects.toThrow(`ticket ${ameliasTicket} not found`);
    await expect(desk.store.knowledge.emailArticle(alice, { article: draftId })).rejects.toThrow(
      `article ${draftId} not found`,
    );
    expect(await outboxCount()).toBe(before);
  });

  it('refuses recipients who are not active desk users, bad addresses and long messages', async () => {
    const before = await outboxCount();
    const send = (request: Partial<Parameters<typeof desk.store.knowledge.emailArticle>[1]>) =>
      desk.store.knowledge.emailArticle(sam, { article: 'vpn-keeps-dropping', ...request });
    await expect(send({ to: 'stranger@elsewhere.example' })).rejects.toThrow(
      'not an active desk user',
    );
    await expect(send({ to: 'not an address' })).rejects.toThrow('"to" must be an e-mail address');
    await expect(send({ message: 'x'.repeat(2001) })).rejects.toThrow(
      '"message" is longer than 2000',
    );
    await expect(send({ ticketId: 987_654 })).rejects.toThrow('ticket 987654 not found');
    await expect(
      desk.store.knowledge.emailArticle(service, { article: 'vpn-keeps-dropping' }),
    ).rejects.toThrow('"to" is required');
    expect(await outboxCount()).toBe(before);
  });

  it('lets staff send an article to any active desk user', async () => {
    const email = await desk.store.knowledge.emailArticle(sam, {
      article: 'vpn-keeps-dropping',
      to: 'Amelia.Hart@birch-legal.example',
    });
    expect(email.to_email).toBe('amelia.hart@birch-legal.example');
  });
});
