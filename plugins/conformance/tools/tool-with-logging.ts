import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test_tool_with_logging`: three `info` log notifications 50 ms apart, then text. */
export const toolWithLoggingTool = defineTool({
  name: 'test_tool_with_logging',
  title: 'Tool with logging',
  description: 'Tests tool that emits log messages during execution',
  input: z.object({}),
  scopes: [conformanceScope],
  annotations: { readOnlyHint: true },
  handler: async ({ log, signal }) => {
    log.info('Tool execution started');
    await sleep(50, undefined, { signal });
    log.info('Tool processing data');
    await sleep(50, undefined, { signal });
    log.info('Tool execution completed');
    return 'Tool with logging executed successfully';
  },
});
