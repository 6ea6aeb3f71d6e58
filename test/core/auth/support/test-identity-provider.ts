import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/** A key the provider signs with: its private half, and the public JWK it publishes. */
interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** What a test may change about one signed token. */
export interface SignOptions {
  /** Signs with the ES256 key instead of the RS256 one. */
  readonly alg?: 'RS256' | 'ES256';
  /** A `kid` header other than the key's own (an unknown key). */
  readonly kid?: string;
  /** Signs with a key the provider never published. */
  readonly foreignKey?: boolean;
}

/**
 * A real identity provider for tests, on an ephemeral loopback port: OpenID discovery at
 * `/.well-known/openid-configuration`, the key set at `/jwks`, and `sign()` for access tokens.
 *
 * @example
 * const idp = await startTestIdentityProvider();
 * const token = await idp.sign({ email: 'alice@example.com', aud: collectionUrl });
 */
export interface TestIdentityProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** How many times the key set was fetched. */
  readonly jwksFetches: number;
  /** Signs claims (defaults: iss, sub, iat, exp in 10 minutes) as a JWT access token. */
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** The RS256 public key as a JWK (for forging an HS256 token with it). */
  readonly rsaPublicJwk: JWK;
  /** Makes the key set answer 500 until called again with false. */
  failJwks(failing: boolean): void;
  close(): Promise<void>;
}

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

/** Starts a {@link TestIdentityProvider}; `close()` stops it. */
export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  const rsa = await signingKey('RS256', 'rsa-1');
  const ec = await signingKey('ES256', 'ec-1');
  const stranger = await signingKey('RS256', 'rsa-1');
  let failing = false;
  let fetches = 0;
  let issuer = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      return;
    }
    if (req.url === '/jwks') {
      fetches++;
      res.statusCode = failing ? 500 : 200;
      res.setHeader('content-type', 'application/json');
      res.end(failing ? '{}' : JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    get jwksFetches() {
      return fetches;
    },
    rsaPublicJwk: rsa.publicJwk,
    failJwks(value) {
      failing = value;
    },
    async sign(claims, options = {}) {
      const key = options.foreignKey ? stranger : options.alg === 'ES256' ? ec : rsa;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, sub: 'user-1', iat: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'at+jwt' })
        .sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
