import { describe, expect, it } from 'vitest';
import { endUserToken, staffToken, testToken } from '../../testing/index.js';

const grant = { scopes: ['parts:read'], collections: ['parts'] };

describe('test tokens', () => {
  it('makes a development token with a new random bearer value each time', () => {
    const first = testToken({ ...grant, userId: 'ivy@example.com', role: 'admin' });
    const second = testToken({ ...grant, userId: 'ivy@example.com', role: 'admin' });
    expect(first).toEqual({
      token: expect.stringMatching(/^test-[0-9a-f]{24}$/),
      name: 'test-admin',
      userId: 'ivy@example.com',
      role: 'admin',
      scopes: ['parts:read'],
      collections: ['parts'],
    });
    expect(second.token).not.toBe(first.token);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('keeps a given token, name, e-mail and organisation', () => {
    const token = testToken({
      ...grant,
      userId: 'u1',
      role: 'end_user',
      token: 'fixed',
      name: 'kiosk',
      email: 'u1@example.com',
      organisationId: '7',
    });
    expect(token).toMatchObject({
      token: 'fixed',
      name: 'kiosk',
      email: 'u1@example.com',
      organisationId: '7',
    });
    expect(testToken({ ...grant, userId: 'u2', role: 'end_user' }).name).toBe('test-end-user');
  });

  it('signs staff in as the demo agent and end users as the demo customer', () => {
    expect(staffToken(grant)).toMatchObject({
      userId: 'sam@helpdesk.example',
      email: 'sam@helpdesk.example',
      role: 'agent',
      ...grant,
    });
    expect(endUserToken(grant)).toMatchObject({
      userId: 'alice@example.com',
      email: 'alice@example.com',
      role: 'end_user',
      ...grant,
    });
  });
});
