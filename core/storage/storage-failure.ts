import { ServiceDeskError } from '../errors/servicedesk-error.js';

/**
 * Why the database could not do what was asked, when the cause is the database and not the
 * request: `busy` (a lock or statement timeout, every connection taken — try again soon),
 * `unavailable` (the connection is gone — try again shortly) or `cannot_write` (disk full,
 * read-only, I/O error — an operator must act).
 */
export type StorageFailureKind = 'busy' | 'unavailable' | 'cannot_write';

/** A classified database failure: its kind and a reason in plain words (never SQL or paths). */
export interface StorageFailure {
  readonly kind: StorageFailureKind;
  readonly reason: string;
}

const postgresCodes: Readonly<Record<string, StorageFailure>> = {
  '57014': { kind: 'busy', reason: 'a statement ran past the statement timeout' },
  '55P03': { kind: 'busy', reason: 'a lock wait ran past the lock timeout' },
  '53300': { kind: 'busy', reason: 'the database has no free connection slot' },
  '53400': { kind: 'busy', reason: 'the database refused the connection: a limit was reached' },
  '53100': { kind: 'cannot_write', reason: 'the database disk is full' },
  '53200': { kind: 'unavailable', reason: 'the database is out of memory' },
  '58030': { kind: 'cannot_write', reason: 'the database had an I/O error' },
  '25006': { kind: 'cannot_write', reason: 'the database is read-only' },
  '57P01': { kind: 'unavailable', reason: 'the database is shutting down or restarting' },
  '57P02': { kind: 'unavailable', reason: 'the database is restarting after a crash' },
  '57P03': { kind: 'unavailable', reason: 'the database is starting up or shutting down' },
  // Ours (postgres-pool.ts): the server sent nothing back within the statement timeout and a margin.
  SDM_NO_ANSWER: { kind: 'busy', reason: 'the database did not answer in time' },
};

const sqlitePrefixes: readonly (readonly [string, StorageFailure])[] = [
  ['SQLITE_BUSY', { kind: 'busy', reason: 'another process holds the write lock' }],
  ['SQLITE_LOCKED', { kind: 'busy', reason: 'a table is locked' }],
  ['SQLITE_FULL', { kind: 'cannot_write', reason: 'the database or its disk is full' }],
  ['SQLITE_IOERR', { kind: 'cannot_write', reason: 'the database file had an I/O error' }],
  ['SQLITE_READONLY', { kind: 'cannot_write', reason: 'the database file is read-only' }],
  ['SQLITE_CANTOPEN', { kind: 'cannot_write', reason: 'the database file cannot be opened' }],
  ['SQLITE_CORRUPT', { kind: 'cannot_write', reason: 'the database file is damaged' }],
];

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** pg's own errors carry no code; their messages are stable across pg 8. */
const pgMessages: readonly (readonly [RegExp, StorageFailure])[] = [
  [
    /timeout exceeded when trying to connect/i,
    { kind: 'busy', reason: 'no database connection came free in time' },
  ],
  [
    /connection terminated|not queryable|connection error|terminated due to connection timeout/i,
    { kind: 'unavailable', reason: 'the connection to the database was lost' },
  ],
];

/** The failure a storage error code of ours stands for. */
const ownCodes: Partial<Record<string, StorageFailureKind>> = {
  STORAGE_BUSY: 'busy',
  STORAGE_UNAVAILABLE: 'unavailable',
};

function classifyOne(error: unknown): StorageFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (error instanceof ServiceDeskError) {
    const kind = ownCodes[error.code];
    return kind && { kind, reason: error.message.replace(/^[A-Z_]+: /, '') };
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const known = postgresCodes[code];
    if (known) return known;
    if (code.startsWith('08'))
      return { kind: 'unavailable', reason: 'the connection to the database failed' };
    const sqlite = sqlitePrefixes.find(([prefix]) => code.startsWith(prefix));
    if (sqlite) return sqlite[1];
    if (socketCodes.has(code))
      return { kind: 'unavailable', reason: 'the database cannot be reached' };
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message !== 'string') return undefined;
  return pgMessages.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * Classifies an error thrown by a database call, following `cause` a few levels (a plugin may
 * wrap the driver's error); `undefined` when the database is not to blame.
 *
 * @example
 * storageFailureOf(error) // { kind: 'busy', reason: 'a lock wait ran past the lock timeout' }
 */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const found = classifyOne(current);
    if (found) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The text a tool call's caller reads when the database failed it: what happened and what to do.
 *
 * @example
 * storageFailureText({ kind: 'busy', reason: 'a lock wait ran past the lock timeout' })
 * // 'The desk database is busy (a lock wait ran past the lock timeout); try again in a few seconds.'
 */
export function storageFailureText(failure: StorageFailure): string {
  switch (failure.kind) {
    case 'busy':
      return `The desk database is busy (${failure.reason}); try again in a few seconds.`;
    case 'unavailable':
      return `The desk database is unavailable right now (${failure.reason}); try again shortly, and ask an administrator if it persists.`;
    case 'cannot_write':
      return `The desk database cannot store changes right now (${failure.reason}); nothing was saved. Ask an administrator.`;
  }
}

/** The error code a failure is audited and logged under. */
export function storageFailureCode(
  failure: StorageFailure,
): 'STORAGE_BUSY' | 'STORAGE_UNAVAILABLE' {
  return failure.kind === 'busy' ? 'STORAGE_BUSY' : 'STORAGE_UNAVAILABLE';
}
