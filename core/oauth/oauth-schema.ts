import type { Kysely } from 'kysely';
import type { AdapterPayload } from 'oidc-provider';
import type { Migrations } from '../storage/migration.js';
import { storedPayload } from './kysely-adapter.js';

/** One row of the built-in authorization server's store: any oidc-provider model, as JSON. */
export interface OAuthRow {
  /** The model's id; for token-like models the SHA-256 of the value (see {@link storedId}). */
  id: string;
  /** The oidc-provider model name (`AccessToken`, `Client`, `Grant`, `Session`, …) or `Keystore`. */
  kind: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** Milliseconds since the epoch; null for rows that never expire (clients, keys). */
  expires_at: number | null;
  /** Seconds since the epoch, as oidc-provider reports `consumed`. */
  consumed_at: number | null;
}

/** The table as the OAuth code reads and writes it. */
export type OAuthTables = { sdm_oauth: OAuthRow };

/**
 * The OAuth store's migrations. They run under the `core` owner with names of their own, next to
 * the audit log's, on every server whether or not the built-in authorization server is on, so
 * turning it on later needs no migration step.
 */
export const oauthMigrations: Migrations = Object.freeze({
  'oauth-0001-store': {
    async up(db) {
      await db.schema
        .createTable('sdm_oauth')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('uid', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('consumed_at', 'bigint')
        .addPrimaryKeyConstraint('sdm_oauth_pk', ['kind', 'id'])
        .execute();
      await db.schema.createIndex('sdm_oauth_grant').on('sdm_oauth').column('grant_id').execute();
      await db.schema.createIndex('sdm_oauth_uid').on('sdm_oauth').column('uid').execute();
      await db.schema
        .createIndex('sdm_oauth_user_code')
        .on('sdm_oauth')
        .column('user_code')
        .execute();
      await db.schema
        .createIndex('sdm_oauth_expires')
        .on('sdm_oauth')
        .column('expires_at')
        .execute();
    },
  },
  // Rows written before the adapter dropped bearer values kept each token's value as `jti`.
  'oauth-0002-no-bearer-values': {
    async up(db) {
      await rewritePayloads(db as Kysely<OAuthTables>);
    },
  },
});

/** Rewrites every stored payload in the layout {@link storedPayload} gives, a page at a time. */
async function rewritePayloads(db: Kysely<OAuthTables>): Promise<void> {
  let after = { kind: '', id: '' };
  for (;;) {
    const rows = await db
      .selectFrom('sdm_oauth')
      .select(['kind', 'id', 'payload'])
      .where((eb) =>
        eb.or([
          eb('kind', '>', after.kind),
          eb.and([eb('kind', '=', after.kind), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy('kind')
      .orderBy('id')
      .limit(500)
      .execute();
    for (const row of rows) {
      const payload = JSON.parse(row.payload) as AdapterPayload;
      const stored = JSON.stringify(storedPayload(row.kind, payload));
      if (stored === row.payload) continue;
      await db
        .updateTable('sdm_oauth')
        .set({ payload: stored })
        .where('kind', '=', row.kind)
        .where('id', '=', row.id)
        .execute();
    }
    const last = rows.at(-1);
    if (last === undefined) return;
    after = { kind: last.kind, id: last.id };
  }
}
