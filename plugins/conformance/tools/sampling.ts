import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_sampling`: asks the client's model to complete the prompt and returns its answer. */
export const samplingTool = defineTool({
  name: 'test_sampling',
  title: 'Sampling',
  description: 'Tests server-initiated sampling (LLM completion request)',
  input: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
  scopes: [conformanceScope],
  handler: async ({ input, sample }) => {
    if (!sample) throw new ToolError('This client does not support sampling.');
    const result = await sample({
      messages: [{ role: 'user', content: { type: 'text', text: input.prompt } }],
      maxTokens: 100,
    });
    const text = result.content.type === 'text' ? result.content.text : `[${result.content.type}]`;
    return `LLM response: ${text}`;
  },
});
