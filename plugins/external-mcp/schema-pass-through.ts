import { fromJsonSchema, type JsonSchemaShape } from '../../core/index.js';

/**
 * A remote tool's input or output schema as ours: the same JSON Schema, sent on and validated
 * with Ajv. Its `$schema` is dropped — MCP servers often declare draft-07, which our 2020-12
 * validator does not load, and the keywords tools use mean the same in both. Returns why not
 * when the schema cannot be used (not an object schema, or one Ajv cannot compile).
 *
 * @example
 * const shape = passThroughSchema({ type: 'object', properties: { a: { type: 'number' } } });
 * if (typeof shape !== 'string') shape.safeParse({ a: 1 }).success; // true
 */
export function passThroughSchema(schema: unknown): JsonSchemaShape | string {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return 'its schema is not a JSON object';
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  if (rest['type'] !== 'object') return 'its schema is not of type "object"';
  try {
    const shape = fromJsonSchema(rest);
    // Compiled now, so a schema Ajv rejects skips this tool instead of failing its first call.
    shape.safeParse({});
    return shape;
  } catch (error) {
    return `its schema cannot be compiled (${(error as Error).message})`;
  }
}
