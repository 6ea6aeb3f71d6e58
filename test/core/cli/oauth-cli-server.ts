import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import type { TestEngine } from '../../helpers/test-databases.js';
import config from './fixtures/oauth.config.js';
import { runCli, type CliRun } from './run-cli.js';

/** The OAuth fixture config, relative to the repository root. */
export const oauthConfigPath = 'test/core/cli/fixtures/oauth.config.ts';

/** A running server of the OAuth fixture and a CLI pointed at the same database and URL. */
export interface OAuthCliHarness {
  readonly t: TestServer;
  /** Runs `servicedesk-mcp <argv> --config <oauth fixture>`. */
  cli(...argv: string[]): Promise<CliRun>;
}

/**
 * Starts the OAuth fixture's server on `engine` for one `describe`, and sets `DATABASE_URL` and
 * `PUBLIC_URL` so the CLI works on the server's store and mints tokens for its URLs.
 */
export function useOAuthCliServer(engine: TestEngine): OAuthCliHarness {
  let server: TestServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  const previous = { db: process.env['DATABASE_URL'], url: process.env['PUBLIC_URL'] };
  beforeAll(async () => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    server = await startTestServer({
      databaseUrl: database.url,
      plugins: config.plugins,
      collections: config.collections,
      config: { ...(config.auth && { auth: config.auth }) },
    });
    process.env['DATABASE_URL'] = database.url;
    process.env['PUBLIC_URL'] = server.url;
  });
  afterAll(async () => {
    for (const [key, value] of [
      ['DATABASE_URL', previous.db],
      ['PUBLIC_URL', previous.url],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await server?.close();
    await drop?.();
  });
  return {
    get t() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    cli: (...argv) => runCli([...argv, '--config', oauthConfigPath]),
  };
}
