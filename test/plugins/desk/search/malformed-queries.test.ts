import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskSearch, type DeskSearch } from '../../../../plugins/desk/search/desk-search.js';
import { createDeskDirectory } from '../../../../plugins/desk/store/directory.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertArticle, insertSearchPeople, insertTicket, principalFor } from './search-fixture.js';

/** Query text users and models really send, and text written to break a query parser. */
const malformedQueries: readonly string[] = [
  '',
  '   ',
  '\t\n\r',
  '"',
  '""',
  '"printer',
  'printer"',
  "'",
  "printer's jam",
  'AND',
  'OR NOT NEAR',
  'printer AND',
  'NOT printer',
  'printer OR OR scanner',
  'NEAR(printer jam, 2)',
  '*',
  'print*',
  '^printer',
  'summary:printer',
  '{summary details}:printer',
  '-printer +jam',
  '(printer',
  'printer)',
  '((()))',
  ':',
  '!!!???',
  'printer & jam | !scanner <-> paper',
  "'; drop table desk_tickets; --",
  '%_\\',
  '\\"printer\\"',
  '\u0000printer\u0000',
  '\uD800 lone surrogate',
  '🖨️ printer 💥',
  '🙂🙂🙂',
  'Drücker naïve café',
  '打印机 卡纸',
  'принтер не печатает',
  'ﬁle ＰＲＩＮＴＥＲ',
  'a'.repeat(100_000),
  'printer '.repeat(5_000),
  'the of and',
];

/** Inputs whose only searchable word is "printer": the syntax around it must not matter. */
const findsPrinter = [
  '"printer',
  'printer"',
  '^printer',
  '(printer',
  'printer)',
  'printer AND',
  'NOT printer',
  '\u0000printer\u0000',
  '\\"printer\\"',
  'printer '.repeat(5_000),
];

describe.each(testEngines)('malformed query text on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let search: DeskSearch;
  let printerTicket = 0;
  const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['tickets:read:all'] });
  const endUser = principalFor('alice@acorn.example');

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const context = { db: desk.db, engine: desk.engine, now: () => new Date() };
    search = createDeskSearch(context, createDeskDirectory(context));
    const people = await insertSearchPeople(desk.db);
    printerTicket = await insertTicket(desk.db, {
      requesterId: people.alice,
      organisationId: people.acorn,
      typeId: people.incident,
      summary: 'Printer jam on floor two',
      details: 'Paper stuck in tray 2; the café printer shows error E-13.',
    });
    await insertArticle(desk.db, {
      slug: 'printer-jam',
      title: 'Clearing a printer jam',
      body: 'Open tray 2, remove the paper, close the tray.',
      tags: ['printer'],
    });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it.each(malformedQueries.map((text) => [JSON.stringify(text.slice(0, 40)), text]))(
    'answers %s without an error',
    async (_label, text) => {
      for (const principal of [agent, endUser]) {
        const tickets = await search.searchTickets(principal, { text, status: ['open'] });
        expect(Array.isArray(tickets.hits)).toBe(true);
        const articles = await search.searchArticles(principal, { text, tags: [text] });
        expect(Array.isArray(articles.hits)).toBe(true);
        const anyWord = await search.searchTickets(principal, { text, match: 'any' });
        expect(Array.isArray(anyWord.hits)).toBe(true);
        // The same text as a filter value is bound as a parameter, never parsed.
        const asFilters = { category: text, team: text, type: text };
        const filtered = await search.searchTickets(principal, { ...asFilters, text: 'printer' });
        expect(filtered.hits).toEqual([]);
        // As a date it is refused naming the filter, never compared as text.
        await expect(
          search.searchTickets(principal, { text: 'printer', createdFrom: text }),
        ).rejects.toThrow('createdFrom must be an ISO-8601 date or time, e.g. 2026-03-01');
        const byCategory = await search.searchArticles(principal, { category: text });
        expect(byCategory.hits).toEqual([]);
      }
    },
  );

  it.each(findsPrinter.map((text) => [JSON.stringify(text.slice(0, 40)), text]))(
    'reads %s as the word "printer"',
    async (_label, text) => {
      const { hits } = await search.searchTickets(agent, { text });
      expect(hits.map((hit) => hit.row.id)).toEqual([printerTicket]);
      const articles = await search.searchArticles(agent, { text });
      expect(articles.hits).toHaveLength(1);
    },
  );

  it('finds nothing, without an error, for numeric filters that are not whole numbers', async () => {
    for (const value of [Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const page = await search.searchTickets(agent, { priority: value, requesterId: value });
      expect(page.hits).toEqual([]);
      expect((await search.searchTickets(agent, { text: 'printer', agentId: value })).hits).toEqual(
        [],
      );
    }
  });

  it('finds nothing, without an error, for an empty list of statuses or priorities', async () => {
    expect((await search.searchTickets(agent, { text: 'printer', status: [] })).hits).toEqual([]);
    expect((await search.searchTickets(agent, { priority: [] })).hits).toEqual([]);
    expect((await search.searchArticles(agent, { text: 'printer', tags: [] })).hits).toHaveLength(
      1,
    );
  });

  it('finds nothing for text without a searchable word', async () => {
    for (const text of ['!!!???', '🙂🙂🙂', '((()))', 'the of and', '"', '*']) {
      expect((await search.searchTickets(agent, { text })).hits).toEqual([]);
      expect((await search.searchArticles(agent, { text })).hits).toEqual([]);
    }
  });

  it('matches accented words and drops emoji around real words', async () => {
    expect((await search.searchTickets(agent, { text: 'café' })).hits).toHaveLength(1);
    expect((await search.searchTickets(agent, { text: '🖨️ printer 💥' })).hits).toHaveLength(1);
  });
});
