import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Database } from '../storage/database.js';
import type { OAuthTables } from './oauth-schema.js';

/** The authorization server's secrets: signing keys (newest first) and cookie keys. */
export interface ServerKeys {
  readonly signing: readonly JWK[];
  readonly cookies: readonly string[];
}

interface StoredKeys {
  readonly signing: readonly { readonly jwk: JWK; readonly createdAt: number }[];
  readonly cookies: readonly string[];
}

const kind = 'Keystore';
const id = 'server';
const dayMs = 86_400_000;

async function newSigningKey(now: number): Promise<StoredKeys['signing'][number]> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  return { jwk, createdAt: now };
}

/**
 * Loads the server's keys, generating them on the very first start and rotating the signing key
 * once it is older than `maxAgeDays` (the previous key stays published so tokens it signed still
 * verify). Safe when several processes start together: the first write wins, the others read it.
 *
 * @example
 * const keys = await loadServerKeys(db, { maxAgeDays: 90 });
 */
export async function loadServerKeys(
  database: Database,
  options: { maxAgeDays: number; now?: number },
): Promise<ServerKeys> {
  const db = database.withTables<OAuthTables>();
  const now = options.now ?? Date.now();
  const read = async () => {
    const row = await db
      .selectFrom('sdm_oauth')
      .select('payload')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.payload;
  };
  let stored = await read();
  if (stored === undefined) {
    const fresh: StoredKeys = {
      signing: [await newSigningKey(now)],
      cookies: [randomBytes(32).toString('base64url')],
    };
    await db
      .insertInto('sdm_oauth')
      .values({
        kind,
        id,
        payload: JSON.stringify(fresh),
        grant_id: null,
        user_code: null,
        uid: null,
        expires_at: null,
        consumed_at: null,
      })
      .onConflict((c) => c.columns(['kind', 'id']).doNothing())
      .execute();
    stored = await read();
    if (stored === undefined) throw new Error('the OAuth key row vanished after it was written');
  }
  let keys = JSON.parse(stored) as StoredKeys;
  const newest = keys.signing[0];
  if (newest === undefined || now - newest.createdAt > options.maxAgeDays * dayMs) {
    const rotated: StoredKeys = {
      signing: [await newSigningKey(now), ...keys.signing.slice(0, 1)],
      cookies: keys.cookies,
    };
    // Only if no other process rotated first; otherwise use what it wrote.
    await db
      .updateTable('sdm_oauth')
      .set({ payload: JSON.stringify(rotated) })
      .where('kind', '=', kind)
      .where('id', '=', id)
      .where('payload', '=', stored)
      .execute();
    keys = JSON.parse((await read()) as string) as StoredKeys;
  }
  return Object.freeze({
    signing: Object.freeze(keys.signing.map((k) => k.jwk)),
    cookies: Object.freeze([...keys.cookies]),
  });
}
