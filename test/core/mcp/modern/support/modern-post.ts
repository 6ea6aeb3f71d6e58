import { metaKeys, postModern } from '../../../../helpers/modern-request.js';

/** What a raw 2026-07-28 POST gave back: the HTTP status and the one JSON-RPC message. */
export interface ModernAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read any shape
  readonly body: any;
}

/**
 * Sends one 2026-07-28 request with a bearer token and `capabilities` as the client's declared
 * capabilities, and reads its one JSON answer.
 *
 * @example
 * const { body } = await modernPost(url, token, { method: 'tools/call', params: { name: 'x', arguments: {} } });
 */
export async function modernPost(
  url: string,
  token: string,
  request: {
    readonly method: string;
    readonly params: Record<string, unknown>;
    readonly capabilities?: Record<string, unknown>;
    readonly id?: number;
  },
): Promise<ModernAnswer> {
  const response = await postModern(url, {
    method: request.method,
    params: request.params,
    ...(request.id !== undefined && { id: request.id }),
    meta: { [metaKeys.clientCapabilities]: request.capabilities ?? {} },
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}
