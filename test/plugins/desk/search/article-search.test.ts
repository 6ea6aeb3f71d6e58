import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskSearch, type DeskSearch } from '../../../../plugins/desk/search/desk-search.js';
import { createDeskDirectory } from '../../../../plugins/desk/store/directory.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertArticle, insertSearchPeople, principalFor } from './search-fixture.js';

describe.each(testEngines)('knowledge-base search on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let search: DeskSearch;
  const ids: Record<string, number> = {};
  const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['kb:read'] });
  const endUser = principalFor('alice@acorn.example', { scopes: ['kb:read'] });

  const articleIds = async (input: Parameters<DeskSearch['searchArticles']>[1], who = agent) =>
    (await search.searchArticles(who, input)).hits.map((hit) => hit.row.id);

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const context = { db: desk.db, engine: desk.engine, now: () => new Date() };
    search = createDeskSearch(context, createDeskDirectory(context));
    await insertSearchPeople(desk.db);
    ids['vpnTitle'] = await insertArticle(desk.db, {
      slug: 'vpn-drops',
      title: 'VPN connection drops every few minutes',
      body: 'Switch the client to TCP and update the network driver.',
      tags: ['vpn', 'Network'],
      category: 'network',
    });
    ids['vpnBody'] = await insertArticle(desk.db, {
      slug: 'working-from-home',
      title: 'Working from home checklist',
      body: 'Check your broadband, then connect to the VPN before opening Outlook.',
      tags: ['remote'],
      category: 'network',
    });
    ids['mfa'] = await insertArticle(desk.db, {
      slug: 'mfa-reset',
      title: 'Resetting multi-factor authentication',
      body: 'Ask the service desk to reset your authenticator app registration.',
      tags: ['mfa', 'accounts'],
      category: 'accounts',
    });
    ids['draft'] = await insertArticle(desk.db, {
      slug: 'vpn-draft',
      title: 'VPN on the new firewall (draft)',
      body: 'Not ready yet.',
      tags: ['vpn'],
      category: 'network',
      published: false,
    });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('ranks a title match above a body match', async () => {
    const { hits } = await search.searchArticles(agent, { text: 'vpn' });
    expect(hits.map((hit) => hit.row.id)).toEqual([ids['vpnTitle'], ids['vpnBody']]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.row).toMatchObject({ slug: 'vpn-drops', tags: ['vpn', 'Network'] });
    expect(hits[0]!.snippet).toMatch(/\*\*VPN\*\*/);
  });

  it('finds other forms of a word through stemming', async () => {
    expect(await articleIds({ text: 'dropping connections' })).toEqual([ids['vpnTitle']]);
    expect(await articleIds({ text: 'resets' })).toEqual([ids['mfa']]);
  });

  it('filters by category and by every tag given, tags without case', async () => {
    expect(await articleIds({ text: 'vpn', category: 'accounts' })).toEqual([]);
    expect(await articleIds({ text: 'vpn', tags: ['network'] })).toEqual([ids['vpnTitle']]);
    expect(await articleIds({ text: 'vpn', tags: ['vpn', 'remote'] })).toEqual([]);
    expect(await articleIds({ tags: ['MFA', 'accounts'] })).toEqual([ids['mfa']]);
    expect(await articleIds({ category: 'network' })).toEqual([ids['vpnTitle'], ids['vpnBody']]);
  });

  it('hides drafts from end users even when they ask for them', async () => {
    expect(await articleIds({ text: 'firewall' })).toEqual([]);
    expect(await articleIds({ text: 'firewall', includeUnpublished: true })).toEqual([
      ids['draft'],
    ]);
    expect(await articleIds({ text: 'firewall', includeUnpublished: true }, endUser)).toEqual([]);
  });

  it('lists published articles by title when the text is blank', async () => {
    const { hits } = await search.searchArticles(endUser, {});
    expect(hits.map((hit) => hit.row.title)).toEqual([
      'Resetting multi-factor authentication',
      'VPN connection drops every few minutes',
      'Working from home checklist',
    ]);
    expect(hits.every((hit) => hit.score === 0)).toBe(true);
  });
});
