import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_elicitation_sep1034_defaults`: a form whose every field has a default (SEP-1034). */
export const elicitationDefaultsTool = defineTool({
  name: 'test_elicitation_sep1034_defaults',
  title: 'Elicitation with defaults',
  description: 'Tests elicitation with default values per SEP-1034',
  input: z.object({}),
  scopes: [conformanceScope],
  handler: async ({ elicit }) => {
    if (!elicit) throw new ToolError('This client does not support elicitation.');
    const result = await elicit({
      message: 'Please review and update the form fields with defaults',
      requestedSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'User name', default: 'John Doe' },
          age: { type: 'integer', description: 'User age', default: 30 },
          score: { type: 'number', description: 'User score', default: 95.5 },
          status: {
            type: 'string',
            description: 'User status',
            enum: ['active', 'inactive', 'pending'],
            default: 'active',
          },
          verified: { type: 'boolean', description: 'Verification status', default: true },
        },
        required: [],
      },
    });
    return `Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
  },
});
