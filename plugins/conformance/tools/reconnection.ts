import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/**
 * `test_reconnection` (SEP-1699): ends the event stream carrying the call before answering, so
 * the client must reconnect with `Last-Event-ID` to receive the result.
 */
export const reconnectionTool = defineTool({
  name: 'test_reconnection',
  title: 'Reconnection',
  description:
    'Tests SSE resumability: closes the stream mid-call and answers after the client reconnects',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: async ({ closeStream, signal }) => {
    const closed = closeStream?.() ?? false;
    // Long enough for the answer to come after the stream closed, short for the suite.
    await sleep(200, undefined, { signal });
    return closed
      ? 'Reconnection test completed: the result came after the stream was closed.'
      : 'Reconnection test completed without closing the stream (no resumable stream here).';
  },
});
