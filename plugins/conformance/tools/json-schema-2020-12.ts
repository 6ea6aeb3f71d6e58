import { defineTool, fromJsonSchema } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

interface Address {
  readonly street?: string;
  readonly city?: string;
}

/**
 * `json_schema_2020_12_tool`: an input schema with `$schema`, `$defs` and a `$ref`, sent verbatim
 * (a zod schema, or a raw one in the default portable listing, would be inlined and lose them;
 * SEP-1613). `tools --check` reports it as one Copilot Studio and Gemini reject.
 */
export const jsonSchema202012Tool = defineTool({
  name: 'json_schema_2020_12_tool',
  title: 'JSON Schema 2020-12',
  description: 'Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)',
  input: fromJsonSchema<{ name?: string; address?: Address }>(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: {
          type: 'object',
          properties: { street: { type: 'string' }, city: { type: 'string' } },
        },
      },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    },
    // The scenario checks that these keywords reach the client; the portable form drops them.
    { listing: 'as-given' },
  ),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: ({ input }) => `JSON Schema 2020-12 tool called with: ${JSON.stringify(input)}`,
});
