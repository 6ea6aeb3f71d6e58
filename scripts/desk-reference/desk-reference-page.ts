import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import { errorCodes } from '../../core/errors/error-codes.js';
import { deskPlugin } from '../../plugins/desk/index.js';
import { readDeskStore, type StoreSource } from './desk-store-model.js';
import { documentationGaps } from './documentation-gaps.js';
import { renderDeskReference } from './render-reference.js';
import { scopeRows } from './scope-table.js';

/** The repository root. */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the page lives, from the repository root. */
export const deskReferencePath = 'docs/reference/desk-store.md';

/** The page's absolute path. */
export const deskReferenceFile = join(root, deskReferencePath);

/** The desk plugin's public modules, in the order they are asked for `DeskStore`. */
const entryModules = ['plugins/desk/api.ts', 'plugins/desk/index.ts'];

/** A file's path from the repository root, with `/` on every system. */
const fromRoot = (file: string) => relative(root, file).split(sep).join('/');

/** True for the desk plugin's own files: the types declared there are the ones documented. */
const isDeskFile = (file: string) => fromRoot(file).startsWith('plugins/desk/');

/** Dependencies whose declarations the page's types need: Kysely's row types and the lib. */
const readFromDependencies = /[\\/]node_modules[\\/](kysely|typescript[\\/]lib)[\\/]/;

/**
 * A program over the desk plugin's public modules, with the project's compiler options, and the
 * `DeskStore` interface the first of them exports.
 */
export function loadStoreSource(): StoreSource {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const entries = entryModules.map((m) => join(root, m)).filter((file) => existsSync(file));
  const options = { ...parsed!.options, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  // Only the desk's own files, Kysely's row types and the standard library take part: the page
  // prints nothing else, and parsing the whole core with its dependencies takes seconds.
  host.getSourceFile = (file, language, ...rest) =>
    isDeskFile(file) || readFromDependencies.test(file)
      ? readSource(file, language, ...rest)
      : ts.createSourceFile(file, '', language);
  const program = ts.createProgram({ rootNames: entries, options, host });
  const checker = program.getTypeChecker();
  for (const entry of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
    let symbol = module && checker.getExportsOfModule(module).find((s) => s.name === 'DeskStore');
    if (symbol === undefined) continue;
    if ((symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    const interfaceDeclaration = symbol.declarations?.find(ts.isInterfaceDeclaration);
    if (interfaceDeclaration === undefined) continue;
    return {
      program,
      interfaceDeclaration,
      documents: (declaration) => isDeskFile(declaration.getSourceFile().fileName),
      relative: fromRoot,
    };
  }
  throw new Error(`no DeskStore interface exported by ${entryModules.join(' or ')}`);
}

/** The page, and what the TSDoc it was generated from leaves out. */
export interface DeskReference {
  readonly markdown: string;
  readonly gaps: readonly string[];
}

/**
 * Generates the desk store reference in memory: `DeskStore` and its parts as declared now, the
 * scopes `deskPlugin()` defines, laid out by Prettier with the project's settings.
 *
 * @example
 * const { markdown, gaps } = await deskReference();
 */
export async function deskReference(): Promise<DeskReference> {
  const store = readDeskStore(loadStoreSource());
  const scopes = scopeRows(store, deskPlugin().scopes);
  const options = (await resolveConfig(deskReferenceFile)) ?? {};
  const markdown = await format(renderDeskReference({ store, scopes }), {
    ...options,
    filepath: deskReferenceFile,
  });
  return { markdown, gaps: documentationGaps(store, new Set(Object.keys(errorCodes))) };
}
