import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_elicitation`: asks the user for a username and an email through a form. */
export const elicitationTool = defineTool({
  name: 'test_elicitation',
  title: 'Elicitation',
  description: 'Tests server-initiated elicitation (user input request)',
  input: z.object({ message: z.string().describe('The message to show the user') }),
  scopes: [conformanceScope],
  handler: async ({ input, elicit }) => {
    if (!elicit) throw new ToolError('This client does not support elicitation.');
    const result = await elicit({
      message: input.message,
      requestedSchema: {
        type: 'object',
        properties: {
          username: { type: 'string', description: "User's response" },
          email: { type: 'string', description: "User's email address" },
        },
        required: ['username', 'email'],
      },
    });
    return `User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
  },
});
