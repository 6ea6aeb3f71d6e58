import { definePrompt } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

const arg1Suggestions = ['test', 'test-value', 'testing', 'example'];

/** `test_prompt_with_arguments`: substitutes two required arguments; `arg1` has completions. */
export const promptWithArguments = definePrompt({
  name: 'test_prompt_with_arguments',
  title: 'Prompt With Arguments',
  description: 'A prompt with required arguments',
  arguments: [
    {
      name: 'arg1',
      description: 'First test argument',
      required: true,
      complete: (value) => arg1Suggestions.filter((s) => s.startsWith(value)),
    },
    { name: 'arg2', description: 'Second test argument', required: true },
  ],
  scopes: [conformanceScope],
  get: ({ arguments: args }) => [
    {
      role: 'user',
      content: {
        type: 'text',
        text: `Prompt with arguments: arg1='${args['arg1'] ?? ''}', arg2='${args['arg2'] ?? ''}'`,
      },
    },
  ],
});
