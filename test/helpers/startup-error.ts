import {
  createServer,
  ServiceDeskError,
  type ErrorCode,
  type ServerConfig,
} from '../../core/index.js';
import { createTempFolder } from './temp-folder.js';

/**
 * Starts `createServer(config)` (with a throw-away SQLite file and no environment) and returns
 * the coded error it fails with. Fails the test when the server starts, or when it fails with
 * anything but a {@link ServiceDeskError}.
 *
 * @example
 * const error = await startupError({ plugins: [definePlugin({ id: 'Bad', version: '1' })], collections: [] });
 * expect(error.code).toBe('PLUGIN_INVALID_ID');
 */
export async function startupError(
  config: ServerConfig,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceDeskError> {
  const folder = createTempFolder('startup');
  try {
    const server = await createServer(
      { log: { level: 'silent' }, databaseUrl: folder.file(), ...config },
      { env: options.env ?? {} },
    ).catch((error: unknown) => error);
    if (server instanceof ServiceDeskError) return server;
    if (server instanceof Error) throw server;
    await (server as { close(): Promise<void> }).close();
    throw new Error('expected createServer to fail at startup, but it started');
  } finally {
    folder.remove();
  }
}

/** Like {@link startupError}, and asserts the code in one step. */
export async function expectStartupError(
  config: ServerConfig,
  code: ErrorCode,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceDeskError> {
  const error = await startupError(config, options);
  if (error.code !== code) {
    throw new Error(`expected startup error ${code}, got ${error.code}: ${error.message}`, {
      cause: error,
    });
  }
  return error;
}
