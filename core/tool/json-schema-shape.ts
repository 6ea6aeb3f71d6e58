import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { JsonSchemaObject } from './json-schema.js';

/** One validation problem, in the shape zod uses, so both kinds of schema report alike. */
export interface ShapeIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
}

/** The result of checking a value against a schema. */
export type ShapeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: { readonly issues: readonly ShapeIssue[] } };

/**
 * A tool input or output declared as a raw JSON Schema (2020-12) instead of zod: for schemas you
 * do not own (another MCP server's tools) or that must keep `$defs`. The schema is sent to clients
 * exactly as given and arguments are validated against it with Ajv.
 */
export interface JsonSchemaShape<T = Record<string, unknown>> {
  readonly kind: 'json-schema';
  readonly schema: JsonSchemaObject;
  /**
   * `portable` (the default): clients see the schema in the form every client accepts
   * (`portableSchema`); `as-given`: exactly as written, for a fixture that must show its
   * `$defs` (the conformance suite's JSON Schema scenario). `tools --check` reports what that costs.
   */
  readonly listing: 'portable' | 'as-given';
  safeParse(value: unknown): ShapeParseResult<T>;
}

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;
let sharedAjv: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (!sharedAjv) {
    sharedAjv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(sharedAjv);
  }
  return sharedAjv;
}

function toIssue(error: ErrorObject): ShapeIssue {
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required')
    return {
      path: [...path, String(params['missingProperty'])],
      message: 'required field is missing',
    };
  if (error.keyword === 'additionalProperties') {
    return {
      path,
      message: 'unknown field',
      code: 'unrecognized_keys',
      keys: [String(params['additionalProperty'])],
    };
  }
  if (error.keyword === 'enum') {
    return {
      path,
      message: `expected one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
    };
  }
  return { path, message: error.message ?? `fails ${error.keyword}` };
}

/**
 * Declares a tool's input or output as a raw JSON Schema object.
 *
 * @example
 * defineTool({ name: 'lookup', ..., input: fromJsonSchema({ type: 'object',
 *   properties: { host: { type: 'string' } }, required: ['host'] }), handler: ({ input }) => String(input.host) })
 */
export function fromJsonSchema<T = Record<string, unknown>>(
  schema: Record<string, unknown>,
  options: { readonly listing?: 'portable' | 'as-given' } = {},
): JsonSchemaShape<T> {
  if (schema['type'] !== 'object') {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      'fromJsonSchema needs a schema with type "object" at the top',
    );
  }
  let validate: ValidateFunction | undefined;
  const frozen = Object.freeze({ ...schema }) as JsonSchemaObject;
  return Object.freeze({
    kind: 'json-schema' as const,
    schema: frozen,
    listing: options.listing ?? 'portable',
    safeParse(value: unknown): ShapeParseResult<T> {
      validate ??= compileJsonSchema(frozen);
      if (validate(value)) return { success: true, data: value as T };
      return { success: false, error: { issues: (validate.errors ?? []).map(toIssue) } };
    },
  });
}

/** Compiles a raw schema once, at startup, so a broken one fails there and not on the first call. */
export function compileJsonSchema(schema: JsonSchemaObject, owner = 'a tool'): ValidateFunction {
  try {
    return ajv().compile(schema);
  } catch (error) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${owner} has a JSON Schema Ajv cannot compile: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** True for a {@link JsonSchemaShape}. */
export function isJsonSchemaShape(value: unknown): value is JsonSchemaShape<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'json-schema'
  );
}
