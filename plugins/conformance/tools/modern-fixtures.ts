import { z } from 'zod';
import { ClientCapabilityRequired, defineTool, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/**
 * `test_missing_capability`: needs sampling; a client that did not declare it is refused with
 * the revision's -32021 (2026-07-28) naming `sampling`, never served without it.
 */
export const missingCapabilityTool = defineTool({
  name: 'test_missing_capability',
  title: 'Needs sampling',
  description: 'Tests that a tool needing an undeclared client capability is refused with -32021',
  input: z.object({}),
  scopes: [conformanceScope],
  handler: async ({ sample }) => {
    if (!sample)
      throw new ClientCapabilityRequired(
        { sampling: {} },
        'test_missing_capability needs sampling: declare the sampling capability and call again',
      );
    const result = await sample({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hello.' } }],
      maxTokens: 20,
    });
    return result.content.type === 'text' ? result.content.text : `[${result.content.type}]`;
  },
});

/** `test_logging_tool`: log lines during the call, sent only at the level the request asks for. */
export const loggingTool = defineTool({
  name: 'test_logging_tool',
  title: 'Logs while it works',
  description: 'Tests that log notifications follow the per-request log level',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: ({ log }) => {
    log.info('Tool execution started');
    log.info('Tool execution completed');
    return 'Logging tool executed';
  },
});

/** `test_streaming_elicitation`: asks one question; 2026-07-28 answers it through MRTR, never on the stream. */
export const streamingElicitationTool = defineTool({
  name: 'test_streaming_elicitation',
  title: 'Asks while streaming',
  description:
    'Tests that a question to the user is asked through the result, not the response stream',
  input: z.object({}),
  scopes: [conformanceScope],
  handler: async ({ elicit, progress }) => {
    if (!elicit) throw new ToolError('This client does not support elicitation.');
    await progress(0, 1, 'asking');
    const answer = await elicit({
      message: 'What is your name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string', title: 'Name' } },
        required: ['name'],
      },
    });
    return `${answer.action}: ${JSON.stringify(answer.content ?? {})}`;
  },
});
