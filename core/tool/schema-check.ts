import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { eachSchemaNode, isSchemaNode } from './schema-nodes.js';
import { schemaRules, type SchemaClient } from './schema-rules.js';

/** One construct in a listed tool that a client is documented to reject or mishandle. */
export interface SchemaFinding {
  readonly tool: string;
  readonly client: SchemaClient;
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  /** `input` or `output`, then the path in the schema (`input ticket.notes[]`). */
  readonly where: string;
  readonly construct: string;
  readonly source: string;
}

/** Tool names every client accepts: Gemini's function names start with a letter or `_`. */
const portableToolName = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
/** OpenAI refuses a longer function description with a 400 (`string_above_max_length`). */
export const maxToolDescriptionLength = 1024;

/**
 * What each of `clients` would reject or mishandle in a tool as it is listed (after the portable
 * emitter ran), one finding per rule, place and client.
 *
 * @example
 * checkListedTool(listing, ['copilot-studio']).filter((f) => f.severity === 'error'); // []
 */
export function checkListedTool(
  listing: Pick<Tool, 'name' | 'description' | 'inputSchema' | 'outputSchema'>,
  clients: readonly SchemaClient[],
): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const wanted = new Set(clients);
  if (wanted.has('gemini') && !portableToolName.test(listing.name)) {
    findings.push({
      tool: listing.name,
      client: 'gemini',
      severity: 'error',
      rule: 'function-name',
      where: 'name',
      construct: `the name "${listing.name}" (must start with a letter or _)`,
      source: 'https://cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/FunctionDeclaration',
    });
  }
  const length = listing.description?.length ?? 0;
  if (wanted.has('openai') && length > maxToolDescriptionLength) {
    findings.push({
      tool: listing.name,
      client: 'openai',
      severity: 'error',
      rule: 'description-length',
      where: 'description',
      construct: `a description of ${length} characters (at most ${maxToolDescriptionLength})`,
      source: 'https://github.com/getsentry/sentry-mcp/issues/106',
    });
  }
  const sides = [
    ['input', listing.inputSchema],
    ['output', listing.outputSchema],
  ] as const;
  for (const [io, schema] of sides) {
    if (!isSchemaNode(schema)) continue;
    eachSchemaNode(schema, (node, place) => {
      for (const rule of schemaRules) {
        if (rule.io !== undefined && rule.io !== io) continue;
        // The rules read the listing as a client does: how it was declared no longer matters.
        const construct = rule.find(node, { ...place, io, declared: 'json-schema' });
        if (construct === undefined) continue;
        for (const client of rule.clients) {
          if (!wanted.has(client)) continue;
          findings.push({
            tool: listing.name,
            client,
            severity: rule.severity,
            rule: rule.id,
            where: place.path ? `${io} ${place.path}` : io,
            construct,
            source: rule.source,
          });
        }
      }
    });
  }
  return findings;
}
