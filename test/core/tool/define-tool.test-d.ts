import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  defineTool,
  fromJsonSchema,
  toolResult,
  type Principal,
  type ToolContext,
  type ToolDefinition,
} from '../../../core/index.js';

const input = z.object({
  ticketId: z.number(),
  note: z.string().nullable(),
  priority: z.enum(['p1', 'p2']).default('p2'),
  tags: z.array(z.string()).optional(),
});
const output = z.object({ id: z.number(), status: z.enum(['open', 'closed']) });

describe('defineTool types', () => {
  it('infers the handler input from the zod input schema, with no annotation', () => {
    defineTool({
      name: 'add_note',
      title: 'Add a note',
      description: 'd',
      input,
      scopes: ['tickets:write:own'],
      handler: (ctx) => {
        expectTypeOf(ctx.input).toEqualTypeOf<{
          ticketId: number;
          note: string | null;
          priority: 'p1' | 'p2';
          tags?: string[] | undefined;
        }>();
        expectTypeOf(ctx.principal).toEqualTypeOf<Principal>();
        expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
        expectTypeOf(ctx).toExtend<ToolContext<z.output<typeof input>>>();
        return `noted on ${ctx.input.ticketId}`;
      },
    });
  });

  it('types the output of a tool with an output schema, including summarize', () => {
    const tool = defineTool({
      name: 'get_ticket',
      title: 'Get a ticket',
      description: 'd',
      input,
      output,
      scopes: ['tickets:read:own'],
      summarize: (out) => {
        expectTypeOf(out).toEqualTypeOf<{ id: number; status: 'open' | 'closed' }>();
        return `${out.id}`;
      },
      handler: ({ input: args }) => ({ id: args.ticketId, status: 'open' as const }),
    });
    expectTypeOf(tool).toExtend<ToolDefinition<typeof input, typeof output>>();
    expectTypeOf(tool.kind).toEqualTypeOf<'tool'>();
  });

  it('accepts an async handler and a toolResult with structured output', () => {
    defineTool({
      name: 'get_ticket',
      title: 'Get a ticket',
      description: 'd',
      input,
      output,
      scopes: ['tickets:read:own'],
      handler: async () =>
        Promise.resolve(toolResult({ structured: { id: 1, status: 'closed' as const } })),
    });
  });

  it('refuses a handler whose return does not match the output schema', () => {
    defineTool({
      name: 'get_ticket',
      title: 'Get a ticket',
      description: 'd',
      input,
      output,
      scopes: ['tickets:read:own'],
      // @ts-expect-error -- status must be 'open' | 'closed', and id a number
      handler: () => ({ id: 'T-1', status: 'pending' }),
    });
    defineTool({
      name: 'get_ticket',
      title: 'Get a ticket',
      description: 'd',
      input,
      output,
      scopes: ['tickets:read:own'],
      // @ts-expect-error -- a required output field (status) is missing
      handler: () => ({ id: 1 }),
    });
    defineTool({
      name: 'get_ticket',
      title: 'Get a ticket',
      description: 'd',
      input,
      output,
      scopes: ['tickets:read:own'],
      // @ts-expect-error -- a tool with an output schema must return its value, not plain text
      handler: () => 'ticket 1 is open',
    });
  });

  it('refuses reading a field that is not in the input schema', () => {
    defineTool({
      name: 'add_note',
      title: 'Add a note',
      description: 'd',
      input,
      scopes: ['tickets:write:own'],
      handler: ({ input: args }) => {
        // @ts-expect-error -- "body" is not a field of the input schema
        return args.body as string;
      },
    });
  });

  it('refuses a non-object input schema and a tool without scopes', () => {
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'd',
      // @ts-expect-error -- tool input must be a z.object(...)
      input: z.string(),
      scopes: [],
      handler: () => 'x',
    });
    // @ts-expect-error -- scopes are required
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'd',
      input: z.object({}),
      handler: () => 'x',
    });
  });

  it('a tool without an output schema returns text or content', () => {
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'd',
      input: z.object({ text: z.string() }),
      scopes: [],
      handler: ({ input: args }) => [{ type: 'text' as const, text: args.text }],
    });
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'd',
      input: z.object({ text: z.string() }),
      scopes: [],
      // @ts-expect-error -- without an output schema a plain object is not a valid result
      handler: () => ({ text: 'x' }),
    });
  });

  it('types a raw JSON Schema input by its type argument', () => {
    defineTool({
      name: 'lookup_host',
      title: 'Look up a host',
      description: 'd',
      input: fromJsonSchema<{ host: string; port?: number }>({
        type: 'object',
        properties: { host: { type: 'string' }, port: { type: 'integer' } },
        required: ['host'],
      }),
      scopes: [],
      handler: ({ input: args }) => {
        expectTypeOf(args).toEqualTypeOf<{ host: string; port?: number }>();
        // @ts-expect-error -- "address" is not in the declared type
        return String(args.address);
      },
    });
  });
});
