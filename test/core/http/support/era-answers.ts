import { expect } from 'vitest';
import {
  initializeBody,
  messagesOf,
  postRpc,
  type RpcMessage,
} from '../../mcp/support/raw-http.js';

/**
 * The one JSON-RPC message of a plain JSON reply, after checking status 200 and the request's id.
 *
 * @example
 * const { result } = await resultOf(await postModern(url, { id: 'd', method: 'server/discover' }), 'd');
 */
export async function resultOf(response: Response, id: string | number): Promise<RpcMessage> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  const messages = await messagesOf(response);
  expect(messages).toHaveLength(1);
  const message = messages[0] as RpcMessage;
  expect(message.id).toBe(id);
  return message;
}

/**
 * Starts a 2025-11-25 exchange on `url` as a raw client would (initialize, then initialized) and
 * returns the headers its later requests carry (the session id on a stateful collection).
 *
 * @example
 * const headers = await legacyHeaders(url);
 * await postRpc(url, callBody(2, 'echo', { text: 'hi' }), { headers });
 */
export async function legacyHeaders(url: string): Promise<Record<string, string>> {
  const response = await postRpc(url, initializeBody('init'));
  const [answer] = await messagesOf(response);
  expect(response.status).toBe(200);
  expect(answer?.result?.['protocolVersion']).toBe('2025-11-25');
  const session = response.headers.get('mcp-session-id');
  const headers: Record<string, string> = { 'mcp-protocol-version': '2025-11-25' };
  if (session !== null) headers['mcp-session-id'] = session;
  const initialized = await postRpc(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { headers },
  );
  expect(initialized.status).toBe(202);
  return headers;
}
