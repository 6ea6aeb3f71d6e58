import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSearch } from '../../../../plugins/desk/search/desk-search.js';
import { createDeskStore } from '../../../../plugins/desk/store/desk-store.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import {
  insertSearchPeople,
  insertTicket,
  principalFor,
  type SearchPeople,
} from './search-fixture.js';

describe.each(testEngines)('ticket search on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let search: DeskSearch;
  let people: SearchPeople;
  const ids: Record<string, number> = {};
  const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['tickets:read:all'] });

  const ticketIds = async (input: Parameters<DeskSearch['searchTickets']>[1]) =>
    (await search.searchTickets(agent, input)).hits.map((hit) => hit.row.id);

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const context = { db: desk.db, engine: desk.engine, now: () => new Date() };
    // Through the store, as other plugins reach it.
    search = createDeskStore(context).search;
    people = await insertSearchPeople(desk.db);
    const { acorn, birch, alice, bob, carol, dave, network, hardware, incident, request } = people;
    const acornTicket = { requesterId: alice, organisationId: acorn, typeId: incident };
    ids['printed'] = await insertTicket(desk.db, {
      ...acornTicket,
      summary: 'Nothing printed since Monday',
      details: 'The queue shows my document as sent.',
      teamId: hardware,
      priority: 2,
      createdAt: '2026-02-02T09:00:00.000Z',
    });
    ids['prints'] = await insertTicket(desk.db, {
      ...acornTicket,
      requesterId: bob,
      summary: 'Laptop prints blank pages',
      details: 'Every page comes out empty.',
      status: 'resolved',
      teamId: hardware,
      agentId: dave,
      createdAt: '2026-02-03T09:00:00.000Z',
    });
    ids['printers'] = await insertTicket(desk.db, {
      requesterId: carol,
      organisationId: birch,
      typeId: request,
      summary: 'Two new printers for reception',
      details: 'Please order them before the move.',
      category: 'purchase',
      createdAt: '2026-03-01T09:00:00.000Z',
    });
    ids['scannerInSummary'] = await insertTicket(desk.db, {
      ...acornTicket,
      summary: 'Scanner offline',
      details: 'It was fine yesterday and nobody touched it since then.',
      teamId: network,
      createdAt: '2026-02-04T09:00:00.000Z',
    });
    ids['scannerInDetails'] = await insertTicket(desk.db, {
      ...acornTicket,
      summary: 'Office equipment offline',
      details: 'The scanner on floor two stopped answering this morning.',
      teamId: network,
      createdAt: '2026-02-05T09:00:00.000Z',
    });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('finds other forms of a word through stemming', async () => {
    const found = await ticketIds({ text: 'printing' });
    expect(found).toEqual(expect.arrayContaining([ids['printed'], ids['prints']]));
    // "printer" is its own stem in both engines' English stemmers; its plural still finds it.
    expect(await ticketIds({ text: 'printer' })).toEqual([ids['printers']]);
  });

  it('reads the last word also as a prefix, from three letters on', async () => {
    expect(await ticketIds({ text: 'reception printe' })).toEqual([ids['printers']]);
    expect(await ticketIds({ text: 'scann', match: 'any' })).toEqual([
      ids['scannerInSummary'],
      ids['scannerInDetails'],
    ]);
    expect(await ticketIds({ text: 'printe reception' })).toEqual([]);
    expect(await ticketIds({ text: 'sc' })).toEqual([]);
  });

  it('ranks a summary match above a details match, with a higher-is-better score', async () => {
    const { hits } = await search.searchTickets(agent, { text: 'scanner' });
    expect(hits.map((hit) => hit.row.id)).toEqual([
      ids['scannerInSummary'],
      ids['scannerInDetails'],
    ]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThan(0);
  });

  it('marks the matched words in the snippet', async () => {
    const { hits } = await search.searchTickets(agent, { text: 'scanner floor' });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet).toMatch(/\*\*scanner\*\*/i);
    expect(hits[0]!.snippet).toMatch(/\*\*floor\*\*/i);
  });

  it('needs every word by default, and any word with match "any"', async () => {
    expect(await ticketIds({ text: 'scanner offline' })).toEqual([
      ids['scannerInSummary'],
      ids['scannerInDetails'],
    ]);
    expect(await ticketIds({ text: 'scanner reception' })).toEqual([]);
    expect(await ticketIds({ text: 'scanner reception', match: 'any' })).toHaveLength(3);
  });

  it('applies every filter', async () => {
    const { acorn, birch, bob, dave } = people;
    const text = 'print printers scanner offline';
    const any = { text, match: 'any' as const };
    expect(await ticketIds({ ...any, status: 'resolved' })).toEqual([ids['prints']]);
    expect(await ticketIds({ ...any, status: ['resolved', 'new'] })).toEqual([ids['prints']]);
    expect(await ticketIds({ ...any, priority: 2 })).toEqual([ids['printed']]);
    expect(await ticketIds({ ...any, team: 'network' })).toHaveLength(2);
    expect(await ticketIds({ ...any, team: 'hardware' })).toHaveLength(2);
    expect(await ticketIds({ ...any, agentId: dave })).toEqual([ids['prints']]);
    expect(await ticketIds({ ...any, agentId: null })).not.toContain(ids['prints']);
    expect(await ticketIds({ ...any, requesterId: bob })).toEqual([ids['prints']]);
    expect(await ticketIds({ ...any, organisationId: birch })).toEqual([ids['printers']]);
    expect(await ticketIds({ ...any, organisationId: acorn })).toHaveLength(4);
    expect(await ticketIds({ ...any, type: 'service_request' })).toEqual([ids['printers']]);
    expect(await ticketIds({ ...any, category: 'purchase' })).toEqual([ids['printers']]);
    const range = {
      createdFrom: '2026-02-03T00:00:00.000Z',
      createdTo: '2026-02-05T00:00:00.000Z',
    };
    expect((await ticketIds({ ...any, ...range })).sort((a, b) => a - b)).toEqual(
      [ids['prints']!, ids['scannerInSummary']!].sort((a, b) => a - b),
    );
  });

  it('lists by filters alone, newest first, when the text is blank', async () => {
    const { hits } = await search.searchTickets(agent, { text: '  ', team: 'network' });
    expect(hits.map((hit) => hit.row.id)).toEqual([
      ids['scannerInDetails'],
      ids['scannerInSummary'],
    ]);
    expect(hits.every((hit) => hit.score === 0 && hit.snippet.length > 0)).toBe(true);
  });

  it('refuses a caller without any tickets:read scope, with a message and no data', async () => {
    const kbOnly = principalFor('alice@acorn.example', { scopes: ['kb:read'] });
    await expect(search.searchTickets(kbOnly, { text: 'scanner' })).rejects.toThrow(
      /tickets:read:own/,
    );
  });

  it('keeps row scope: own tickets, the organisation with :org, everything for agents', async () => {
    const asAlice = principalFor('alice@acorn.example');
    const aliceOrg = principalFor('ALICE@acorn.example', { scopes: ['tickets:read:org'] });
    const asCarol = principalFor('carol@birch.example');
    const stranger = principalFor('nobody@nowhere.example');
    const any = { text: 'print printers scanner offline', match: 'any' as const };
    const idsOf = async (principal: typeof agent, input = any) =>
      (await search.searchTickets(principal, input)).hits
        .map((hit) => hit.row.id)
        .sort((a, b) => a - b);
    const sorted = (values: (number | undefined)[]) => (values as number[]).sort((a, b) => a - b);
    expect(await idsOf(asAlice)).toEqual(
      sorted([ids['printed'], ids['scannerInSummary'], ids['scannerInDetails']]),
    );
    expect(await idsOf(aliceOrg)).toEqual(
      sorted([ids['printed'], ids['prints'], ids['scannerInSummary'], ids['scannerInDetails']]),
    );
    expect(await idsOf(asCarol)).toEqual([ids['printers']]);
    expect(await idsOf(stranger)).toEqual([]);
    expect(await idsOf(agent)).toHaveLength(5);
    // A filter naming someone else's tickets cannot widen the scope.
    expect(await idsOf(asCarol, { ...any, organisationId: people.acorn } as typeof any)).toEqual(
      [],
    );
    expect(await idsOf(asAlice, { text: '' } as unknown as typeof any)).toEqual(
      sorted([ids['printed'], ids['scannerInSummary'], ids['scannerInDetails']]),
    );
  });
});
