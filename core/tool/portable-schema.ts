import type { JsonSchemaObject } from './json-schema.js';
import { isSchemaNode, mapSchema, omitKeywords, type SchemaNode } from './schema-nodes.js';
import { schemaRules, type RuleContext } from './schema-rules.js';

/** How a schema is being emitted: which side of the tool, and how it was declared. */
export interface EmitOptions {
  readonly io: 'input' | 'output';
  readonly declared: 'zod' | 'json-schema';
}

/** Nodes an inlining may create before it gives up: shared definitions can multiply. */
const maxInlinedNodes = 10_000;

function localTarget(root: SchemaNode, ref: string): SchemaNode | undefined {
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (!match) return undefined;
  const name = decodeURIComponent(match[2] as string)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  const defs = root[match[1] as string];
  const target = isSchemaNode(defs) ? defs[name] : undefined;
  return isSchemaNode(target) ? target : undefined;
}

/**
 * Replaces each local `$ref` (`#/$defs/x`, `#/definitions/x`) with a copy of its target, and
 * drops the definitions once nothing refers to them. A reference to itself (a recursive
 * schema) or to anything else stays, and the check reports it.
 */
function inlineLocalReferences(root: SchemaNode): SchemaNode {
  let created = 0;
  let unresolved = false;
  const expand = (value: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => expand(item, stack));
    if (!isSchemaNode(value)) return value;
    if (++created > maxInlinedNodes) throw new RangeError('inlining grows too large');
    const ref = value['$ref'];
    if (typeof ref === 'string') {
      const target = localTarget(root, ref);
      if (target && !stack.includes(ref)) {
        const siblings = omitKeywords(value, '$ref');
        return expand({ ...target, ...siblings }, [...stack, ref]);
      }
      unresolved = true;
    }
    const out: SchemaNode = {};
    for (const [key, child] of Object.entries(value)) {
      const literal =
        key === '$defs' ||
        key === 'definitions' ||
        key === 'enum' ||
        key === 'const' ||
        key === 'default' ||
        key === 'examples';
      out[key] = literal ? child : expand(child, stack);
    }
    return out;
  };
  try {
    const out = expand(root, []) as SchemaNode;
    return unresolved ? out : omitKeywords(out, '$defs', 'definitions');
  } catch (error) {
    if (error instanceof RangeError) return root;
    throw error;
  }
}

/**
 * zod bounds every `.int()` to the safe-integer range; that says nothing a JSON integer does not
 * and costs every client tokens.
 */
function withoutSafeIntegerBounds(node: SchemaNode): SchemaNode {
  let out = node;
  if (out['minimum'] === Number.MIN_SAFE_INTEGER) out = omitKeywords(out, 'minimum');
  if (out['maximum'] === Number.MAX_SAFE_INTEGER) out = omitKeywords(out, 'maximum');
  return out;
}

/**
 * `additionalProperties: {}` (zod's `z.unknown()` values) constrains nothing; `true` says so
 * plainly, and the MCP Inspector's `--strict` flags the empty schema.
 */
function withPlainOpenObject(node: SchemaNode): SchemaNode {
  const extra = node['additionalProperties'];
  return isSchemaNode(extra) && Object.keys(extra).length === 0
    ? { ...node, additionalProperties: true }
    : node;
}

/** `anyOf` with one branch is that branch, merged into the node. */
function withoutSingleAnyOf(node: SchemaNode): SchemaNode {
  const anyOf = node['anyOf'];
  if (!Array.isArray(anyOf) || anyOf.length !== 1 || !isSchemaNode(anyOf[0])) return node;
  return { ...anyOf[0], ...omitKeywords(node, 'anyOf') };
}

/**
 * The schema a client sees: every rule of `schemaRules` that has a portable form is applied to
 * every node, so nothing Copilot Studio, OpenAI or Gemini is documented to reject is sent.
 * Server-side validation keeps the tool's own schema; this is only what is listed.
 *
 * @example
 * portableSchema({ type: 'object', properties: { id: { type: 'integer', exclusiveMinimum: 0 } } },
 *   { io: 'input', declared: 'zod' });
 * // { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, additionalProperties: false }
 */
export function portableSchema(schema: SchemaNode, options: EmitOptions): JsonSchemaObject {
  const inlined = inlineLocalReferences(schema);
  const emitted = mapSchema(inlined, (node, place) => {
    const at: RuleContext = { ...place, ...options };
    let out = withPlainOpenObject(withoutSingleAnyOf(withoutSafeIntegerBounds(node)));
    for (const rule of schemaRules) {
      if (!rule.rewrite || (rule.io !== undefined && rule.io !== options.io)) continue;
      if (rule.find(out, at) !== undefined) out = rule.rewrite(out, at);
    }
    return out;
  });
  return Object.freeze(emitted) as JsonSchemaObject;
}
