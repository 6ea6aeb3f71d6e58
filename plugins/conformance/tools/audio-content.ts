import { z } from 'zod';
import { defineTool, toolResult } from '../../../core/index.js';
import { testAudioWav } from '../media.js';
import { conformanceScope } from '../scope.js';

/** `test_audio_content`: one WAV audio block (the suite insists on `audio/wav`). */
export const audioContentTool = defineTool({
  name: 'test_audio_content',
  title: 'Audio content',
  description: 'Tests audio content response',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: () =>
    toolResult({ content: [{ type: 'audio', data: testAudioWav, mimeType: 'audio/wav' }] }),
});
