import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../core/storage/statement-cache.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';

describe('the SQLite statement cache', () => {
  let folder: TempFolder;
  let sqlite: Database.Database;

  beforeEach(() => {
    folder = createTempFolder('statements');
    sqlite = new Database(folder.file('cache.db'));
    sqlite.exec('create table t (id integer primary key, name text)');
    sqlite.exec("insert into t (name) values ('a'), ('b'), ('c')");
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
    folder.remove();
  });

  it('hands out the same prepared statement for the same SQL, with the right rows', () => {
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('select name from t where id = ?');
    const second = cached.prepare('select name from t where id = ?');
    expect(second).toBe(first);
    expect(second.all([2])).toEqual([{ name: 'b' }]);
    expect(cached.prepare('select name from t where id = ? ')).not.toBe(first);
  });

  it('drops the least recently used statement past its capacity', () => {
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('select 1');
    const two = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one);
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(one);
    expect(cached.prepare('select 2')).not.toBe(two);
  });

  it('never hands out a statement that is still being iterated', () => {
    const cached = withStatementCache(sqlite);
    const streaming = cached.prepare('select name from t order by id');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ name: 'a' });
    const meanwhile = cached.prepare('select name from t order by id');
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ name: 'b' }, { name: 'c' }]);
  });

  it('closes the database', () => {
    withStatementCache(sqlite).close();
    expect(sqlite.open).toBe(false);
  });
});
