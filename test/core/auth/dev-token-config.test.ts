import { describe, expect, it } from 'vitest';
import type { DevToken } from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const good: DevToken = {
  token: 'dev-agent',
  name: 'dev',
  userId: 'sam@helpdesk.example',
  role: 'agent',
  scopes: [],
  collections: [],
};

describe('development tokens in the config', () => {
  it.each([
    [{ scopes: undefined }, 'auth.devTokens[1] ("broken") has no scopes list: give it scopes'],
    [{ collections: undefined }, 'auth.devTokens[1] ("broken") has no collections list'],
    [
      { role: 'superuser' },
      'auth.devTokens[1] ("broken") has role "superuser": use one of end_user, agent, admin, service',
    ],
    [{ token: '' }, 'auth.devTokens[1] ("broken") has no token'],
    [{ name: undefined }, 'auth.devTokens[1] has no name'],
    [{ userId: ' ' }, 'auth.devTokens[1] ("broken") has no userId'],
  ])('refuse %j at startup, naming the token and the field', async (change, message) => {
    const broken = {
      ...good,
      token: 'dev-other',
      name: 'broken',
      ...change,
    } as unknown as DevToken;
    const error = await expectStartupError(
      { plugins: [], collections: [], auth: { devTokens: [good, broken] } },
      'CONFIG_INVALID',
    );
    expect(error.message).toContain(message);
  });
});
