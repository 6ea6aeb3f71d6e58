import { z } from 'zod';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { portableSchema } from './portable-schema.js';
import { eachSchemaNode, type SchemaNode } from './schema-nodes.js';

/** A JSON Schema object as sent in `inputSchema` / `outputSchema`. */
export type JsonSchemaObject = { type: 'object'; [key: string]: unknown };

function hasReference(schema: SchemaNode): boolean {
  let found = false;
  eachSchemaNode(schema, (node) => {
    found ||= '$ref' in node || '$defs' in node;
  });
  return found;
}

/**
 * Converts a zod 4 object schema to the JSON Schema 2020-12 document clients see, once, at
 * startup: inlined, and in the portable form of `portableSchema` (no `$ref`, `$defs`, type
 * arrays, exclusive bounds…). Recursive schemas cannot be inlined and are refused.
 *
 * @example
 * toolJsonSchema(z.object({ id: z.number() }), { owner: 'tool "get_ticket"', io: 'input' })
 */
export function toolJsonSchema(
  schema: z.ZodType,
  options: { owner: string; io: 'input' | 'output' },
): JsonSchemaObject {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: options.io,
      reused: 'inline',
      cycles: 'throw',
      unrepresentable: 'throw',
    });
  } catch (error) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${options.owner} has an ${options.io} schema that cannot be expressed as inline JSON Schema ` +
        `(${(error as Error).message}); use plain objects, arrays, strings, numbers, booleans and enums`,
      { cause: error },
    );
  }
  if (json['type'] !== 'object' || hasReference(json)) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${options.owner} must have a z.object(...) ${options.io} schema without shared or recursive parts`,
    );
  }
  return portableSchema(json, { io: options.io, declared: 'zod' });
}
