import { definePrompt } from '../../../core/index.js';
import { testImagePng } from '../media.js';
import { conformanceScope } from '../scope.js';

/** `test_prompt_with_image`: an image message followed by a text instruction. */
export const promptWithImage = definePrompt({
  name: 'test_prompt_with_image',
  title: 'Prompt With Image',
  description: 'A prompt that includes image content',
  scopes: [conformanceScope],
  get: () => [
    { role: 'user', content: { type: 'image', data: testImagePng, mimeType: 'image/png' } },
    { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
  ],
});
