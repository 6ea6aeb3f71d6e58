import {
  allValuesNamed,
  formatInWords,
  inclusiveBounds,
  isNumber,
  typeOf,
} from './portable-forms.js';
import {
  isSchemaNode,
  omitKeywords,
  withNote,
  type NodePlace,
  type SchemaNode,
} from './schema-nodes.js';

/** The clients whose documented schema rules we check against and emit for. */
export const schemaClients = ['copilot-studio', 'openai', 'gemini'] as const;
/** One of {@link schemaClients}. */
export type SchemaClient = (typeof schemaClients)[number];

/** Where a node is being checked or rewritten. */
export interface RuleContext extends NodePlace {
  readonly io: 'input' | 'output';
  /** How the tool declared the schema: zod (closed objects) or raw JSON Schema (as the author wrote it). */
  readonly declared: 'zod' | 'json-schema';
}

/**
 * A construct a client is documented to reject (`error`: the tool or the whole request fails)
 * or to mishandle (`warning`: it works, less well). `find` names what it sees in a node, or
 * returns undefined; `rewrite`, where a portable form exists, returns the node in that form, so
 * the emitter never sends the construct and `find` no longer sees it.
 */
export interface SchemaRule {
  readonly id: string;
  readonly clients: readonly SchemaClient[];
  readonly severity: 'error' | 'warning';
  readonly io?: 'input' | 'output';
  /** Where the rule is written down: the client's documentation or a bug report. */
  readonly source: string;
  find(node: SchemaNode, at: RuleContext): string | undefined;
  rewrite?(node: SchemaNode, at: RuleContext): SchemaNode;
}

const copilotKnownIssues =
  'https://learn.microsoft.com/microsoft-copilot-studio/mcp-troubleshooting#known-issues-and-workarounds';
const geminiSchema = 'https://ai.google.dev/api/caching#Schema';
const openAiStrict = 'https://platform.openai.com/docs/guides/structured-outputs#supported-schemas';
/** The only string formats Gemini accepts (its 400 says so: hideya/langchain-mcp-tools-ts#36). */
const geminiStringFormats = new Set(['enum', 'date-time']);
/**
 * Every rule, one per line of the table's intent: add a client's newly documented limit here
 * and both the emitter and `tools --check` follow it.
 */
