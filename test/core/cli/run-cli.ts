import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../../../core/cli/main.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

/** The demo config, relative to the repository root (vitest's working directory). */
export const demoConfigPath = 'test/core/cli/fixtures/demo.config.ts';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly lines: readonly string[];
  readonly stderr: string;
}

/** Runs the CLI in-process, capturing standard output lines and standard error. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const lines: string[] = [];
  const stderr: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  try {
    const code = await main(argv, (line) => lines.push(line));
    return { code, lines, stderr: stderr.join('') };
  } finally {
    spy.mockRestore();
  }
}

/**
 * Points `DATABASE_URL` at a fresh SQLite file for the tests of one file (the CLI reads the
 * environment, as it does in production) and restores the previous value afterwards.
 */
export function useTemporaryDatabaseUrl(): { readonly url: string } {
  const state = { url: '' };
  const folder = createTempFolder('cli');
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env['DATABASE_URL'];
    state.url = folder.file('cli.db');
    process.env['DATABASE_URL'] = state.url;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = previous;
    folder.remove();
  });
  return state;
}
