import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startDocumentHost, type DocumentHost } from './support/metadata-document-host.js';
import { MemoryOAuthProvider } from './support/memory-oauth-provider.js';
import { sam, startOAuthServer } from './support/oauth-test-server.js';
import { pkcePair } from './support/pkce.js';
import { signIn } from './support/sign-in.js';

const redirectUri = 'http://127.0.0.1:33418/oauth/callback';

function documentFor(clientId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    client_id: clientId,
    client_name: 'Metadata test client',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...extra,
  });
}

/** The authorization endpoint's answer for a client id, as a browser would get it. */
async function authorize(
  t: TestServer,
  clientId: string,
): Promise<{ status: number; page: string }> {
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
    resource: t.urlOf('agent'),
  });
  const response = await fetch(`${t.url}/oauth/auth?${query.toString()}`, { redirect: 'manual' });
  return { status: response.status, page: await response.text() };
}

describe.each(testEngines)('Client ID Metadata Documents on $engine', ({ createDatabase }) => {
  let host: DocumentHost;
  let database: FreshDatabase;
  let t: TestServer;
  beforeAll(async () => {
    host = await startDocumentHost();
    database = await createDatabase();
    // The host is this machine, so private addresses are allowed here; its CA is trusted.
    t = await startOAuthServer(database.url, {
      clientMetadataDocuments: { allowPrivateAddresses: true, trustedCertificates: [host.cert] },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await host?.close();
  });

  it('the authorization server says it takes them', async () => {
    const metadata = (await (
      await fetch(`${t.url}/.well-known/oauth-authorization-server/oauth`)
    ).json()) as Record<string, unknown>;
    expect(metadata['client_id_metadata_document_supported']).toBe(true);
  });

  it('the SDK client signs in with its document URL as client id, registering nothing', async () => {
    const clientId = host.url('/sdk/client.json');
    host.serve('/sdk/client.json', {
      headers: { 'cache-control': 'max-age=300' },
      body: documentFor(clientId),
    });
    const provider = new MemoryOAuthProvider(redirectUri, clientId);
    const url = new URL(t.urlOf('agent'));
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await expect(
      new Client({ name: 'cimd-test', version: '1.0.0' }).connect(first),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.clientInformation()?.client_id).toBe(clientId);
    const signedIn = await signIn(provider.authorizationUrl!, { ...sam, redirectUri });
    expect(signedIn.consentPage).toContain('Verified domain');
    expect(signedIn.consentPage).toContain(`Metadata test client is published by`);
    expect(signedIn.consentPage).toContain(new URL(clientId).host);
    await first.finishAuth(signedIn.redirect.searchParams.get('code')!);

    const client = new Client({ name: 'cimd-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    const result = await client.callTool({ name: 'get_assigned_tickets', arguments: {} });
    expect(result.isError).toBeFalsy();
    await client.close();
    // Fetched once and kept for its max-age, however many steps read the client.
    expect(host.hits.get('/sdk/client.json')).toBe(1);
  });

  it.each([
    [
      'a document naming another client id',
      '/other-id.json',
      { client_id: 'https://else.example/c.json' },
      'its client_id is not the URL it was fetched from',
    ],
    [
      'a document holding a secret',
      '/secret.json',
      { client_secret: 'x' },
      'it has a client_secret',
    ],
    [
      'a confidential client',
      '/basic.json',
      { token_endpoint_auth_method: 'client_secret_basic' },
      'only "none" is accepted',
    ],
    [
      'an http redirect URI off this machine',
      '/plain-http.json',
      { redirect_uris: ['http://evil.example/cb'] },
      'must use https, or http on a loopback address',
    ],
    [
      'an application_type OpenID Connect does not define',
      '/desktop.json',
      { application_type: 'desktop' },
      'application_type must be "web" or "native"',
    ],
    [
      'a native client with a private-use scheme',
      '/scheme.json',
      { application_type: 'native', redirect_uris: ['com.example.app:/callback'] },
      'com.example.app:/callback must use https, or http on a loopback address',
    ],
    [
      'a native client with https on loopback',
      '/native-https.json',
      { application_type: 'native', redirect_uris: ['https://localhost:4000/callback'] },
      'a native client&#39;s https redirect URI must not be on a loopback host',
    ],
  ])('%s is refused with the reason on the page', async (...[, path, extra, reason]) => {
    const clientId = host.url(path);
    host.serve(path, { body: documentFor(clientId, extra) });
    const answer = await authorize(t, clientId);
    expect(answer.status).toBe(400);
    expect(answer.page).toContain(
      `the client&#39;s metadata document at ${clientId} cannot be used`,
    );
    expect(answer.page).toContain(reason.replaceAll('"', '&quot;'));
  });

  it.each([['native'], ['web'], [undefined]])(
    'application_type %s with a loopback redirect URI is accepted (none means "web")',
    async (applicationType) => {
      const path = `/type-${String(applicationType)}.json`;
      const clientId = host.url(path);
      host.serve(path, { body: documentFor(clientId, { application_type: applicationType }) });
      const answer = await authorize(t, clientId);
      expect(answer.status, answer.page).toBe(303);
    },
  );

  it('a redirect, a page that is not JSON and an oversized document are refused, each fetched once', async () => {
    const cases = [
      [
        '/moved.json',
        { status: 302, headers: { location: '/sdk/client.json' }, body: '' },
        'HTTP 302 (redirects are not followed)',
      ],
      [
        '/page.json',
        { headers: { 'content-type': 'text/html' }, body: '<html></html>' },
        'not served as application/json',
      ],
      [
        '/large.json',
        { body: JSON.stringify({ padding: 'x'.repeat(6_000) }) },
        'larger than 5120 bytes',
      ],
    ] as const;
    for (const [path, answer, reason] of cases) {
      host.serve(path, answer);
      const refused = await authorize(t, host.url(path));
      expect(refused.status).toBe(400);
      expect(refused.page).toContain(reason);
      await authorize(t, host.url(path));
      // The refusal is remembered briefly: one sign-in reads its client more than once.
      expect(host.hits.get(path)).toBe(1);
    }
  });
});

describe('Client ID Metadata Documents: what the server will not fetch', () => {
  let host: DocumentHost;
  let database: FreshDatabase;
  let t: TestServer;
  beforeAll(async () => {
    host = await startDocumentHost();
    database = await testEngines[0]!.createDatabase();
    t = await startOAuthServer(database.url);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await host?.close();
  });

  it('a document on a private address (here, this machine) is refused before any request', async () => {
    const clientId = host.url('/client.json');
    host.serve('/client.json', { body: documentFor(clientId) });
    const answer = await authorize(t, clientId);
    expect(answer.status).toBe(400);
    expect(answer.page).toMatch(/localhost resolves to (127\.0\.0\.1|::1), not a public address/);
    expect(host.hits.get('/client.json')).toBeUndefined();
  });

  it('an address literal of the cloud metadata service is refused without a lookup', async () => {
    const answer = await authorize(t, 'https://169.254.169.254/latest/meta-data.json');
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('169.254.169.254 is not a public address');
  });
});
