import { hash } from 'node:crypto';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../storage/database.js';
import { hashClientSecret, isHashedClientSecret } from './client-secret.js';
import type { OAuthRow, OAuthTables } from './oauth-schema.js';

// Models whose id is a bearer value (a token, a code, a session cookie): stored only as a digest,
// so reading the table does not hand out working credentials.
const secretIds = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'RegistrationAccessToken',
  'InitialAccessToken',
  'PushedAuthorizationRequest',
  'Session',
]);

/**
 * The id a model's row is stored under: the SHA-256 of bearer values, the id itself otherwise.
 *
 * @example
 * storedId('AccessToken', token) // a base64url digest
 */
export function storedId(kind: string, id: string): string {
  return secretIds.has(kind) ? hash('sha256', id, 'base64url') : id;
}

/**
 * The payload as stored: without any field that holds a bearer value. oidc-provider keeps a
 * token's own value in `jti` (given back on `find`, from the value it looks up by) and an
 * interaction keeps its browser session's cookie value, which nothing reads back.
 *
 * @example
 * storedPayload('AccessToken', { jti: 'abc', accountId: 'a' }) // { accountId: 'a' }
 */
export function storedPayload(kind: string, payload: AdapterPayload): AdapterPayload {
  if (secretIds.has(kind)) {
    const { jti: _jti, ...rest } = payload;
    return rest;
  }
  if (kind === 'Interaction' && typeof payload.session === 'object' && payload.session !== null) {
    const { cookie: _cookie, ...session } = payload.session as Record<string, unknown>;
    return { ...payload, session };
  }
  return payload;
}

/** The table's own columns folded back into a payload read: `consumed` when set, the `jti` looked up by. */
function payloadOf(
  row: Pick<OAuthRow, 'payload' | 'consumed_at'>,
  jti: string | undefined,
): AdapterPayload {
  const payload = JSON.parse(row.payload) as AdapterPayload;
  return {
    ...payload,
    ...(jti !== undefined && { jti }),
    ...(row.consumed_at !== null && { consumed: row.consumed_at }),
  };
}

/**
 * oidc-provider's storage interface over the `sdm_oauth` table, one instance per model. Every
 * process of a deployment reads and writes the same rows, so codes, tokens, grants and clients
 * survive restarts and are shared by servers on one PostgreSQL database.
 */
export class KyselyAdapter implements Adapter {
  readonly #db;
  readonly #kind: string;
  readonly #now: () => number;

  constructor(db: Database, kind: string, now: () => number = Date.now) {
    this.#db = db.withTables<OAuthTables>();
    this.#kind = kind;
    this.#now = now;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    let stored = storedPayload(this.#kind, payload);
    if (this.#kind === 'Client' && typeof payload.client_secret === 'string') {
      if (!isHashedClientSecret(payload.client_secret))
        stored = { ...payload, client_secret: hashClientSecret(payload.client_secret) };
    }
    const row = {
      payload: JSON.stringify(stored),
      grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
      user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
      uid: typeof payload.uid === 'string' ? payload.uid : null,
      expires_at: expiresIn === undefined ? null : this.#now() + expiresIn * 1000,
    };
    await this.#db
      .insertInto('sdm_oauth')
      .values({ kind: this.#kind, id: storedId(this.#kind, id), consumed_at: null, ...row })
      .onConflict((c) => c.columns(['kind', 'id']).doUpdateSet(row))
      .execute();
  }

  /** `jti` is the bearer value looked up by, given back since the row does not keep it. */
  async #findWhere(
    column: 'id' | 'uid' | 'user_code',
    value: string,
    jti?: string,
  ): Promise<AdapterPayload | undefined> {
    const row = await this.#db
      .selectFrom('sdm_oauth')
      .select(['payload', 'consumed_at', 'expires_at'])
      .where('kind', '=', this.#kind)
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && Number(row.expires_at) <= this.#now()))
      return undefined;
    return payloadOf({ payload: row.payload, consumed_at: row.consumed_at }, jti);
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    const secret = secretIds.has(this.#kind);
    return this.#findWhere('id', storedId(this.#kind, id), secret ? id : undefined);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#findWhere('uid', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.#db
      .updateTable('sdm_oauth')
      .set({ consumed_at: Math.floor(this.#now() / 1000) })
      .where('kind', '=', this.#kind)
      .where('id', '=', storedId(this.#kind, id))
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.#db
      .deleteFrom('sdm_oauth')
      .where('kind', '=', this.#kind)
      .where('id', '=', storedId(this.#kind, id))
      .execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.#db
      .deleteFrom('sdm_oauth')
      .where('kind', '=', this.#kind)
      .where('grant_id', '=', grantId)
      .execute();
  }
}
