import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The testing kit is public API too (`servicedesk-mcp/testing`): every export documented, every
// function with an @example (STYLE 22), and no test runner inside (a plugin may use any).
const folder = fileURLToPath(new URL('../../testing/', import.meta.url));
const entry = `${folder}index.ts`;
const program = ts.createProgram([entry], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
const exported = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return {
    name: symbol.getName(),
    documented: ts.displayPartsToString(target.getDocumentationComment(checker)).trim() !== '',
    callable: (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) !== 0,
    hasExample: target.getJsDocTags(checker).some((tag) => tag.name === 'example'),
  };
});

describe('the testing kit in testing/index.ts', () => {
  it('exports what a plugin author needs', () => {
    expect(exported.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'startTestServer',
        'testEngines',
        'call',
        'staffToken',
        'endUserToken',
        'testToken',
        'demoDeskPlugins',
      ]),
    );
  });

  it('documents every export, and gives every function an @example', () => {
    expect(exported.filter((e) => !e.documented).map((e) => e.name)).toEqual([]);
    expect(exported.filter((e) => e.callable && !e.hasExample).map((e) => e.name)).toEqual([]);
  });

  it('depends on no test runner', () => {
    const runners = /from '(vitest|jest|mocha|node:test)[/']/;
    const users = readdirSync(folder).filter((file) =>
      runners.test(readFileSync(`${folder}${file}`, 'utf8')),
    );
    expect(users).toEqual([]);
  });
});
