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
import { clientAsks } from './handler-context.js';
import { startRound } from './modern/call-round.js';
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
  // A prompt may ask the client too (MRTR): its round is bound to `prompt:<name>`, never a tool.
  const opening = startRound(
    { ...params, name: `prompt:${params.name}` },
    { extra, scope, principal },
  );
  const round = opening instanceof Promise ? await opening : opening;
  const rendering = Promise.resolve(
    entry.definition.get({ arguments: args, principal, ...clientAsks(extra, scope, round.ledger) }),
  );
  const messages = await (round.ledger
    ? Promise.race([rendering, round.ledger.required.then(() => undefined)])
    : rendering);
  if (messages === undefined) return (await round.inputRequired()) as GetPromptResult;
  return {
    ...(entry.definition.description !== undefined && {
      description: entry.definition.description,
    }),
    messages,
  };
}
