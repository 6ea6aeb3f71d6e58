import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { portableSchema } from '../../../core/tool/portable-schema.js';
import { checkListedTool } from '../../../core/tool/schema-check.js';
import { toolJsonSchema } from '../../../core/tool/json-schema.js';

const zodInput = { io: 'input', declared: 'zod' } as const;
const rawInput = { io: 'input', declared: 'json-schema' } as const;

function errorsOf(inputSchema: Record<string, unknown>, name = 'a_tool'): string[] {
  return checkListedTool({ name, inputSchema: inputSchema as never }, [
    'copilot-studio',
    'openai',
    'gemini',
  ])
    .filter((finding) => finding.severity === 'error')
    .map((finding) => `${finding.client} ${finding.rule} ${finding.where}`);
}

describe('portable schemas', () => {
  it('a whole number greater than 0 becomes minimum 1; a decimal keeps its bound in words', () => {
    const schema = toolJsonSchema(
      z.object({ id: z.number().int().positive(), ratio: z.number().positive().lt(1) }),
      { owner: 'test', io: 'input' },
    );
    expect(schema['properties']).toEqual({
      id: { type: 'integer', minimum: 1 },
      ratio: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Greater than 0. Less than 1.',
      },
    });
    expect(errorsOf(schema)).toEqual([]);
  });

  it('the raw zod form carries what Copilot Studio and Gemini reject, so the check can fail', () => {
    const raw = z.toJSONSchema(z.object({ id: z.number().int().positive() }), {
      target: 'draft-2020-12',
    });
    expect(errorsOf(raw)).toEqual([
      'gemini dialect-keyword input',
      'copilot-studio exclusive-bounds input id',
      'gemini exclusive-bounds input id',
    ]);
  });

  it('inlines local references and drops the definitions; a recursive one stays and is reported', () => {
    const inlined = portableSchema(
      {
        type: 'object',
        $defs: { address: { type: 'object', properties: { city: { type: 'string' } } } },
        properties: { home: { $ref: '#/$defs/address', description: 'Where you live' } },
      },
      rawInput,
    );
    expect(inlined).toEqual({
      type: 'object',
      properties: {
        home: {
          type: 'object',
          properties: { city: { type: 'string' } },
          description: 'Where you live',
          additionalProperties: true,
        },
      },
      additionalProperties: true,
    });
    const recursive = portableSchema(
      {
        type: 'object',
        $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } },
        properties: { head: { $ref: '#/$defs/node' } },
      },
      rawInput,
    );
    expect(errorsOf(recursive)).toEqual(
      expect.arrayContaining([
        'copilot-studio reference input head.next',
        'copilot-studio definitions input',
      ]),
    );
  });

  it('rewrites type arrays, const, oneOf, propertyNames and formats into forms every client reads', () => {
    const schema = portableSchema(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          note: { type: ['string', 'null'] },
          kind: { const: 'incident' },
          target: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
          labels: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } },
          to: { type: 'string', format: 'email', description: 'Who gets it' },
          at: { type: 'string', format: 'date-time' },
        },
      },
      rawInput,
    );
    expect(schema['$schema']).toBeUndefined();
    const properties = schema['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['note']).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(properties['kind']).toEqual({ enum: ['incident'], description: 'One of: incident.' });
    expect(properties['target']).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(properties['labels']).toEqual({
      type: 'object',
      description: 'Keys match ^[a-z]+$.',
      additionalProperties: true,
    });
    expect(properties['to']).toEqual({
      type: 'string',
      description: 'Who gets it. An e-mail address.',
    });
    // Gemini takes date-time; it stays.
    expect(properties['at']).toEqual({ type: 'string', format: 'date-time' });
    expect(errorsOf(schema)).toEqual([]);
  });

  it('names enum values in the description, as Copilot Studio reads enum inputs as plain text', () => {
    const schema = toolJsonSchema(
      z.object({ status: z.enum(['open', 'closed']).describe('Which tickets') }),
      { owner: 'test', io: 'input' },
    );
    expect((schema['properties'] as Record<string, unknown>)['status']).toEqual({
      type: 'string',
      enum: ['open', 'closed'],
      description: 'Which tickets. One of: open, closed.',
    });
  });

  it('states additionalProperties on every object: closed for zod inputs, as the call refuses other keys', () => {
    const schema = portableSchema(
      {
        type: 'object',
        properties: { nested: { type: 'object', properties: { a: { type: 'string' } } } },
      },
      zodInput,
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        nested: {
          type: 'object',
          properties: { a: { type: 'string' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    });
  });

  it('an input always has "properties" (OpenAI); a nested object never an empty one (Gemini)', () => {
    const none = toolJsonSchema(z.object({}), { owner: 't', io: 'input' });
    expect(none).toEqual({ type: 'object', properties: {}, additionalProperties: false });
    expect(errorsOf(none)).toEqual([]);
    expect(errorsOf({ type: 'object' })).toEqual(['openai root-properties input']);
    const open = portableSchema(
      {
        type: 'object',
        properties: { result: { type: 'object', properties: {}, additionalProperties: {} } },
      },
      { io: 'output', declared: 'zod' },
    );
    expect(open['properties']).toEqual({ result: { type: 'object', additionalProperties: true } });
    expect(
      errorsOf({ type: 'object', properties: { a: { type: 'object', properties: {} } } }),
    ).toEqual(['gemini empty-properties input a']);
  });

  it('drops the safe-integer bounds zod adds to every integer', () => {
    const schema = toolJsonSchema(z.object({ n: z.number().int() }), { owner: 't', io: 'output' });
    expect((schema['properties'] as Record<string, unknown>)['n']).toEqual({ type: 'integer' });
  });

  it('reports names Gemini refuses: a tool starting with a digit, a parameter with a dash', () => {
    expect(
      errorsOf({ type: 'object', properties: { 'ticket-id': { type: 'integer' } } }, '1st'),
    ).toEqual(['gemini function-name name', 'gemini parameter-name input']);
  });
});
