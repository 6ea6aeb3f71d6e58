import type { AuditTables } from '../audit/audit-schema.js';
import type { OAuthTables } from '../oauth/oauth-schema.js';
import type { Database } from '../storage/database.js';
import { coreRetentionDefaults } from './core-retention-defaults.js';
import type { RetentionKind, RetentionRule } from './retention-rule.js';

const auditRows: RetentionRule = {
  name: 'audit',
  description: 'audit rows (by their time)',
  keepDays: coreRetentionDefaults.audit,
  async count({ db, cutoff }) {
    const row = await db
      .withTables<AuditTables>()
      .selectFrom('sdm_audit')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('at', '<', cutoff.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async pruneBatch({ db, cutoff, limit }) {
    const audit = db.withTables<AuditTables>();
    const result = await audit
      .deleteFrom('sdm_audit')
      .where((eb) =>
        eb(
          'id',
          'in',
          eb
            .selectFrom('sdm_audit')
            .select('id')
            .where('at', '<', cutoff.toISOString())
            .orderBy('id')
            .limit(limit),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

// Clients have their own rule; signing keys are never pruned.
const notTokens = ['Client', 'Keystore'];

const expiredOAuthRows: RetentionRule = {
  name: 'tokens',
  description: 'expired OAuth tokens, codes, grants, sessions and interactions (days past expiry)',
  keepDays: coreRetentionDefaults['oauth.tokens'],
  async count({ db, cutoff }) {
    const row = await db
      .withTables<OAuthTables>()
      .selectFrom('sdm_oauth')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('kind', 'not in', notTokens)
      .where('expires_at', '<=', cutoff.getTime())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async pruneBatch({ db, cutoff, limit }) {
    const oauth = db.withTables<OAuthTables>();
    const rows = await oauth
      .selectFrom('sdm_oauth')
      .select(['kind', 'id'])
      .where('kind', 'not in', notTokens)
      .where('expires_at', '<=', cutoff.getTime())
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    // The key is (kind, id): one statement per model kind in the batch.
    const byKind = new Map<string, string[]>();
    for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row.id]);
    for (const [kind, ids] of byKind)
      await oauth.deleteFrom('sdm_oauth').where('kind', '=', kind).where('id', 'in', ids).execute();
    return rows.length;
  },
};

/** True when the client is the operator's, or still has a grant, token or session that works. */
async function keepClient(db: Database, row: { id: string; payload: string }): Promise<boolean> {
  if ((JSON.parse(row.payload) as { added_by?: unknown }).added_by === 'cli') return true;
  // Issued rows name their client in the payload; the LIKE narrows, the parse decides.
  const issued = await db
    .withTables<OAuthTables>()
    .selectFrom('sdm_oauth')
    .select('payload')
    .where('kind', 'not in', notTokens)
    .where('payload', 'like', `%${JSON.stringify(row.id)}%`)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', Date.now())]))
    .execute();
  return issued.some((r) => (JSON.parse(r.payload) as { clientId?: unknown }).clientId === row.id);
}

/** Self-registered clients whose "unused" expiry (ADR 0009, `unusedClientTtlHours`) has passed. */
function expiredClients(db: Database, cutoff: Date) {
  return db
    .withTables<OAuthTables>()
    .selectFrom('sdm_oauth')
    .select(['id', 'payload'])
    .where('kind', '=', 'Client')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', cutoff.getTime())
    .orderBy('id');
}

const unusedClients: RetentionRule = {
  name: 'clients',
  description: 'self-registered OAuth clients never used (days past their unused expiry)',
  keepDays: coreRetentionDefaults['oauth.clients'],
  async count({ db, cutoff }) {
    let n = 0;
    for (const row of await expiredClients(db, cutoff).execute())
      if (!(await keepClient(db, row))) n += 1;
    return n;
  },
  async pruneBatch({ db, cutoff, limit }) {
    const oauth = db.withTables<OAuthTables>();
    let deleted = 0;
    for (const row of await expiredClients(db, cutoff).limit(limit).execute()) {
      // A kept client still has an expiry only because the update on its first code failed: it
      // is made permanent, as that update would have, so it is not looked at again.
      if (await keepClient(db, row)) {
        await oauth
          .updateTable('sdm_oauth')
          .set({ expires_at: null })
          .where('kind', '=', 'Client')
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      await oauth
        .deleteFrom('sdm_oauth')
        .where('kind', '=', 'Client')
        .where('id', '=', row.id)
        .execute();
      deleted += 1;
    }
    return deleted;
  },
};

/**
 * The core's kinds: audit rows, and with the built-in authorization server its expired rows and
 * unused self-registered clients (its table exists only then).
 *
 * @example
 * coreRetentionKinds({ oauth: true }).map((k) => k.kind) // ['audit', 'oauth.tokens', 'oauth.clients']
 */
export function coreRetentionKinds(options: { readonly oauth: boolean }): RetentionKind[] {
  return [
    { kind: 'audit', rule: auditRows },
    ...(options.oauth
      ? [
          { kind: 'oauth.tokens', rule: expiredOAuthRows },
          { kind: 'oauth.clients', rule: unusedClients },
        ]
      : []),
  ];
}
