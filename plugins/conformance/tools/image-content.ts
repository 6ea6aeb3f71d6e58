import { z } from 'zod';
import { defineTool, toolResult } from '../../../core/index.js';
import { testImagePng } from '../media.js';
import { conformanceScope } from '../scope.js';

/** `test_image_content`: one PNG image block. */
export const imageContentTool = defineTool({
  name: 'test_image_content',
  title: 'Image content',
  description: 'Tests image content response',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () =>
    toolResult({ content: [{ type: 'image', data: testImagePng, mimeType: 'image/png' }] }),
});
