/** One node of a JSON Schema: an object of keywords (boolean schemas are left as they are). */
export type SchemaNode = Record<string, unknown>;

/** Keywords whose value is a map of names to subschemas. */
const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is a list of subschemas. */
const schemaLists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
/** Keywords whose value is one subschema. */
const schemaValues = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
];

/** True for a schema node (a plain object), false for `true`/`false` schemas and other values. */
export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where a node sits in its document: a readable path (`ticket.notes[].author`) for messages and
 * whether it is the root or a property's own schema.
 */
export interface NodePlace {
  readonly path: string;
  readonly isRoot: boolean;
  /** The property name when the node is a value of `properties`. */
  readonly property?: string;
}

function childPlace(parent: NodePlace, keyword: string, name?: string): NodePlace {
  const base = parent.path;
  if (keyword === 'properties' && name !== undefined) {
    return { path: base ? `${base}.${name}` : name, isRoot: false, property: name };
  }
  if (keyword === 'items' || keyword === 'prefixItems') return { path: `${base}[]`, isRoot: false };
  if (keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf')
    return { path: base, isRoot: false };
  const suffix = name === undefined ? keyword : `${keyword}.${name}`;
  return { path: base ? `${base}/${suffix}` : suffix, isRoot: false };
}

/**
 * Rebuilds a schema bottom-up: every subschema is mapped first, then `visit` sees its parent
 * with the mapped children in place. Nothing is changed in place.
 *
 * @example
 * mapSchema(schema, (node) => { const { $comment: _, ...rest } = node; return rest; });
 */
export function mapSchema(
  root: SchemaNode,
  visit: (node: SchemaNode, place: NodePlace) => SchemaNode,
): SchemaNode {
  const walk = (node: SchemaNode, place: NodePlace): SchemaNode => {
    const out: SchemaNode = { ...node };
    for (const keyword of schemaMaps) {
      const map = node[keyword];
      if (!isSchemaNode(map)) continue;
      out[keyword] = Object.fromEntries(
        Object.entries(map).map(([name, child]) => [
          name,
          isSchemaNode(child) ? walk(child, childPlace(place, keyword, name)) : child,
        ]),
      );
    }
    for (const keyword of schemaLists) {
      const list = node[keyword];
      if (!Array.isArray(list)) continue;
      out[keyword] = (list as unknown[]).map((child) =>
        isSchemaNode(child) ? walk(child, childPlace(place, keyword)) : child,
      );
    }
    for (const keyword of schemaValues) {
      const child = node[keyword];
      if (isSchemaNode(child)) out[keyword] = walk(child, childPlace(place, keyword));
    }
    return visit(out, place);
  };
  return walk(root, { path: '', isRoot: true });
}

/**
 * Calls `visit` on every node of a schema, parents before children.
 *
 * @example
 * eachSchemaNode(schema, (node, place) => { if ('$ref' in node) found.push(place.path); });
 */
export function eachSchemaNode(
  root: SchemaNode,
  visit: (node: SchemaNode, place: NodePlace) => void,
): void {
  const walk = (node: SchemaNode, place: NodePlace): void => {
    visit(node, place);
    for (const keyword of schemaMaps) {
      const map = node[keyword];
      if (!isSchemaNode(map)) continue;
      for (const [name, child] of Object.entries(map))
        if (isSchemaNode(child)) walk(child, childPlace(place, keyword, name));
    }
    for (const keyword of schemaLists) {
      const list = node[keyword];
      if (Array.isArray(list))
        for (const child of list) if (isSchemaNode(child)) walk(child, childPlace(place, keyword));
    }
    for (const keyword of schemaValues) {
      const child = node[keyword];
      if (isSchemaNode(child)) walk(child, childPlace(place, keyword));
    }
  };
  walk(root, { path: '', isRoot: true });
}

/** `node` without `keys`. */
export function omitKeywords(node: SchemaNode, ...keys: readonly string[]): SchemaNode {
  const out = { ...node };
  for (const key of keys) delete out[key];
  return out;
}

/**
 * Adds `note` to the node's description, once, so a constraint a client cannot read as a
 * keyword still reaches the model as words.
 */
export function withNote(node: SchemaNode, note: string): SchemaNode {
  const description = typeof node['description'] === 'string' ? node['description'].trim() : '';
  if (description.includes(note)) return node;
  const joined = description === '' ? note : `${description.replace(/[.]?$/, '.')} ${note}`;
  return { ...node, description: joined };
}
