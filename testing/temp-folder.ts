import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder under the system temporary directory, removed by `remove()`. */
export interface TempFolder {
  readonly path: string;
  /** A path inside the folder; each call with no name gives a new unique file name. */
  file(name?: string): string;
  remove(): void;
}

/**
 * Creates a temporary folder, e.g. for SQLite files.
 *
 * @example
 * const folder = createTempFolder('storage');
 * const databaseUrl = folder.file('test.db');
 * folder.remove();
 */
export function createTempFolder(prefix = 'test'): TempFolder {
  const path = mkdtempSync(join(tmpdir(), `servicedesk-${prefix}-`));
  let counter = 0;
  return {
    path,
    file: (name) => join(path, name ?? `db-${++counter}.db`),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
