import { beforeAll, describe, expect, it } from 'vitest';
import {
  readDeskStore,
  type DeskStoreDoc,
} from '../../../scripts/desk-reference/desk-store-model.js';
import { fixtureSource } from './fixture-source.js';

describe('readDeskStore', () => {
  let doc: DeskStoreDoc;
  beforeAll(() => {
    doc = readDeskStore(fixtureSource());
  }, 60_000);

  it('reads a method declared on the store itself, such as a new transaction(...)', () => {
    expect(doc.methods.map((m) => m.path)).toEqual(['transaction']);
    const [transaction] = doc.methods;
    expect(transaction!.signature).toBe(
      'transaction<T>(caller: Caller, work: (store: DeskStore) => Promise<T>): Promise<T>',
    );
    expect(transaction!.parameters.map((p) => [p.name, p.type, p.doc])).toEqual([
      ['caller', 'Caller', 'The caller.'],
      ['work', '(store: DeskStore) => Promise<T>', 'What to do with the store.'],
    ]);
  });

  it('reads each property whose type is an interface as a part, with every method', () => {
    expect(doc.parts.map((p) => [p.name, p.interfaceName])).toEqual([['things', 'ThingPart']]);
    const [get, put] = doc.parts[0]!.methods;
    expect([get!.path, put!.path]).toEqual(['things.get', 'things.put']);
    expect(get!.comment).toMatchObject({
      summary: 'One thing by id.',
      returns: 'The thing, or undefined when it is out of reach.',
      rowScope: 'Needs a `things:read:*` scope; an end user reaches their own things.',
      throws: [{ code: 'TOOL_FAILED', text: 'The caller holds no `things:read:*` scope.' }],
    });
    expect(get!.returnType).toBe('Promise<Thing | undefined>');
    expect(get!.types).toEqual(['Caller', 'Thing']);
  });

  it('lists the types the methods use and the types their fields use, never the store or a part', () => {
    expect(doc.types.map((t) => t.name)).toEqual(['Caller', 'Thing', 'ThingState']);
    const thing = doc.types.find((t) => t.name === 'Thing')!;
    expect(thing.fields).toEqual([
      { name: 'id', optional: false, type: 'number', doc: '' },
      { name: 'name', optional: false, type: 'string', doc: 'What it is called.' },
      { name: 'state', optional: false, type: 'ThingState', doc: '' },
    ]);
    const state = doc.types.find((t) => t.name === 'ThingState')!;
    expect(state.definition).toBe("type ThingState = 'new' | 'done';");
  });

  it("reads the store's own comment and the errors every method may raise", () => {
    expect(doc.comment.summary).toBe("The fixture's store.");
    expect(doc.comment.throws).toEqual([
      { code: 'STORAGE_BUSY', text: 'Any method: the database is busy.' },
    ]);
  });
});
