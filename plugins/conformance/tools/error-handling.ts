import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_error_handling`: always fails as a tool result (`isError`), never a protocol error. */
export const errorHandlingTool = defineTool({
  name: 'test_error_handling',
  title: 'Error handling',
  description: 'Tests error response handling',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () => {
    throw new ToolError('This tool intentionally returns an error for testing');
  },
});
