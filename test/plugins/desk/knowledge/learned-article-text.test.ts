import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  learnedText,
  learnedTextMaxLength,
  learnedTicketsPerArticle,
  rebuildLearnedArticleText,
  relearnArticles,
} from '../../../../plugins/desk/knowledge/learned-article-text.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { insertArticle } from '../search/search-fixture.js';
import { openTicketFixture, people, type TicketFixture } from '../store/ticket-fixture.js';

describe('learnedText', () => {
  it('keeps whole summaries, one a line, newest first, within the bound', () => {
    expect(learnedText(['VPN  drops\tat home', '', 'Tunnel down'])).toBe(
      'VPN drops at home\nTunnel down',
    );
    const long = 'x'.repeat(1500);
    // Two lines of 1,501 characters fit in 4,000; a third would not, and is left out whole.
    expect(learnedText([long, long, long, 'short'])).toBe(`${long}\n${long}`);
    expect(learnedTextMaxLength).toBe(4000);
  });
});

describe.each(testEngines)('learned article text on $engine', (testEngine) => {
  let fixture: TicketFixture;
  let vpnArticle: number;
  let printerArticle: number;

  const learned = async (articleId: number) =>
    (
      await fixture.db
        .selectFrom('desk_kb_articles')
        .select('learned_text')
        .where('id', '=', articleId)
        .executeTakeFirstOrThrow()
    ).learned_text;

  const raise = async (summary: string) =>
    (
      await fixture.store.tickets.create(people.jo, {
        type: 'incident',
        summary,
        details: 'It happens every day.',
      })
    ).id;

  beforeAll(async () => {
    fixture = await openTicketFixture(testEngine);
    vpnArticle = await insertArticle(fixture.db, {
      slug: 'vpn-keeps-dropping',
      title: 'VPN keeps dropping',
      body: 'Switch the client to TCP.',
    });
    printerArticle = await insertArticle(fixture.db, {
      slug: 'printer-offline',
      title: 'Printer shows offline',
      body: 'Restart the print spooler.',
    });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('learns a ticket’s summary when it is resolved, not before', async () => {
    const id = await raise('Tunnel disconnects every hour');
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: id,
      body: 'Try the steps in https://desk.example/kb/vpn-keeps-dropping and tell us.',
    });
    expect(await learned(vpnArticle)).toBe('');
    await fixture.store.tickets.update(people.ann, id, { status: 'resolved' });
    expect(await learned(vpnArticle)).toBe('Tunnel disconnects every hour');
    // Closing a resolved ticket teaches nothing twice.
    await fixture.store.tickets.update(people.ann, id, { status: 'closed' });
    expect(await learned(vpnArticle)).toBe('Tunnel disconnects every hour');
  });

  it('learns at once from a public note on a ticket already resolved, newest ticket first', async () => {
    const id = await raise('Remote access cuts out on hotel wifi');
    await fixture.store.tickets.update(people.ann, id, { status: 'resolved' });
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: id,
      body: 'Fixed with vpn-keeps-dropping.',
    });
    expect(await learned(vpnArticle)).toBe(
      'Remote access cuts out on hotel wifi\nTunnel disconnects every hour',
    );
  });

  it('forgets a ticket its requester reopens', async () => {
    const id = await raise('Printer in reception says offline');
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: id,
      body: 'See /kb/printer-offline',
    });
    await fixture.store.tickets.update(people.ann, id, { status: 'resolved' });
    expect(await learned(printerArticle)).toBe('Printer in reception says offline');
    await fixture.store.tickets.addNote(people.jo, { ticketId: id, body: 'Still offline.' });
    expect(await learned(printerArticle)).toBe('');
  });

  it('ignores private notes and slugs that name no article', async () => {
    const id = await raise('Scanner jams on every page');
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: id,
      body: 'kb/printer-offline might help',
      visibility: 'private',
    });
    await fixture.store.tickets.addNote(people.ann, {
      ticketId: id,
      body: 'See kb/scanner-jams and paper-tray-two.',
    });
    await fixture.store.tickets.update(people.ann, id, { status: 'resolved' });
    expect(await learned(printerArticle)).toBe('');
  });

  it('learns from two tickets solved at the same time, neither overwriting the other', async () => {
    const first = await raise('Front desk printer offline');
    const second = await raise('Warehouse printer offline');
    for (const id of [first, second]) {
      await fixture.store.tickets.addNote(people.ann, {
        ticketId: id,
        body: 'See kb/printer-offline',
      });
    }
    await Promise.all(
      [first, second].map((id) =>
        fixture.store.tickets.update(people.ann, id, { status: 'resolved' }),
      ),
    );
    expect(await learned(printerArticle)).toBe(
      'Warehouse printer offline\nFront desk printer offline',
    );
  });

  it(`learns from the newest ${learnedTicketsPerArticle} solved tickets only`, async () => {
    const article = await insertArticle(fixture.db, {
      slug: 'disk-full',
      title: 'Disk full',
      body: 'Empty the recycle bin.',
    });
    const ids: number[] = [];
    for (let n = 1; n <= learnedTicketsPerArticle + 5; n++) ids.push(await raise(`Disk full ${n}`));
    await fixture.db
      .insertInto('desk_kb_article_tickets')
      .values(ids.map((id) => ({ article_id: article, ticket_id: id })))
      .execute();
    await fixture.db
      .updateTable('desk_tickets')
      .set({ status: 'resolved' })
      .where('id', 'in', ids.slice(0, -1))
      .execute();
    await relearnArticles(fixture.db, [article]);
    const lines = (await learned(article)).split('\n');
    // The newest ticket is still open; the 50 before it, newest first.
    expect(lines).toHaveLength(learnedTicketsPerArticle);
    expect(lines[0]).toBe(`Disk full ${learnedTicketsPerArticle + 4}`);
    expect(lines.at(-1)).toBe('Disk full 5');
  });

  it('rebuilds every link and learned text from the notes in the desk', async () => {
    await fixture.db.updateTable('desk_kb_articles').set({ learned_text: '' }).execute();
    const { links, articles } = await rebuildLearnedArticleText(fixture.db);
    // Two tickets' notes mention the VPN article and three the printer article; the links written
    // by hand for the disk article have no note behind them and are gone.
    expect({ links, articles }).toEqual({ links: 5, articles: 3 });
    expect(await learned(vpnArticle)).toBe(
      'Remote access cuts out on hotel wifi\nTunnel disconnects every hour',
    );
    expect(await learned(printerArticle)).toBe(
      'Warehouse printer offline\nFront desk printer offline',
    );
  });
});
