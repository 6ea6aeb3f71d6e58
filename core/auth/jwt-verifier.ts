import type * as Jose from 'jose';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import {
  resolveIdentityProvider,
  type ExternalIdentityProvider,
  type ResolvedIdentityProvider,
} from './external-identity-provider.js';
import { claimsOf } from './jwt-claims.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

const fetchTimeoutMs = 5000;

// jose is loaded on the first token, so a server without an external provider never loads it.
let joseModule: Promise<typeof Jose> | undefined;
const loadJose = (): Promise<typeof Jose> => (joseModule ??= import('jose'));

// Failures that say the token is bad; anything else (network, a broken key set) means the
// provider could not be asked, which must not read as "your token is invalid".
function isTokenFault({ errors }: typeof Jose, error: unknown): error is Jose.errors.JOSEError {
  if (!(error instanceof errors.JOSEError)) return false;
  return [
    errors.JOSEAlgNotAllowed,
    errors.JOSENotSupported,
    errors.JWSInvalid,
    errors.JWTInvalid,
    errors.JWSSignatureVerificationFailed,
    errors.JWTClaimValidationFailed,
    errors.JWTExpired,
    errors.JWKSNoMatchingKey,
    errors.JWKSMultipleMatchingKeys,
  ].some((fault) => fault.code === error.code);
}

function describe({ errors }: typeof Jose, error: Jose.errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf)';
    if (error.claim === 'iss') return 'the token was issued by another issuer';
    if (error.claim === 'aud') return 'the token was issued for another audience';
    return `the token's "${error.claim}" claim is not acceptable`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with a refused algorithm';
  if (error instanceof errors.JWKSNoMatchingKey)
    return "no key of the provider's matches the token";
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is wrong';
  return 'the token is not a well-formed signed JWT';
}

async function discoverJwksUrl(issuer: string): Promise<URL> {
  const base = issuer.replace(/\/$/, '');
  const url = new URL(`${base}/.well-known/openid-configuration`);
  const response = await fetch(url, { signal: AbortSignal.timeout(fetchTimeoutMs) });
  if (!response.ok) throw new Error(`${url.href} answered HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (document.issuer !== issuer) {
    throw new Error(`${url.href} names issuer ${String(document.issuer)}, not ${issuer}`);
  }
  if (typeof document.jwks_uri !== 'string') throw new Error(`${url.href} has no jwks_uri`);
  return new URL(document.jwks_uri);
}

/**
 * A {@link TokenVerifier} for an external identity provider's signed JWT access tokens: checks
 * the signature against the provider's key set (fetched and cached with `jose`), the issuer,
 * expiry and not-before (with the configured leeway) and the algorithm, then maps the caller to
 * a desk user by e-mail (`userId` is the lower-cased address). Configured as `auth.external`,
 * the server builds it; build it yourself to combine it with a verifier of your own.
 *
 * Audiences: each collection accepts only tokens whose `aud` is its own audience, unless
 * `audience` names one shared audience (then `collectionAudiences` lists what it stands for).
 *
 * @example
 * const verifier = jwtVerifier({ issuer: 'https://login.example.com/realms/desk' });
 * const token = await verifier.verify(bearer); // undefined never: a bad token throws a coded error
 */
export function jwtVerifier(
  settings: ExternalIdentityProvider,
  options: { collectionAudiences?: () => Iterable<string> } = {},
): TokenVerifier {
  const provider: ResolvedIdentityProvider = resolveIdentityProvider(settings);
  let keys: Promise<Jose.JWTVerifyGetKey> | undefined;
  const keySet = (): Promise<Jose.JWTVerifyGetKey> => {
    keys ??= (
      provider.jwksUrl ? Promise.resolve(provider.jwksUrl) : discoverJwksUrl(provider.issuer)
    )
      .then(async (url) =>
        (await loadJose()).createRemoteJWKSet(url, {
          timeoutDuration: fetchTimeoutMs,
          cooldownDuration: 30_000,
        }),
      )
      .catch((error: unknown) => {
        keys = undefined; // ask again on the next request
        throw error;
      });
    return keys;
  };
  const unavailable = (error: unknown): ServiceDeskError =>
    new ServiceDeskError(
      'AUTH_PROVIDER_UNAVAILABLE',
      `the identity provider ${provider.issuer} could not be reached to check the token; retry shortly`,
      { cause: error },
    );

  return Object.freeze({
    kind: 'external-jwt',
    async verify(token: string): Promise<VerifiedToken | undefined> {
      const jose = await loadJose();
      let payload;
      try {
        // The key set is fetched only for a well-formed JWT: jose parses the token first.
        const getKey: Jose.JWTVerifyGetKey = async (header, jws) => (await keySet())(header, jws);
        ({ payload } = await jose.jwtVerify(token, getKey, {
          issuer: provider.issuer,
          ...(provider.audience !== undefined && { audience: provider.audience }),
          algorithms: [...provider.algorithms],
          clockTolerance: provider.clockToleranceSec,
        }));
      } catch (error) {
        if (isTokenFault(jose, error)) {
          throw new ServiceDeskError('AUTH_TOKEN_INVALID', describe(jose, error));
        }
        throw unavailable(error);
      }
      const claims = claimsOf(payload, provider);
      const audience =
        provider.audience === undefined
          ? claims.audience
          : [provider.audience, ...(options.collectionAudiences?.() ?? [])];
      return {
        userId: claims.email,
        email: claims.email,
        role: claims.role,
        clientId: claims.clientId,
        scopes: claims.scopes,
        audience,
        // The same leeway jose allowed, so the core's own expiry check agrees with it.
        expiresAt:
          claims.expiresAt === undefined
            ? undefined
            : claims.expiresAt + provider.clockToleranceSec,
      };
    },
  });
}
