/**
 * A small MCP server over stdio for what the reference server cannot show: results that break
 * the protocol or the tool's own output schema, a tool list that changes, awkward tool names,
 * and whether a cancellation arrived. Run as `node --import tsx fixture-remote.ts`.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type JSONRPCMessage,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';

const object = (properties: Record<string, object> = {}, required: string[] = []) => ({
  type: 'object' as const,
  properties,
  required,
});

const tools: Tool[] = [
  {
    name: 'status.get',
    title: 'Server status',
    description: 'The status of a host.',
    inputSchema: object({ host: { type: 'string', minLength: 1 } }, ['host']),
    outputSchema: object({ host: { type: 'string' }, up: { type: 'boolean' } }, ['host', 'up']),
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  {
    name: 'bad-structure',
    description: 'Declares an output schema and breaks it.',
    inputSchema: object(),
    outputSchema: object({ count: { type: 'number' } }, ['count']),
  },
  {
    name: 'bad-shape',
    description: 'Answers with content that is not a list.',
    inputSchema: object(),
  },
  {
    name: 'wait',
    description: 'Waits until cancelled, or for `ms` milliseconds.',
    inputSchema: object({ ms: { type: 'number' } }),
  },
  {
    name: 'was-cancelled',
    description: 'Whether the last wait was cancelled.',
    inputSchema: object(),
  },
  { name: 'add-tool', description: 'Adds extra.tool and other.tool.', inputSchema: object() },
  { name: 'a.b', description: 'Collides with a_b once named.', inputSchema: object() },
  { name: 'a_b', description: 'Collides with a.b once named.', inputSchema: object() },
  { name: `long_${'x'.repeat(60)}`, description: 'Too long once prefixed.', inputSchema: object() },
  {
    name: 'task-only',
    description: 'Runs only as a task.',
    inputSchema: object(),
    execution: { taskSupport: 'required' },
  },
];

let lastWaitCancelled = 'no wait yet';
const server = new Server(
  { name: 'fixture-remote', version: '1.0.0' },
  { capabilities: { tools: { listChanged: true } } },
);
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  const args = request.params.arguments ?? {};
  const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });
  switch (request.params.name) {
    case 'status.get': {
      const up = { host: String(args['host']), up: true };
      return { content: [{ type: 'text', text: JSON.stringify(up) }], structuredContent: up };
    }
    case 'bad-structure':
      return { content: [], structuredContent: { count: 'many' } };
    case 'bad-shape':
      // Marked for the transport to break on its way out (the SDK server checks what it sends).
      return { content: [], _meta: { breakMe: true } };
    case 'wait': {
      const ms = typeof args['ms'] === 'number' ? args['ms'] : 30_000;
      lastWaitCancelled = 'waiting';
      const cancelled = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      lastWaitCancelled = cancelled ? 'yes' : 'no';
      return text(`waited, cancelled: ${lastWaitCancelled}`);
    }
    case 'was-cancelled':
      return text(lastWaitCancelled);
    case 'add-tool':
      for (const name of ['extra.tool', 'other.tool'])
        if (!tools.some((t) => t.name === name))
          tools.push({ name, description: 'Added at run time.', inputSchema: object() });
      await server.sendToolListChanged();
      return text('added');
    case 'extra.tool':
      return text('extra tool called');
    case 'other.tool':
      return text('other tool called');
    default:
      return { ...text(`no tool ${request.params.name}`), isError: true };
  }
});
const transport = new StdioServerTransport();
const send = transport.send.bind(transport);
transport.send = (message: JSONRPCMessage) => {
  const result = (message as { result?: { _meta?: { breakMe?: boolean } } }).result;
  // Deliberately not a CallToolResult: the client must refuse it.
  if (result?._meta?.breakMe === true) {
    const broken: unknown = { ...message, result: { content: 'not a list' } };
    return send(broken as JSONRPCMessage);
  }
  return send(message);
};
await server.connect(transport);
