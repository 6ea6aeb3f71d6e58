import { describe, expect, it } from 'vitest';
import { ServiceDeskError, ToolError } from '../../../core/errors/servicedesk-error.js';
import {
  storageFailureCode,
  storageFailureOf,
  storageFailureText,
} from '../../../core/storage/storage-failure.js';

function coded(code: string, message = 'database said no'): Error {
  return Object.assign(new Error(message), { code });
}

describe('storageFailureOf', () => {
  it.each([
    ['57014', 'busy', 'a statement ran past the statement timeout'],
    ['55P03', 'busy', 'a lock wait ran past the lock timeout'],
    ['53300', 'busy', 'the database has no free connection slot'],
    ['57P01', 'unavailable', 'the database is shutting down or restarting'],
    ['08006', 'unavailable', 'the connection to the database failed'],
    ['53100', 'cannot_write', 'the database disk is full'],
    ['25006', 'cannot_write', 'the database is read-only'],
    ['SQLITE_BUSY', 'busy', 'another process holds the write lock'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy', 'another process holds the write lock'],
    ['SQLITE_FULL', 'cannot_write', 'the database or its disk is full'],
    ['SQLITE_IOERR_WRITE', 'cannot_write', 'the database file had an I/O error'],
    ['SQLITE_READONLY', 'cannot_write', 'the database file is read-only'],
    ['ECONNREFUSED', 'unavailable', 'the database cannot be reached'],
    ['ECONNRESET', 'unavailable', 'the database cannot be reached'],
    ['SDM_NO_ANSWER', 'busy', 'the database did not answer in time'],
  ])('classifies code %s as %s', (code, kind, reason) => {
    expect(storageFailureOf(coded(code))).toEqual({ kind, reason });
  });

  it.each([
    ['Connection terminated unexpectedly', 'unavailable'],
    ['Client has encountered a connection error and is not queryable', 'unavailable'],
    ['timeout exceeded when trying to connect', 'busy'],
  ])('classifies pg’s uncoded %j', (message, kind) => {
    expect(storageFailureOf(new Error(message))?.kind).toBe(kind);
  });

  it('follows causes, so a plugin may wrap the driver’s error', () => {
    const wrapped = new Error('could not save', {
      cause: new Error('x', { cause: coded('55P03') }),
    });
    expect(storageFailureOf(wrapped)?.kind).toBe('busy');
  });

  it('knows its own STORAGE_* errors and keeps their reason', () => {
    const busy = new ServiceDeskError('STORAGE_BUSY', 'another process held the lock');
    expect(storageFailureOf(busy)).toEqual({
      kind: 'busy',
      reason: 'another process held the lock',
    });
  });

  it('leaves everything else alone: constraint violations, tool errors, bugs', () => {
    for (const error of [
      coded('23505'),
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      new ToolError('ticket 4821 is closed'),
      new TypeError('x is undefined'),
      'a string',
      undefined,
    ])
      expect(storageFailureOf(error)).toBeUndefined();
  });
});

describe('what the caller reads', () => {
  it('says what happened and what to do, and is audited under a STORAGE_* code', () => {
    const busy = { kind: 'busy', reason: 'a lock wait ran past the lock timeout' } as const;
    expect(storageFailureText(busy)).toBe(
      'The desk database is busy (a lock wait ran past the lock timeout); try again in a few seconds.',
    );
    expect(storageFailureCode(busy)).toBe('STORAGE_BUSY');
    const gone = {
      kind: 'unavailable',
      reason: 'the connection to the database was lost',
    } as const;
    expect(storageFailureText(gone)).toMatch(
      /^The desk database is unavailable right now \(the connection/,
    );
    expect(storageFailureCode(gone)).toBe('STORAGE_UNAVAILABLE');
    const full = { kind: 'cannot_write', reason: 'the database disk is full' } as const;
    expect(storageFailureText(full)).toMatch(/cannot store changes right now .*nothing was saved/);
    expect(storageFailureCode(full)).toBe('STORAGE_UNAVAILABLE');
  });
});
