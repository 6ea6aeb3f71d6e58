import { z } from 'zod';
import { ServiceDeskError } from '../errors/servicedesk-error.js';

/** A JSON Schema object as sent in `inputSchema` / `outputSchema`. */
export type JsonSchemaObject = { type: 'object'; [key: string]: unknown };

/**
 * Copilot Studio and several other clients reject `type: [..]` arrays; rewrite each into an
 * `anyOf` of single types, keeping the other keywords on the parent.
 */
function splitTypeArrays(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(splitTypeArrays);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = splitTypeArrays(value);
  const type = out['type'];
  if (Array.isArray(type)) {
    delete out['type'];
    const variants = type.map((t: unknown) => ({ type: t }));
    out['anyOf'] = Array.isArray(out['anyOf'])
      ? [...(out['anyOf'] as unknown[]), ...variants]
      : variants;
  }
  return out;
}

function containsRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsRef);
  if (typeof node !== 'object' || node === null) return false;
  return Object.entries(node).some(([key, value]) => key === '$ref' || containsRef(value));
}

/**
 * Converts a zod 4 object schema to an inlined JSON Schema 2020-12 document once, at startup:
 * no `$ref`, no `$defs`, no type arrays. Recursive schemas cannot be inlined and are refused.
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
  const cleaned = splitTypeArrays(json) as Record<string, unknown>;
  if (cleaned['type'] !== 'object' || containsRef(cleaned) || '$defs' in cleaned) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${options.owner} must have a z.object(...) ${options.io} schema without shared or recursive parts`,
    );
  }
  return Object.freeze(cleaned) as JsonSchemaObject;
}
