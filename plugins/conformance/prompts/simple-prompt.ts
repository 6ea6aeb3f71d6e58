import { definePrompt } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_simple_prompt`: one user message, no arguments. */
export const simplePrompt = definePrompt({
  name: 'test_simple_prompt',
  title: 'Simple Test Prompt',
  description: 'A simple prompt without arguments',
  scopes: [conformanceScope],
  get: () => [
    { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
  ],
});
