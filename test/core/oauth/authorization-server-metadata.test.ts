import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { alice, useOAuthServer } from './support/oauth-test-server.js';
import { authorizationRequest, registerPublicClient } from './support/public-client.js';
import { signIn } from './support/sign-in.js';

const metadataOf = async (t: TestServer): Promise<Record<string, unknown>> =>
  (await (await fetch(`${t.url}/.well-known/oauth-authorization-server/oauth`)).json()) as Record<
    string,
    unknown
  >;

/**
 * What the authorization-server metadata tells an MCP 2026-07-28 client (RFC 8414): that `iss`
 * comes back with every authorization response (RFC 9207, SEP-2468), and whether it may use a
 * metadata document as client id (preferred) or register (deprecated, still served).
 */
describe.each(testEngines)('authorization-server metadata on $engine', (engine) => {
  describe('by default', () => {
    const server = useOAuthServer(engine);

    it('advertises iss in authorization responses, CIMD, and registration beside it', async () => {
      const t = server();
      const metadata = await metadataOf(t);
      expect(metadata['issuer']).toBe(`${t.url}/oauth`);
      expect(metadata['authorization_response_iss_parameter_supported']).toBe(true);
      expect(metadata['client_id_metadata_document_supported']).toBe(true);
      expect(metadata['registration_endpoint']).toBe(`${t.url}/oauth/reg`);
      expect(metadata['code_challenge_methods_supported']).toEqual(['S256']);
    });

    it('sends iss with an error response too (the person denied)', async () => {
      const t = server();
      const redirectUri = 'http://127.0.0.1:7781/callback';
      const client = await registerPublicClient(t, 'Denied client', redirectUri);
      const request = authorizationRequest(t, client, { collection: 'user', scope: 'kb:read' });
      const denied = await signIn(request.url, { ...alice, redirectUri, decision: 'deny' });
      expect(denied.redirect.searchParams.get('error')).toBe('access_denied');
      expect(denied.redirect.searchParams.get('state')).toBe(request.state);
      expect(denied.redirect.searchParams.get('iss')).toBe(`${t.url}/oauth`);
    });
  });

  describe('with metadata documents and registration turned off', () => {
    const server = useOAuthServer(engine, {
      clientMetadataDocuments: { enabled: false },
      dynamicRegistration: false,
    });

    it('says so: no CIMD, no registration endpoint, and registering is refused', async () => {
      const t = server();
      const metadata = await metadataOf(t);
      expect(metadata['client_id_metadata_document_supported']).toBe(false);
      expect(metadata['registration_endpoint']).toBeUndefined();
      expect(metadata['authorization_response_iss_parameter_supported']).toBe(true);
      const response = await fetch(`${t.url}/oauth/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:7781/callback'] }),
      });
      expect(response.status).toBe(404);
    });
  });
});