export const schemaRules: readonly SchemaRule[] = [
  {
    id: 'dialect-keyword',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/google-gemini/gemini-cli/issues/17235',
    find: (node) => ('$schema' in node ? '"$schema"' : undefined),
    // MCP 2025-11-25: a schema without $schema is JSON Schema 2020-12, which ours are.
    rewrite: (node) => omitKeywords(node, '$schema'),
  },
  {
    id: 'exclusive-bounds',
    clients: ['copilot-studio', 'gemini'],
    severity: 'error',
    source: `${copilotKnownIssues}; https://github.com/firebase/firebase-tools/issues/9237`,
    find: (node) =>
      isNumber(node['exclusiveMinimum']) || isNumber(node['exclusiveMaximum'])
        ? 'numeric "exclusiveMinimum"/"exclusiveMaximum"'
        : undefined,
    rewrite: inclusiveBounds,
  },
  {
    id: 'type-array',
    clients: ['copilot-studio'],
    severity: 'error',
    source: copilotKnownIssues,
    find: (node) =>
      Array.isArray(typeOf(node)) ? `"type": ${JSON.stringify(typeOf(node))}` : undefined,
    rewrite: (node) => {
      const variants = (typeOf(node) as unknown[]).map((type) => ({ type }));
      const rest = omitKeywords(node, 'type');
      if (variants.length === 1) return { ...rest, type: (typeOf(node) as unknown[])[0] };
      const anyOf = Array.isArray(rest['anyOf'])
        ? [...(rest['anyOf'] as unknown[]), ...variants]
        : variants;
      return { ...rest, anyOf };
    },
  },
  {
    id: 'reference',
    clients: ['copilot-studio', 'gemini'],
    severity: 'error',
    source: `${copilotKnownIssues}; https://github.com/agent-infra/sandbox/issues/83`,
    // Local references are inlined before the rules run; what is left refers to itself.
    find: (node) =>
      '$ref' in node
        ? `"$ref": ${JSON.stringify(node['$ref'])} (recursive or not local)`
        : undefined,
  },
  {
    id: 'definitions',
    clients: ['copilot-studio', 'gemini'],
    severity: 'error',
    source: copilotKnownIssues,
    find: (node) =>
      '$defs' in node || 'definitions' in node ? '"$defs"/"definitions"' : undefined,
  },
  {
    id: 'property-names',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/zendev-sh/zenflow/issues/14',
    find: (node) => ('propertyNames' in node ? '"propertyNames"' : undefined),
    rewrite: (node) => {
      const names = node['propertyNames'] as SchemaNode;
      const out = omitKeywords(node, 'propertyNames');
      if (Array.isArray(names['enum'])) return withNote(out, `Keys: ${names['enum'].join(', ')}.`);
      if (typeof names['pattern'] === 'string')
        return withNote(out, `Keys match ${names['pattern']}.`);
      return out;
    },
  },
  {
    id: 'empty-properties',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/langchain-ai/langchain-google/pull/416',
    // Gemini: "properties: should be non-empty for OBJECT type". Not at the root of the input,
    // where OpenAI needs the key (below) and Gemini's clients drop an empty parameter list.
    find: (node, at) => {
      const properties = node['properties'];
      return !(at.isRoot && at.io === 'input') &&
        isSchemaNode(properties) &&
        Object.keys(properties).length === 0
        ? 'an empty "properties"'
        : undefined;
    },
    rewrite: (node) => {
      const required = node['required'];
      const empty = !Array.isArray(required) || required.length === 0;
      return omitKeywords(node, 'properties', ...(empty ? ['required'] : []));
    },
  },
  {
    id: 'root-properties',
    clients: ['openai'],
    severity: 'error',
    io: 'input',
    source: 'https://github.com/openai/openai-agents-python/issues/449',
    // OpenAI: "Invalid schema for function: In context=(), object schema missing properties".
    find: (node, at) =>
      at.isRoot && !isSchemaNode(node['properties']) ? 'an input without "properties"' : undefined,
    rewrite: (node) => ({ ...node, properties: {} }),
  },
  {
    id: 'pattern-properties',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/zendev-sh/goai/pull/108',
    find: (node) => ('patternProperties' in node ? '"patternProperties"' : undefined),
  },
  {
    id: 'string-format',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/hideya/langchain-mcp-tools-ts/issues/36',
    find: (node) =>
      typeof node['format'] === 'string' && !geminiStringFormats.has(node['format'])
        ? `"format": "${node['format']}"`
        : undefined,
    // The pattern zod writes beside the format stays, so the check is not lost, only renamed.
    rewrite: formatInWords,
  },
  {
    id: 'const',
    clients: ['gemini'],
    severity: 'error',
    source: 'https://github.com/zendev-sh/goai/pull/108',
    find: (node) => ('const' in node ? '"const"' : undefined),
    rewrite: (node) => ({ ...omitKeywords(node, 'const'), enum: [node['const']] }),
  },
  {
    id: 'one-of',
    clients: ['gemini'],
    severity: 'error',
    source: geminiSchema,
    find: (node) => ('oneOf' in node ? '"oneOf"' : undefined),
    // The listing may admit a little more than exactly-one; the server still validates the call.
    rewrite: (node) => {
      const rest = omitKeywords(node, 'oneOf');
      const anyOf = [...((rest['anyOf'] as unknown[]) ?? []), ...(node['oneOf'] as unknown[])];
      return { ...rest, anyOf };
    },
  },
  {
    id: 'all-of',
    clients: ['gemini'],
    severity: 'error',
    source: geminiSchema,
    find: (node) => ('allOf' in node ? '"allOf"' : undefined),
  },
  {
    id: 'enum-read-as-string',
    clients: ['copilot-studio'],
    severity: 'warning',
    io: 'input',
    source: copilotKnownIssues,
    find: (node) =>
      Array.isArray(node['enum']) && !allValuesNamed(node, node['enum'])
        ? '"enum" whose values the description does not name'
        : undefined,
    rewrite: (node) => withNote(node, `One of: ${(node['enum'] as unknown[]).join(', ')}.`),
  },
  {
    id: 'root-object',
    clients: ['openai', 'copilot-studio', 'gemini'],
    severity: 'error',
    source: openAiStrict,
    find: (node, at) =>
      at.isRoot &&
      (typeOf(node) !== 'object' || 'anyOf' in node || 'oneOf' in node || 'enum' in node)
        ? 'a root that is not a plain "type": "object"'
        : undefined,
  },
  {
    id: 'parameter-name',
    clients: ['gemini'],
    severity: 'error',
    io: 'input',
    source: 'https://cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/FunctionDeclaration',
    find: (node) => {
      const bad = Object.keys((node['properties'] as SchemaNode | undefined) ?? {}).filter(
        (name) => !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name),
      );
      return bad.length > 0
        ? `property names ${bad.join(', ')} (letters, digits and _ only)`
        : undefined;
    },
  },
  {
    id: 'unstated-additional-properties',
    clients: ['openai'],
    severity: 'warning',
    source: openAiStrict,
    find: (node) =>
      typeOf(node) === 'object' && !('additionalProperties' in node)
        ? 'an object that does not state "additionalProperties"'
        : undefined,
    // A zod input object is closed: the call refuses keys it does not declare, at any depth.
    // Anything else is open, as JSON Schema reads a schema that says nothing.
    rewrite: (node, at) => ({
      ...node,
      additionalProperties: !(at.declared === 'zod' && at.io === 'input'),
    }),
  },
  {
    id: 'open-object',
    clients: ['openai'],
    severity: 'warning',
    io: 'input',
    source: openAiStrict,
    find: (node) =>
      typeOf(node) === 'object' &&
      'additionalProperties' in node &&
      node['additionalProperties'] !== false
        ? 'a map (an object open to any key), which strict mode cannot take'
        : undefined,
  },
];
