import ts from 'typescript';
import { proseText, readTsdoc } from './tsdoc-comment.js';

/** One field of a documented object type. */
export interface FieldDoc {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
  readonly doc: string;
}

/** A type the store's methods take or return, declared in the desk plugin. */
export interface TypeDoc {
  /** The name with its type parameters, e.g. `SearchResult<TRow>`. */
  readonly name: string;
  /** The file that declares it, relative to the repository root. */
  readonly file: string;
  readonly summary: string;
  /** `type X = …` for a union or other non-object alias; undefined when `fields` says it all. */
  readonly definition: string | undefined;
  readonly fields: readonly FieldDoc[];
}

/** Source text on one line, as a Markdown table cell or list item needs it. */
export function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/,\s*([)>\]])/g, '$1')
    .replace(/;\s*}/g, ' }')
    .replace(/([<([]) /g, '$1')
    .replace(/ ([)>\]])/g, '$1')
    .replace(/([<(]|, )\| /g, '$1')
    .replace(/^\| /, '')
    .trim();
}

/** Compares names by code unit, the same under every locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Which declarations count as the desk's own types, and the checker that resolves names. */
export interface TypeWalk {
  readonly checker: ts.TypeChecker;
  /** True for a declaration the reference documents (the desk plugin's own, not the core's). */
  readonly documents: (declaration: ts.Declaration) => boolean;
  /** Symbols documented elsewhere on the page (the store and its parts), never listed as types. */
  readonly skip: ReadonlySet<ts.Symbol>;
}

function declarationOf(walk: TypeWalk, symbol: ts.Symbol | undefined): ts.Declaration | undefined {
  let target = symbol;
  if (target !== undefined && (target.flags & ts.SymbolFlags.Alias) !== 0) {
    target = walk.checker.getAliasedSymbol(target);
  }
  if (target === undefined || walk.skip.has(target)) return undefined;
  const declaration = target.declarations?.[0];
  if (declaration === undefined) return undefined;
  const named = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration);
  return named && walk.documents(declaration) ? declaration : undefined;
}

/** The documented types a type node names, in source order. */
export function typesNamedIn(walk: TypeWalk, node: ts.Node): ts.Declaration[] {
  const found: ts.Declaration[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isTypeReferenceNode(child)) {
      const name = ts.isQualifiedName(child.typeName) ? child.typeName.right : child.typeName;
      const declaration = declarationOf(walk, walk.checker.getSymbolAtLocation(name));
      if (declaration !== undefined) found.push(declaration);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The documented types a resolved type refers to by name (for fields of mapped types). */
function typesNamedBy(walk: TypeWalk, type: ts.Type): ts.Declaration[] {
  const named = declarationOf(walk, type.aliasSymbol ?? type.getSymbol());
  if (named !== undefined) return [named];
  return type.isUnionOrIntersection() ? type.types.flatMap((t) => typesNamedBy(walk, t)) : [];
}

/** The field's declared text when it has one of its own, else the checker's view of its type. */
function fieldOf(
  walk: TypeWalk,
  property: ts.Symbol,
): { doc: FieldDoc; refs: ts.Declaration[]; own: boolean } {
  const { checker } = walk;
  const declaration = property.declarations?.[0];
  const type = checker.getTypeOfSymbol(property);
  const own =
    declaration !== undefined &&
    (ts.isPropertySignature(declaration) || ts.isMethodSignature(declaration)) &&
    declaration.type !== undefined &&
    checker.getSymbolAtLocation(declaration.name) === property;
  const text = own
    ? oneLine((ts.isMethodSignature(declaration) ? declaration : declaration.type).getText())
    : checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  const doc = {
    name: property.name,
    optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
    type: own ? text : text.replace(/ \| undefined$/, ''),
    doc: proseText(ts.displayPartsToString(property.getDocumentationComment(checker))),
  };
  return { doc, refs: own ? typesNamedIn(walk, declaration) : typesNamedBy(walk, type), own };
}

function describe(
  walk: TypeWalk,
  declaration: ts.InterfaceDeclaration | ts.TypeAliasDeclaration,
): { doc: Omit<TypeDoc, 'file'>; refs: ts.Declaration[] } {
  const { checker } = walk;
  const symbol = checker.getSymbolAtLocation(declaration.name)!;
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  const typeParameters = declaration.typeParameters?.map((p) => p.name.text) ?? [];
  const name =
    typeParameters.length === 0
      ? declaration.name.text
      : `${declaration.name.text}<${typeParameters.join(', ')}>`;
  // The declaration's own comment: a file's opening comment is not its first type's.
  const summary = readTsdoc(declaration).summary;
  const properties = checker.getPropertiesOfType(type);
  const objectLike =
    ts.isInterfaceDeclaration(declaration) ||
    ((type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0 &&
      properties.length > 0 &&
      type.getCallSignatures().length === 0);
  if (!objectLike) {
    const definition = `type ${name} = ${oneLine(declaration.type.getText())};`;
    return {
      doc: { name, summary, definition, fields: [] },
      refs: typesNamedIn(walk, declaration.type),
    };
  }
  const fields = properties.map((property) => fieldOf(walk, property));
  // Fields a mapped type makes (Kysely's row types) come in the order the checker met their
  // names, which other code can change: by name, the page stays the same.
  if (fields.some((f) => !f.own)) fields.sort((a, b) => byName(a.doc.name, b.doc.name));
  return {
    doc: { name, summary, definition: undefined, fields: fields.map((f) => f.doc) },
    refs: fields.flatMap((f) => f.refs),
  };
}

/**
 * Every documented type reachable from `roots` through the fields of the types they name,
 * alphabetically: what a caller passes to the store's methods and what they get back.
 *
 * @example
 * const types = collectTypes(walk, methods.flatMap((m) => [...m.parameterNodes, m.returnNode]), root);
 */
export function collectTypes(
  walk: TypeWalk,
  roots: readonly ts.Node[],
  relative: (file: string) => string,
): TypeDoc[] {
  const seen = new Set<ts.Declaration>();
  const queue = roots.flatMap((root) => typesNamedIn(walk, root));
  const docs: TypeDoc[] = [];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    if (!ts.isInterfaceDeclaration(next) && !ts.isTypeAliasDeclaration(next)) continue;
    const { doc, refs } = describe(walk, next);
    docs.push({ ...doc, file: relative(next.getSourceFile().fileName) });
    queue.push(...refs);
  }
  return docs.sort((a, b) => byName(a.name, b.name));
}
