import { z } from 'zod';
import { defineTool, toolResult } from '../../../core/index.js';
import { testImagePng } from '../media.js';
import { conformanceScope } from '../scope.js';

/** `test_multiple_content_types`: text, image and an embedded resource in one result. */
export const multipleContentTypesTool = defineTool({
  name: 'test_multiple_content_types',
  title: 'Multiple content types',
  description: 'Tests response with multiple content types (text, image, resource)',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () =>
    toolResult({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: testImagePng, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    }),
});
