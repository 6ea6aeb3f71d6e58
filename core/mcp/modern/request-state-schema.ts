import type { Migrations } from '../../storage/migration.js';

/** The core's secrets (one row per name) and the confirmations already used, by nonce. */
export type RequestStateTables = {
  sdm_secrets: {
    name: string;
    /** base64url; the one secret today signs MRTR request state. */
    value: string;
    created_at: string;
  };
  sdm_request_state_uses: {
    nonce: string;
    /** ISO time after which the state is refused anyway, so the row may go. */
    expires_at: string;
  };
};

/** Migrations of the tables above. */
export const requestStateMigrations: Migrations = Object.freeze({
  '0003_request_state': {
    async up(db) {
      await db.schema
        .createTable('sdm_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sdm_request_state_uses')
        .addColumn('nonce', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sdm_request_state_uses_expires')
        .on('sdm_request_state_uses')
        .column('expires_at')
        .execute();
    },
  },
});
