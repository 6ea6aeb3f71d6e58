import { z } from 'zod';
import { defineTool } from '../../../core/index.js';

/** `ping`: the cheapest round trip, for checking a connection (and the benchmark's trivial tool). */
export const pingTool = defineTool({
  name: 'ping',
  title: 'Ping the service desk',
  description:
    'Checks that the service desk server is reachable. Returns the message you send (or "pong") and the server time. ' +
    'Use it only to test the connection; it changes nothing.',
  input: z.object({
    message: z.string().max(200).optional().describe('Text to echo back; "pong" when omitted'),
  }),
  output: z.object({
    message: z.string(),
    serverTime: z.string().describe('ISO 8601 time on the server'),
  }),
  scopes: ['diagnostics:read'],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  summarize: (out) => `${out.message} (server time ${out.serverTime})`,
  handler: ({ input }) => ({
    message: input.message ?? 'pong',
    serverTime: new Date().toISOString(),
  }),
});
