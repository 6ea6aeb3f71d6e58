import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../testing/index.js';

describe('testEngines', () => {
  it('lists SQLite, then PostgreSQL', () => {
    expect(testEngines.map((engine) => engine.engine)).toEqual(['sqlite', 'postgres']);
  });

  it('gives SQLite a file of its own in the temporary directory, removed by drop()', async () => {
    const sqlite = testEngines.find((engine) => engine.engine === 'sqlite')!;
    const first = await sqlite.createDatabase();
    const second = await sqlite.createDatabase();
    expect(first.url.startsWith(tmpdir())).toBe(true);
    expect(dirname(second.url)).not.toBe(dirname(first.url));
    writeFileSync(first.url, '');
    await first.drop();
    await second.drop();
    expect(existsSync(dirname(first.url))).toBe(false);
  });

  it('gives PostgreSQL a database of its own', async () => {
    const postgres = testEngines.find((engine) => engine.engine === 'postgres')!;
    const database = await postgres.createDatabase();
    expect(database.url).toMatch(/^postgres(ql)?:\/\/.*\/sdm_test_[0-9a-f]{12}$/);
    await database.drop();
  });
});
