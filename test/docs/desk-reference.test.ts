import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deskPlugin } from '../../plugins/desk/index.js';
import { createDeskStore } from '../../plugins/desk/store/desk-store.js';
import type { DeskStoreContext } from '../../plugins/desk/store/store-context.js';
import {
  deskReference,
  deskReferenceFile,
  loadStoreSource,
  type DeskReference,
} from '../../scripts/desk-reference/desk-reference-page.js';
import { readDeskStore } from '../../scripts/desk-reference/desk-store-model.js';

/** `part.method` for every function of a store built at run time: what the page must cover. */
function runtimeMethods(): string[] {
  // Building the store runs no query, so a context without a database is enough to list it.
  const context = {
    db: {},
    engine: 'sqlite',
    now: () => new Date(),
  } as unknown as DeskStoreContext;
  const store = createDeskStore(context) as unknown as Record<string, unknown>;
  return Object.entries(store).flatMap(([name, value]) =>
    typeof value === 'function'
      ? [name]
      : Object.keys(value as object).map((method) => `${name}.${method}`),
  );
}

describe('docs/reference/desk-store.md', () => {
  let generated: DeskReference;
  beforeAll(async () => {
    generated = await deskReference();
  }, 120_000);

  it('is what `npm run docs:reference` generates from the TSDoc now', () => {
    const onDisk = readFileSync(deskReferenceFile, 'utf8');
    expect(onDisk, 'the desk store reference is out of date: run npm run docs:reference').toBe(
      generated.markdown,
    );
  });

  it('documents every method with a summary, @param, @returns, @rowScope and real error codes', () => {
    expect(generated.gaps, 'TSDoc the desk store reference needs').toEqual([]);
  });

  it('covers every method the store has at run time, with nothing listed by hand', () => {
    const store = readDeskStore(loadStoreSource());
    const documented = [
      ...store.methods.map((m) => m.path),
      ...store.parts.flatMap((part) => part.methods.map((m) => m.path)),
    ];
    expect(documented.sort()).toEqual(runtimeMethods().sort());
    for (const path of documented) expect(generated.markdown).toContain(`### \`${path}\``);
  }, 60_000);

  it('has a row for every scope the desk defines, with its consent text', () => {
    for (const [scope, consent] of Object.entries(deskPlugin().scopes)) {
      expect(generated.markdown).toMatch(new RegExp(`^\\| \`${scope}\` +\\| ${consent} +\\|`, 'm'));
    }
  });
});
