import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every export of the public barrel is documented (STYLE 22); functions and classes, which a
// plugin author calls, also carry an @example.
const entry = fileURLToPath(new URL('../../core/index.ts', import.meta.url));
const program = ts.createProgram([entry], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();
const source = program.getSourceFile(entry)!;
const moduleSymbol = checker.getSymbolAtLocation(source)!;

interface ExportInfo {
  readonly name: string;
  readonly documented: boolean;
  readonly callable: boolean;
  readonly hasExample: boolean;
}

const exports: ExportInfo[] = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const docs = ts.displayPartsToString(target.getDocumentationComment(checker)).trim();
  const tags = target.getJsDocTags(checker);
  return {
    name: symbol.getName(),
    documented: docs.length > 0,
    callable: (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) !== 0,
    hasExample: tags.some((tag) => tag.name === 'example'),
  };
});

describe('the public API in core/index.ts', () => {
  it('exports the framework entry points', () => {
    expect(exports.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'definePlugin',
        'defineTool',
        'defineCollection',
        'defineConfig',
        'createServer',
        'startTestServer',
      ]),
    );
  });

  it('documents every export', () => {
    expect(exports.filter((e) => !e.documented).map((e) => e.name)).toEqual([]);
  });

  it('gives every function and class an @example', () => {
    expect(exports.filter((e) => e.callable && !e.hasExample).map((e) => e.name)).toEqual([]);
  });
});
