import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Another process holding a SQLite file's write lock, as the sqlite3 shell's `BEGIN IMMEDIATE` would. */
export interface LockHolder {
  /** Commits and exits. */
  release(): Promise<void>;
}

// Runs in the child: takes the write lock, says so, and commits when told to (or when stdin closes).
const holderScript = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
process.stdin.once('end', () => process.exit(0));
`;

/**
 * Starts a process that takes the write lock of `file` and keeps it until `release()`.
 *
 * @example
 * const holder = await holdSqliteWriteLock(file);
 * …; await holder.release();
 */
export async function holdSqliteWriteLock(file: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', holderScript, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', () => resolve());
  });
  return {
    async release() {
      child.stdin.write('commit\n');
      await exited;
    },
  };
}
