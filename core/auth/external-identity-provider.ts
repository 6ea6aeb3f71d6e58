import { isLoopbackHost } from '../collection/build-registries.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { roles, type Role } from '../scope/scope.js';

/**
 * An external OpenID Connect / OAuth identity provider (Entra ID, Okta, Keycloak, …) whose
 * access tokens (signed JWTs) the server accepts, configured as `auth.external`. Each token is
 * verified against the provider's published keys and mapped to a desk user by e-mail.
 *
 * @example
 * auth: {
 *   external: {
 *     issuer: 'https://login.example.com/realms/desk',
 *     roleClaim: 'realm_access.roles',
 *     roleMap: { 'desk-agent': 'agent', 'desk-admin': 'admin' },
 *   },
 * }
 */
export interface ExternalIdentityProvider {
  /** The provider's issuer, exactly as its tokens' `iss` claim spells it. HTTPS (HTTP only on loopback). */
  readonly issuer: string;
  /**
   * Where the provider publishes its signing keys. Defaults to the `jwks_uri` of the issuer's
   * OpenID discovery document (`<issuer>/.well-known/openid-configuration`), fetched on first use.
   */
  readonly jwksUrl?: string;
  /**
   * One audience shared by every collection, for a provider that cannot issue a token per
   * resource. Tokens carrying it are accepted on every collection (the grant, the token's scopes
   * and the role still limit them). Leave unset (recommended) and each collection accepts only
   * tokens whose `aud` is its own audience — its URL unless the collection sets `audience`.
   */
  readonly audience?: string;
  /** Accepted signing algorithms (default `['RS256', 'ES256']`); `none` and HMAC are never accepted. */
  readonly algorithms?: readonly string[];
  /** Leeway for `exp` and `nbf`, in seconds (default 30). */
  readonly clockToleranceSec?: number;
  /** The claim holding the user's e-mail, which names the desk user (default `email`). */
  readonly emailClaim?: string;
  /** The claim holding the user's roles or groups; a dotted path reaches into objects (`realm_access.roles`). */
  readonly roleClaim?: string;
  /** Maps values of `roleClaim` to roles; without it, values that are role names are used as they are. */
  readonly roleMap?: Readonly<Record<string, Role>>;
  /** The role of a user whose claim maps to none (default `end_user`). */
  readonly defaultRole?: Role;
  /** The claim holding the token's scopes (default: `scope`, else `scp`), space-separated or a list. */
  readonly scopeClaim?: string;
}

/** The provider's settings with every default filled in. */
export interface ResolvedIdentityProvider {
  readonly issuer: string;
  readonly jwksUrl: URL | undefined;
  readonly audience: string | undefined;
  readonly algorithms: readonly string[];
  readonly clockToleranceSec: number;
  readonly emailClaim: string;
  readonly roleClaim: string | undefined;
  readonly roleMap: Readonly<Record<string, Role>> | undefined;
  readonly defaultRole: Role;
  readonly scopeClaim: string | undefined;
}

const signingAlgorithms = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

function invalid(message: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `auth.external.${message}`);
}

function secureUrl(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${field} "${value}" is not a URL; give the provider's full https:// URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw invalid(`${field} "${value}" must use https:// (http:// only on a loopback address)`);
  }
  return url;
}

/**
 * Checks `auth.external` at startup and fills in its defaults; a mistake fails with
 * CONFIG_INVALID naming the field.
 *
 * @example
 * const provider = resolveIdentityProvider({ issuer: 'https://idp.example.com' });
 * provider.algorithms; // ['RS256', 'ES256']
 */
export function resolveIdentityProvider(
  settings: ExternalIdentityProvider,
): ResolvedIdentityProvider {
  if (typeof settings.issuer !== 'string' || settings.issuer === '') {
    throw invalid('issuer is missing; set it to the issuer your provider puts in its tokens');
  }
  secureUrl('issuer', settings.issuer);
  const algorithms = settings.algorithms ?? ['RS256', 'ES256'];
  if (algorithms.length === 0) throw invalid('algorithms is empty; list at least one, e.g. RS256');
  for (const algorithm of algorithms) {
    if (!signingAlgorithms.has(algorithm)) {
      throw invalid(
        `algorithms lists "${algorithm}"; only asymmetric signatures are accepted: ${[...signingAlgorithms].join(', ')}`,
      );
    }
  }
  const tolerance = settings.clockToleranceSec ?? 30;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    throw invalid(`clockToleranceSec is ${String(tolerance)}; use whole seconds from 0 to 300`);
  }
  const checkRole = (field: string, role: unknown): void => {
    if (!roles.includes(role as Role)) {
      throw invalid(`${field} is "${String(role)}"; a role is one of ${roles.join(', ')}`);
    }
  };
  checkRole('defaultRole', settings.defaultRole ?? 'end_user');
  for (const [value, role] of Object.entries(settings.roleMap ?? {})) {
    checkRole(`roleMap["${value}"]`, role);
  }
  if (settings.roleMap !== undefined && settings.roleClaim === undefined) {
    throw invalid('roleMap is set without roleClaim; name the claim that holds the roles');
  }
  return Object.freeze({
    issuer: settings.issuer,
    jwksUrl: settings.jwksUrl === undefined ? undefined : secureUrl('jwksUrl', settings.jwksUrl),
    audience: settings.audience,
    algorithms: Object.freeze([...algorithms]),
    clockToleranceSec: tolerance,
    emailClaim: settings.emailClaim ?? 'email',
    roleClaim: settings.roleClaim,
    roleMap: settings.roleMap,
    defaultRole: settings.defaultRole ?? 'end_user',
    scopeClaim: settings.scopeClaim,
  });
}
