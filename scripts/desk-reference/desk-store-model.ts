import ts from 'typescript';
import {
  collectTypes,
  oneLine,
  typesNamedIn,
  type TypeDoc,
  type TypeWalk,
} from './referenced-types.js';
import { readTsdoc, type TsdocComment } from './tsdoc-comment.js';

/** One parameter of a store method: its declared type and its `@param` text. */
export interface ParameterDoc {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string | undefined;
}

/** One method of the store or of one of its parts. */
export interface MethodDoc {
  /** How a caller reaches it from the service, e.g. `tickets.get`. */
  readonly path: string;
  /** The declaration as written, without its comment. */
  readonly signature: string;
  readonly parameters: readonly ParameterDoc[];
  readonly returnType: string;
  readonly comment: TsdocComment;
  /** The documented types the signature names, by name. */
  readonly types: readonly string[];
}

/** A part of the store (`tickets`, `search`, …): a property whose type is an interface. */
export interface PartDoc {
  readonly name: string;
  readonly interfaceName: string;
  readonly file: string;
  readonly comment: TsdocComment;
  readonly methods: readonly MethodDoc[];
}

/** Everything the reference page shows about the store, read from its declarations. */
export interface DeskStoreDoc {
  readonly file: string;
  readonly comment: TsdocComment;
  /** Methods declared on `DeskStore` itself. */
  readonly methods: readonly MethodDoc[];
  readonly parts: readonly PartDoc[];
  readonly types: readonly TypeDoc[];
}

/** Where the store's declarations are read from, and what counts as the desk's own code. */
export interface StoreSource {
  readonly program: ts.Program;
  readonly interfaceDeclaration: ts.InterfaceDeclaration;
  readonly documents: (declaration: ts.Declaration) => boolean;
  readonly relative: (file: string) => string;
}

/** The node that carries a member's parameters and return type, if it is callable. */
function callableOf(declaration: ts.Declaration): ts.SignatureDeclarationBase | undefined {
  if (ts.isMethodSignature(declaration)) return declaration;
  if (ts.isPropertySignature(declaration) && declaration.type !== undefined) {
    const type = declaration.type;
    if (ts.isFunctionTypeNode(type)) return type;
  }
  return undefined;
}

/** A member's source text without its comment, its first line at column zero. */
function signatureText(declaration: ts.Declaration): string {
  const source = declaration.getSourceFile();
  const column = source.getLineAndCharacterOfPosition(declaration.getStart()).character;
  const indent = new RegExp(`^ {0,${column}}`);
  return declaration
    .getText()
    .replace(/[;,]$/, '')
    .split('\n')
    .map((line) => line.replace(indent, ''))
    .join('\n');
}

function readMethod(
  walk: TypeWalk,
  member: { readonly path: string; readonly declaration: ts.Declaration },
  callable: ts.SignatureDeclarationBase,
): { method: MethodDoc; roots: ts.Node[] } {
  const comment = readTsdoc(member.declaration);
  const parameters = callable.parameters.map((p) => ({
    name: p.name.getText(),
    type: p.type === undefined ? 'unknown' : oneLine(p.type.getText()),
    optional: p.questionToken !== undefined || p.initializer !== undefined,
    doc: comment.params.get(p.name.getText()),
  }));
  const roots = [...callable.parameters, ...(callable.type === undefined ? [] : [callable.type])];
  const names = roots.flatMap((root) => typesNamedIn(walk, root)).map((d) => nameOf(d));
  const method = {
    path: member.path,
    signature: signatureText(member.declaration),
    parameters,
    returnType: callable.type === undefined ? 'void' : oneLine(callable.type.getText()),
    comment,
    types: [...new Set(names)],
  };
  return { method, roots };
}

function nameOf(declaration: ts.Declaration): string {
  return (declaration as ts.InterfaceDeclaration | ts.TypeAliasDeclaration).name.text;
}

/** The members of `declaration`'s type (inherited ones included), in declaration order. */
function membersOf(checker: ts.TypeChecker, declaration: ts.InterfaceDeclaration) {
  const symbol = checker.getSymbolAtLocation(declaration.name)!;
  return checker
    .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))
    .map((member) => ({ name: member.name, declaration: member.declarations?.[0] }))
    .filter((m): m is { name: string; declaration: ts.Declaration } => m.declaration !== undefined);
}

/**
 * Reads `DeskStore` as declared now: its own methods, each property whose type is one of the
 * desk's interfaces as a part with its methods, and every desk type those methods take or
 * return. Nothing is listed by hand, so a method added to the store or a part appears on the next
 * run.
 *
 * @example
 * const doc = readDeskStore(source);
 * doc.parts.map((part) => part.name); // ['catalogue', 'directory', …]
 */
export function readDeskStore(source: StoreSource): DeskStoreDoc {
  const checker = source.program.getTypeChecker();
  const store = source.interfaceDeclaration;
  const members = membersOf(checker, store);
  const parts = members.flatMap(({ name, declaration }) => {
    if (callableOf(declaration) !== undefined) return [];
    const type = checker.getTypeAtLocation(declaration).getSymbol()?.declarations?.[0];
    return type !== undefined && ts.isInterfaceDeclaration(type) && source.documents(type)
      ? [{ name, property: declaration, declaration: type }]
      : [];
  });
  // The store and its parts have sections of their own; the types section leaves them out.
  const skip = new Set(
    [store, ...parts.map((p) => p.declaration)].map((d) => symbolOf(checker, d)),
  );
  const walk: TypeWalk = { checker, documents: source.documents, skip };
  const roots: ts.Node[] = [];
  const methodsOf = (prefix: string, declaration: ts.InterfaceDeclaration) =>
    membersOf(checker, declaration).flatMap((member) => {
      const callable = callableOf(member.declaration);
      if (callable === undefined) return [];
      const path = `${prefix}${member.name}`;
      const read = readMethod(walk, { path, declaration: member.declaration }, callable);
      roots.push(...read.roots);
      return [read.method];
    });
  const methods = methodsOf('', store);
  const partDocs = parts.map(({ name, property, declaration }) => {
    const comment = readTsdoc(declaration);
    return {
      name,
      interfaceName: declaration.name.text,
      file: source.relative(declaration.getSourceFile().fileName),
      comment:
        comment.summary === '' ? { ...comment, summary: readTsdoc(property).summary } : comment,
      methods: methodsOf(`${name}.`, declaration),
    };
  });
  return {
    file: source.relative(store.getSourceFile().fileName),
    comment: readTsdoc(store),
    methods,
    parts: partDocs,
    types: collectTypes(walk, roots, source.relative),
  };
}

function symbolOf(checker: ts.TypeChecker, declaration: ts.InterfaceDeclaration): ts.Symbol {
  return checker.getSymbolAtLocation(declaration.name)!;
}
