import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../core/index.js';
import { demoTokens } from '../../examples/servicedesk/servicedesk.config.js';
import { holdSqliteWriteLock } from '../core/storage/support/sqlite-lock-holder.js';
import { call } from '../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../helpers/example-desk.js';
import type { FreshDatabase } from '../helpers/fresh-postgres-database.js';
import { testEngines } from '../helpers/test-databases.js';

/** Something else holding the tickets: another process's write lock, or a table lock. */
async function lockTickets(engine: string, url: string): Promise<() => Promise<void>> {
  if (engine === 'sqlite') {
    const holder = await holdSqliteWriteLock(url);
    return () => holder.release();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table desk_tickets in access exclusive mode');
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

const expectedReason: Record<string, string> = {
  sqlite: "another process has held the database's write lock for over 500 ms",
  postgres: 'a lock wait ran past the lock timeout',
};

const newTicket = {
  summary: 'Printer on floor 3 jams',
  details: 'Every second page jams.',
  type: 'incident',
  customFields: { affected_service: 'Service Desk Support' },
};

describe.each(testEngines)('the desk while its database is locked on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let sam: Client;

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startTestServer({
      plugins: exampleDeskPlugins(20),
      collections: exampleCollections(),
      tokens: demoTokens,
      databaseUrl: database.url,
      config: { database: { lockTimeoutMs: 500 } },
    });
    sam = t.clients['agent']!;
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('says the database is busy, keeps answering other calls, and audits the refusal once the lock is gone', async () => {
    const since = new Date();
    const release = await lockTickets(engine.engine, database.url);
    try {
      const creates = Array.from({ length: 12 }, () => call(sam, 'create_ticket', newTicket));
      // The pool is not taken hostage by the waiting writes: an unrelated call still answers.
      const articles = await call(sam, 'search_knowledge_base', { query: 'vpn' });
      expect(articles.isError, articles.text).toBe(false);
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      for (const created of await Promise.all(creates)) {
        expect(created.isError).toBe(true);
        expect(created.text).toBe(
          `The desk database is busy (${expectedReason[engine.engine]}); try again in a few seconds.`,
        );
      }
    } finally {
      await release();
    }
    await vi.waitFor(
      async () => {
        const rows = await t.server.audit.query({ since, tool: 'create_ticket' });
        expect(rows).toHaveLength(12);
        for (const row of rows)
          expect(row).toMatchObject({ outcome: 'tool_error', error_code: 'STORAGE_BUSY' });
      },
      { timeout: 15_000, interval: 100 },
    );
    const search = await call(sam, 'search_tickets', { text: 'printer floor jams' });
    expect(search.text).not.toContain('Printer on floor 3 jams');
    const created = await call(sam, 'create_ticket', newTicket);
    expect(created.isError, created.text).toBe(false);
  });
});
