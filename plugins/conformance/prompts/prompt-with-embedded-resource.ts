import { definePrompt } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_prompt_with_embedded_resource`: embeds the resource named by `resourceUri`. */
export const promptWithEmbeddedResource = definePrompt({
  name: 'test_prompt_with_embedded_resource',
  title: 'Prompt With Embedded Resource',
  description: 'A prompt that includes an embedded resource',
  arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
  scopes: [conformanceScope],
  get: ({ arguments: args }) => [
    {
      role: 'user',
      content: {
        type: 'resource',
        resource: {
          uri: args['resourceUri'] ?? '',
          mimeType: 'text/plain',
          text: 'Embedded resource content for testing.',
        },
      },
    },
    {
      role: 'user',
      content: { type: 'text', text: 'Please process the embedded resource above.' },
    },
  ],
});
