import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CompleteRequest,
  type CompleteResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../errors/protocol-error.js';
import { permits } from '../collection/collection-registry.js';
import type { Completer } from '../resource/define-resource.js';
import type { CallScope } from './call-tool.js';
import { principalOf } from './request-principal.js';

const maxValues = 100;

function findCompleter(
  params: CompleteRequest['params'],
  scope: CallScope,
  scopes: ReadonlySet<string>,
): Completer | undefined {
  const ref = params.ref;
  if (ref.type === 'ref/prompt') {
    const entry = scope.registry.prompts.get(ref.name);
    if (!entry || !permits(scopes, entry.definition.scopes)) {
      throw protocolError('PROMPT_NOT_FOUND', `Prompt ${ref.name} not found`);
    }
    return entry.definition.arguments?.find((a) => a.name === params.argument.name)?.complete;
  }
  const template = scope.registry.templates.find((t) => t.definition.uriTemplate === ref.uri);
  if (!template || !permits(scopes, template.definition.scopes)) {
    throw protocolError('RESOURCE_TEMPLATE_NOT_FOUND', `Resource template ${ref.uri} not found`, {
      uriTemplate: ref.uri,
    });
  }
  return template.definition.complete?.[params.argument.name];
}

/** Answers `completion/complete` for prompt arguments and template variables. */
export async function complete(
  params: CompleteRequest['params'],
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  scope: CallScope,
): Promise<CompleteResult> {
  const principal = principalOf(extra);
  const completer = findCompleter(params, scope, principal.scopes);
  if (!completer) return { completion: { values: [], total: 0, hasMore: false } };
  const values = await completer(params.argument.value, {
    arguments: params.context?.arguments ?? {},
    principal,
  });
  return {
    completion: {
      values: values.slice(0, maxValues),
      total: values.length,
      hasMore: values.length > maxValues,
    },
  };
}
