import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { StoreSource } from '../../../scripts/desk-reference/desk-store-model.js';

/** The fixture store's file. */
export const fixtureFile = fileURLToPath(new URL('./fixtures/fixture-store.ts', import.meta.url));

/** A program over the fixture store, documenting the declarations of that one file. */
export function fixtureSource(): StoreSource {
  const program = ts.createProgram([fixtureFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    noEmit: true,
    types: [],
  });
  const source = program.getSourceFile(fixtureFile)!;
  const interfaceDeclaration = source.statements
    .filter(ts.isInterfaceDeclaration)
    .find((d) => d.name.text === 'DeskStore')!;
  return {
    program,
    interfaceDeclaration,
    documents: (declaration) => declaration.getSourceFile().fileName === fixtureFile,
    relative: () => 'fixtures/fixture-store.ts',
  };
}
