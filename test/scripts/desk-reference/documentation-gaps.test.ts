import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../core/errors/error-codes.js';
import { readDeskStore } from '../../../scripts/desk-reference/desk-store-model.js';
import { documentationGaps } from '../../../scripts/desk-reference/documentation-gaps.js';
import { fixtureSource } from './fixture-source.js';

describe('documentationGaps', () => {
  it('names every missing tag of every method, and every error code that does not exist', () => {
    const doc = readDeskStore(fixtureSource());
    expect(documentationGaps(doc, new Set(Object.keys(errorCodes)))).toEqual([
      'transaction: @throws {NOT_A_CODE} is not an error code of core/errors/error-codes.ts',
      'things.put: no @param caller',
      'things.put: no @param thing',
      'things.put: no @rowScope',
    ]);
  }, 60_000);
});
