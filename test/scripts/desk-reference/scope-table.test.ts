import { describe, expect, it } from 'vitest';
import { readDeskStore } from '../../../scripts/desk-reference/desk-store-model.js';
import { scopeRows } from '../../../scripts/desk-reference/scope-table.js';
import { fixtureSource } from './fixture-source.js';

describe('scopeRows', () => {
  it('lists, per scope, the methods whose @throws names it (a * segment matches any)', () => {
    const doc = readDeskStore(fixtureSource());
    const rows = scopeRows(doc, {
      'things:read:own': 'Read your things',
      'things:read:all': 'Read every thing',
      'things:write:all': 'Change every thing',
    });
    expect(rows).toEqual([
      { scope: 'things:read:own', consent: 'Read your things', checkedBy: ['things.get'] },
      { scope: 'things:read:all', consent: 'Read every thing', checkedBy: ['things.get'] },
      { scope: 'things:write:all', consent: 'Change every thing', checkedBy: [] },
    ]);
  }, 60_000);
});
