import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_simple_text`: one text block (called without an `arguments` key). */
export const simpleTextTool = defineTool({
  name: 'test_simple_text',
  title: 'Simple text',
  description: 'Tests simple text content response',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () => 'This is a simple text response for testing.',
});
