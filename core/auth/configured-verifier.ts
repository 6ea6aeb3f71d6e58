import type { AuthSettings } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { devTokenVerifier } from './dev-token-verifier.js';
import { jwtVerifier } from './jwt-verifier.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

/**
 * One verifier over several: each is asked in turn and the first that knows the token decides.
 * When none does, the first coded refusal is raised (it says why a JWT was refused), else the
 * token is unknown. Loopback-only when any part is.
 *
 * @example
 * const verifier = anyOfVerifiers([devTokenVerifier(tokens, urlOf), jwtVerifier(idp)]);
 */
export function anyOfVerifiers(verifiers: readonly TokenVerifier[]): TokenVerifier {
  if (verifiers.length === 1 && verifiers[0]) return verifiers[0];
  return Object.freeze({
    kind: verifiers.map((v) => v.kind).join('+'),
    loopbackOnly: verifiers.some((v) => v.loopbackOnly === true),
    async verify(token: string): Promise<VerifiedToken | undefined> {
      let refusal: Error | undefined;
      for (const verifier of verifiers) {
        try {
          const verified = await verifier.verify(token);
          if (verified) return verified;
        } catch (error) {
          refusal ??= error instanceof Error ? error : new Error(String(error));
        }
      }
      if (refusal !== undefined) throw refusal;
      return undefined;
    },
  });
}

/**
 * The verifier `auth` describes: development tokens, then a verifier of the config's own, then
 * the external identity provider. Undefined when `auth` names none (every token is refused).
 *
 * @example
 * const verifier = configuredVerifier(config.auth, (id) => urls.get(id) ?? `urn:servicedesk:collection:${id}`);
 */
export function configuredVerifier(
  auth: AuthSettings | undefined,
  collectionUrl: (collectionId: string) => string,
  options: { collectionAudiences?: () => Iterable<string> } = {},
): TokenVerifier | undefined {
  if (!auth) return undefined;
  // Checked here too, so a malformed issuer list fails at startup rather than at listen().
  authorizationServersOf(auth);
  const verifiers: TokenVerifier[] = [];
  if (auth.devTokens) verifiers.push(devTokenVerifier(auth.devTokens, collectionUrl));
  if (auth.verifier) verifiers.push(auth.verifier);
  if (auth.external) verifiers.push(jwtVerifier(auth.external, options));
  return verifiers.length === 0 ? undefined : anyOfVerifiers(verifiers);
}

/**
 * The authorization servers each collection's protected-resource metadata names:
 * `auth.authorizationServers` when set, else the external provider's issuer, else none.
 *
 * @example
 * authorizationServersOf({ external: { issuer: 'https://idp.example.com' } }); // ['https://idp.example.com']
 */
export function authorizationServersOf(auth: AuthSettings | undefined): readonly string[] {
  const listed = auth?.authorizationServers;
  if (listed !== undefined) {
    for (const issuer of listed) {
      if (!URL.canParse(issuer)) {
        throw new ServiceDeskError(
          'CONFIG_INVALID',
          `auth.authorizationServers lists "${issuer}", which is not a URL; give each issuer's full URL`,
        );
      }
    }
    return Object.freeze([...listed]);
  }
  return Object.freeze(auth?.external ? [auth.external.issuer] : []);
}
