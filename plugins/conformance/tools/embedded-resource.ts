import { z } from 'zod';
import { defineTool, toolResult } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_embedded_resource`: one embedded text resource. */
export const embeddedResourceTool = defineTool({
  name: 'test_embedded_resource',
  title: 'Embedded resource',
  description: 'Tests embedded resource content response',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () =>
    toolResult({
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ],
    }),
});
