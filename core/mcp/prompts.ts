import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type GetPromptRequest,
  type GetPromptResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';
import { permits } from '../collection/collection-registry.js';
import type { CallScope } from './call-tool.js';
import { principalOf } from './request-principal.js';

/** Renders a prompt the caller may use, after checking its required arguments. */
export async function getPrompt(
  params: GetPromptRequest['params'],
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  scope: CallScope,
): Promise<GetPromptResult> {
  const principal = principalOf(extra);
  const entry = scope.registry.prompts.get(params.name);
  if (!entry || !permits(principal.scopes, entry.definition.scopes)) {
    throw protocolError(
      'PROMPT_NOT_FOUND',
      `Prompt ${params.name} not found; call prompts/list to see the prompts you can use`,
    );
  }
  const args = params.arguments ?? {};
  const missing = (entry.definition.arguments ?? []).filter(
    (a) => a.required === true && (args[a.name] ?? '') === '',
  );
  if (missing.length > 0) {
    throw protocolError(
      'PROMPT_INVALID_ARGUMENTS',
      `Prompt ${params.name} needs argument(s): ${missing.map((a) => a.name).join(', ')}`,
      { missing: missing.map((a) => a.name) },
    );
  }
  const messages = await entry.definition.get({ arguments: args, principal });
  return {
    ...(entry.definition.description !== undefined && {
      description: entry.definition.description,
    }),
    messages,
  };
}
