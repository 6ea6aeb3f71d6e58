import { hash, timingSafeEqual } from 'node:crypto';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { roles, type Role, type Scope } from '../scope/scope.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

/** One static development token, as listed in config. */
export interface DevToken {
  /** The bearer value. Read it from the environment in anything but a demo. */
  readonly token: string;
  /** A name for the audit log (used as the client id). */
  readonly name: string;
  readonly userId: string;
  readonly role: Role;
  readonly organisationId?: string;
  readonly email?: string;
  readonly scopes: readonly Scope[];
  /** Collection ids this token is valid for. */
  readonly collections: readonly string[];
}

function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isTextList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Fails startup with CONFIG_INVALID naming the token and the field when a development token lacks
 * what every call needs; without this a token missing its scopes failed each request with a 500.
 */
function checkDevTokens(tokens: readonly DevToken[]): void {
  tokens.forEach((t, index) => {
    const rules: readonly (readonly [boolean, string])[] = [
      [
        isText(t.token),
        'has no token: give it token, a secret string (read it from the environment)',
      ],
      [isText(t.name), 'has no name: give it name, the client id its calls are audited under'],
      [isText(t.userId), 'has no userId: give it the desk user the token signs in as'],
      [
        roles.includes(t.role),
        `has role ${JSON.stringify(t.role)}: use one of ${roles.join(', ')}`,
      ],
      [
        isTextList(t.scopes),
        'has no scopes list: give it scopes, e.g. ["tickets:read:own"] (an empty list grants nothing)',
      ],
      [
        isTextList(t.collections),
        'has no collections list: give it the ids of the collections it may call',
      ],
    ];
    const broken = rules.find(([holds]) => !holds);
    if (broken === undefined) return;
    const which = `auth.devTokens[${index}]${isText(t.name) ? ` ("${t.name}")` : ''}`;
    throw new ServiceDeskError('CONFIG_INVALID', `${which} ${broken[1]}`);
  });
}

/**
 * A verifier over static tokens listed in config, for development on loopback only: the server
 * refuses to start with it on any other address.
 *
 * @example
 * // Configured as `auth: { devTokens: [...] }`; the server builds this verifier from it.
 * devTokenVerifier([{ token: 'dev-agent', name: 'dev', userId: 'u1', role: 'agent',
 *   scopes: ['tickets:read:all'], collections: ['agent'] }], (id) => `http://127.0.0.1:3000/mcp/${id}`)
 */
export function devTokenVerifier(
  tokens: readonly DevToken[],
  collectionUrl: (collectionId: string) => string,
): TokenVerifier {
  checkDevTokens(tokens);
  // Compare digests in constant time so a token cannot be guessed byte by byte.
  const entries = tokens.map((t) => ({ digest: digest(t.token), token: t }));
  return Object.freeze({
    kind: 'dev-tokens',
    loopbackOnly: true,
    verify(bearer: string): Promise<VerifiedToken | undefined> {
      const candidate = digest(bearer);
      const match = entries.find((e) => timingSafeEqual(e.digest, candidate));
      if (!match) return Promise.resolve(undefined);
      const t = match.token;
      return Promise.resolve({
        userId: t.userId,
        role: t.role,
        organisationId: t.organisationId,
        email: t.email,
        clientId: t.name,
        scopes: t.scopes,
        audience: t.collections.map(collectionUrl),
      });
    },
  });
}
