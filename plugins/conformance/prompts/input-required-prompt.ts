import { definePrompt, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_input_required_result_prompt`: asks the user for context (MRTR on `prompts/get`), then renders. */
export const inputRequiredPrompt = definePrompt({
  name: 'test_input_required_result_prompt',
  title: 'Prompt that asks first',
  description: 'Asks the user what context to use, then renders one message with it',
  scopes: [conformanceScope],
  get: async ({ elicit }) => {
    if (!elicit) throw new ToolError('This client does not support elicitation.');
    const answer = await elicit(
      {
        message: 'What context should the prompt use?',
        requestedSchema: {
          type: 'object',
          properties: { context: { type: 'string' } },
          required: ['context'],
        },
      },
      { key: 'user_context' },
    );
    const context = String(answer.content?.['context'] ?? '');
    return [{ role: 'user', content: { type: 'text', text: `Use this context: ${context}` } }];
  },
});
