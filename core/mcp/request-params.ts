import { ClientRequestSchema, type McpError } from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';

/** What is read here of an issue of the SDK's (zod 4) request schemas. */
interface Issue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly errors?: readonly (readonly Issue[])[];
}

interface RequestSchema {
  safeParse(
    value: unknown,
  ): { readonly success: true } | { readonly success: false; readonly error: { issues: Issue[] } };
}

/**
 * The SDK's schema of each request a client may send. Tasks are left out: this server runs none,
 * so those methods stay unknown (-32601) whatever their params.
 */
const schemas: ReadonlyMap<string, RequestSchema> = new Map(
  ClientRequestSchema.options
    .map((schema) => [schema.shape.method.value as string, schema as RequestSchema] as const)
    .filter(([method]) => !method.startsWith('tasks/')),
);

/** At most this many fields are named, so the message stays short. */
const shownFields = 5;

const kinds: Readonly<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
};

interface Findings {
  readonly missing: Set<string>;
  readonly wrong: Set<string>;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path)
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<PropertyKey, unknown>)[key]
        : undefined;
  return current;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? String(values[0]) : `one of ${values.map(String).join(', ')}`;
}

/**
 * A union (a completion's `ref`) fails as a whole; name what is wrong in the one form whose
 * discriminator fits, or the discriminator when none does.
 */
function describeUnion(
  issue: Issue,
  context: { request: unknown; path: readonly PropertyKey[] },
  into: Findings,
): void {
  const options = issue.errors ?? [];
  const mismatch = (errors: readonly Issue[]) =>
    errors.find((e) => e.code === 'invalid_value' && e.path.length === 1);
  const fitting = options.filter((errors) => mismatch(errors) === undefined);
  if (fitting.length === 1) return collect(fitting[0]!, context, into);
  const keys = options.map(mismatch);
  const key = keys[0]?.path[0];
  if (fitting.length === 0 && key !== undefined && keys.every((k) => k?.path[0] === key)) {
    into.wrong.add(
      `${fieldName([...context.path, key])} must be ${oneOf(keys.flatMap((k) => k?.values ?? []))}`,
    );
    return;
  }
  into.wrong.add(`${fieldName(context.path)} matches none of the forms it may take`);
}

function collect(
  issues: readonly Issue[],
  context: { request: unknown; path: readonly PropertyKey[] },
  into: Findings,
): void {
  for (const issue of issues) {
    const path = [...context.path, ...issue.path];
    const name = fieldName(path);
    if (valueAt(context.request, path) === undefined) into.missing.add(name);
    else if (issue.code === 'invalid_union')
      describeUnion(issue, { request: context.request, path }, into);
    else if (issue.code === 'invalid_value')
      into.wrong.add(`${name} must be ${oneOf(issue.values ?? [])}`);
    else if (issue.code === 'invalid_type')
      into.wrong.add(`${name} must be ${kinds[issue.expected ?? ''] ?? issue.expected}`);
    else into.wrong.add(`${name}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
}

function andList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function describe(method: string, findings: Findings): string {
  const missing = [...findings.missing].slice(0, shownFields);
  const wrong = [...findings.wrong].slice(0, shownFields - missing.length);
  if (missing.length === 0) return `${method}: ${wrong.join('; ')}`;
  return [`${method} needs ${andList(missing)}`, ...wrong].join('; ');
}

/**
 * Checks a request's params against the SDK's schema for its method before the server sees the
 * request, so malformed params get -32602 (`MCP_INVALID_PARAMS`) with a short message naming the
 * fields — "completion/complete needs params.ref and params.argument" — instead of the SDK's
 * -32603 carrying a raw zod dump. Undefined when the params fit, or for a method the SDK does not
 * define (the server answers those: -32601).
 *
 * @example
 * const refusal = paramsRefusal({ method: 'logging/setLevel', params: { level: 'verbose' } });
 * // refusal.code === -32602: "logging/setLevel: params.level must be one of debug, info, …"
 */
export function paramsRefusal(request: {
  readonly method: string;
  readonly params?: unknown;
}): McpError | undefined {
  const schema = schemas.get(request.method);
  if (schema === undefined || schema.safeParse(request).success) return undefined;
  // With no params at all, zod names only `params`; checking an empty object names its fields.
  const probe = request.params === undefined ? { ...request, params: {} } : request;
  const checked = schema.safeParse(probe);
  const findings: Findings = { missing: new Set(), wrong: new Set() };
  if (checked.success) findings.missing.add('params');
  else collect(checked.error.issues, { request: probe, path: [] }, findings);
  return protocolError('MCP_INVALID_PARAMS', describe(request.method, findings));
}
