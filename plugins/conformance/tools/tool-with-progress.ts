import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

const total = 100;

/** `test_tool_with_progress`: progress 0, 50 and 100 of 100, 50 ms apart, then text. */
export const toolWithProgressTool = defineTool({
  name: 'test_tool_with_progress',
  title: 'Tool with progress',
  description: 'Tests tool that reports progress notifications',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: async ({ progress, signal }) => {
    for (const step of [0, 50, 100]) {
      if (step > 0) await sleep(50, undefined, { signal });
      await progress(step, total, `Completed step ${step} of ${total}`);
    }
    return 'Progress reporting completed';
  },
});
