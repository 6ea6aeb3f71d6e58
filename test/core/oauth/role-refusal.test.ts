import { describe, expect, it } from 'vitest';
import type { Role } from '../../../core/index.js';
import { roleRefusal, rolesPhrase } from '../../../core/oauth/role-refusal.js';

describe('rolesPhrase: the roles a collection is for, as words', () => {
  it.each<[Role[], string]>([
    [['end_user'], 'end users'],
    [['agent'], 'agents'],
    [['admin'], 'administrators'],
    [['service'], 'service accounts'],
    [['admin', 'agent'], 'agents and administrators'],
    [['service', 'admin', 'agent'], 'agents, administrators and service accounts'],
    [
      ['end_user', 'agent', 'admin', 'service'],
      'end users, agents, administrators and service accounts',
    ],
  ])('%j → %s', (roles, phrase) => expect(rolesPhrase(roles)).toBe(phrase));
});

describe('roleRefusal: what the sign-in page says to an account of another role', () => {
  const agentFunctions = { title: 'Agent Functions', roles: ['agent', 'admin'] as Role[] };

  it('reads as a sentence naming the collection, whom it is for and what the account is', () => {
    expect(roleRefusal(agentFunctions, { email: 'alice@example.com', role: 'end_user' })).toBe(
      "Agent Functions is for the service desk's agents and administrators. You signed in as " +
        'alice@example.com, an end user: sign in with another account, or ask your service desk administrator.',
    );
    expect(
      roleRefusal(
        { title: 'User Functions', roles: ['end_user'] },
        { email: 'sam@helpdesk.example', role: 'admin' },
      ),
    ).toContain(
      "User Functions is for the service desk's end users. You signed in as sam@helpdesk.example, an administrator:",
    );
  });

  it('has nothing to say to a role the collection is for', () => {
    expect(roleRefusal(agentFunctions, { email: 'sam@helpdesk.example', role: 'admin' })).toBe(
      undefined,
    );
  });
});
