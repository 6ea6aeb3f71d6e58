import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCollection } from '../../core/index.js';
import {
  call,
  demoDeskPlugins,
  endUserToken,
  staffToken,
  startTestServer,
  type TestServer,
} from '../../testing/index.js';

const grant = ['tickets:read:own', 'tickets:read:all', 'users:read:own'];
const sam = staffToken({ scopes: grant, collections: ['desk'] });
const alice = endUserToken({ scopes: grant, collections: ['desk'] });

describe('the demo desk fixture', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: demoDeskPlugins({ demoTickets: 4 }),
      collections: [
        defineCollection({ id: 'desk', title: 'Desk', plugins: ['tickets', 'people'], grant }),
      ],
      tokens: [sam, alice],
    });
  });
  afterAll(() => t?.close());

  it('is the desk store with the tickets, knowledge and people tools', () => {
    expect(demoDeskPlugins().map((plugin) => plugin.id)).toEqual([
      'desk',
      'tickets',
      'knowledge',
      'people',
    ]);
  });

  it('loads the demo people the staff and end-user tokens sign in as', async () => {
    const staff = await call(t.clients['desk']!, 'get_user_info');
    expect(staff.out).toMatchObject({ user: { name: 'Sam Taylor', role: 'agent' } });
    const user = await call(await t.connect('desk', alice.token), 'get_user_info');
    expect(user.out).toMatchObject({ user: { name: 'Alice Carter', role: 'end_user' } });
  });

  it('loads as many demo tickets as asked for', async () => {
    const found = await call(t.clients['desk']!, 'search_tickets', {});
    expect(found.isError, found.text).toBe(false);
    expect(found.out.tickets).toHaveLength(4);
  });
});
