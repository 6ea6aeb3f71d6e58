import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginScopes } from '../plugin/plugin-scopes.js';
import type { AnyToolDefinition } from './define-tool.js';
import { toolJsonSchema, type JsonSchemaObject } from './json-schema.js';
import { compileJsonSchema, isJsonSchemaShape, type JsonSchemaShape } from './json-schema-shape.js';
import { portableSchema } from './portable-schema.js';
import { toolUiMeta } from '../view/tool-ui.js';
import type { z } from 'zod';

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A tool checked at startup, with its wire listing built once. */
export interface CompiledTool {
  readonly definition: AnyToolDefinition;
  readonly pluginId: string;
  /** Exactly what `tools/list` sends for this tool. */
  readonly listing: Tool;
}

/**
 * Checks a tool's name and scopes and builds its listing. `scopes` are the scopes its plugin may
 * use (its own and those of the plugins it requires), with the advice for any other.
 */
export function compileTool(
  tool: AnyToolDefinition,
  pluginId: string,
  scopes: PluginScopes,
): CompiledTool {
  const owner = `tool "${tool.name}" of plugin "${pluginId}"`;
  if (!toolNamePattern.test(tool.name)) {
    throw new ServiceDeskError(
      'TOOL_INVALID_NAME',
      `${owner}: tool names must match /^[A-Za-z0-9_-]{1,64}$/ (use snake_case, at most 64 characters) so every client accepts them`,
    );
  }
  if (
    typeof tool.description !== 'string' ||
    tool.description.trim() === '' ||
    typeof tool.handler !== 'function'
  ) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${owner} needs a description and a handler`,
    );
  }
  for (const scope of tool.scopes) {
    if (!scopes.has(scope)) {
      throw new ServiceDeskError(
        'SCOPE_UNDEFINED',
        `${owner} requires scope "${scope}", which ${scopes.missing(scope)}`,
      );
    }
  }
  const listing: Tool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: listedSchema(tool.input, { owner, io: 'input' }),
    ...(tool.output ? { outputSchema: listedSchema(tool.output, { owner, io: 'output' }) } : {}),
    annotations: { title: tool.title, ...tool.annotations },
    ...(tool.ui && { _meta: toolUiMeta(tool.ui, owner) }),
  };
  return Object.freeze({
    definition: tool,
    pluginId,
    listing: Object.freeze(listing),
  });
}

/**
 * Zod schemas are converted, inlined and made portable; their objects are listed closed, as the
 * call refuses keys they do not declare. Raw JSON Schemas are compiled (to fail now) and listed
 * in portable form unless they ask to be sent as given.
 */
function listedSchema(
  shape: z.ZodType | JsonSchemaShape<unknown>,
  options: { owner: string; io: 'input' | 'output' },
): JsonSchemaObject {
  if (isJsonSchemaShape(shape)) {
    compileJsonSchema(shape.schema, options.owner);
    if (shape.listing === 'as-given') return shape.schema;
    return portableSchema(shape.schema, { io: options.io, declared: 'json-schema' });
  }
  return toolJsonSchema(shape, options);
}
