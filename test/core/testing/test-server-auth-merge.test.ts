import { describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type DevToken,
  type TokenVerifier,
} from '../../../core/index.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { diagnosticsPlugin } from '../../../plugins/diagnostics/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { mcpPost } from '../oauth/support/manual-client.js';
import { startOAuthServer } from '../oauth/support/oauth-test-server.js';

const devToken = (token: string, name: string): DevToken => ({
  token,
  name,
  userId: 'sam@helpdesk.example',
  email: 'sam@helpdesk.example',
  role: 'agent',
  scopes: ['diagnostics:read'],
  collections: ['desk'],
});

/** The desk collection's URL, known once the server listens. */
const audience: string[] = [];

/** A verifier of the config's own that knows one token. */
const ownVerifier: TokenVerifier = Object.freeze({
  kind: 'own',
  verify: (token: string) =>
    Promise.resolve(
      token === 'own-token'
        ? {
            userId: 'sam@helpdesk.example',
            role: 'agent' as const,
            clientId: 'own',
            scopes: ['diagnostics:read'],
            audience: [...audience],
          }
        : undefined,
    ),
});

// startTestServer's `tokens` used to replace config.auth, silently dropping builtIn and the rest.
describe.each(testEngines)(
  'startTestServer merges tokens into config.auth on $engine',
  (engine) => {
    it('keeps builtIn, verifier, authorizationServers and config devTokens beside the tokens', async () => {
      const database = await engine.createDatabase();
      const t = await startTestServer({
        databaseUrl: database.url,
        plugins: [deskPlugin(), diagnosticsPlugin()],
        collections: [
          defineCollection({
            id: 'desk',
            title: 'Desk',
            plugins: ['diagnostics'],
            grant: ['diagnostics:read'],
          }),
        ],
        tokens: [devToken('harness-token', 'harness')],
        config: {
          auth: {
            builtIn: {},
            verifier: ownVerifier,
            authorizationServers: ['https://idp.example.com'],
            devTokens: [devToken('config-token', 'config')],
          },
        },
      });
      audience.splice(0, audience.length, t.urlOf('desk'));
      try {
        // The harness's own client uses the `tokens` one.
        expect((await t.clients['desk']?.listTools())?.tools.map((x) => x.name)).toContain('ping');
        for (const token of ['harness-token', 'config-token', 'own-token'])
          expect((await mcpPost(t.urlOf('desk'), token)).status, token).toBe(200);
        const metadata = (await (
          await fetch(`${t.url}/.well-known/oauth-protected-resource/mcp/desk`)
        ).json()) as { authorization_servers: string[] };
        expect(metadata.authorization_servers).toEqual([
          'https://idp.example.com',
          `${t.url}/oauth`,
        ]);
        expect((await fetch(`${t.url}/oauth/.well-known/oauth-authorization-server`)).status).toBe(
          200,
        );
      } finally {
        await t.close();
        await database.drop();
      }
    });

    it('without tokens, leaves config.auth as given', async () => {
      const database = await engine.createDatabase();
      const t = await startOAuthServer(database.url);
      try {
        expect(Object.keys(t.clients)).toEqual([]);
        expect((await fetch(`${t.url}/oauth/jwks`)).status).toBe(200);
      } finally {
        await t.close();
        await database.drop();
      }
    });
  },
);
