import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  type CallToolResult,
  type CreateMessageRequest,
  type ElicitRequestFormParams,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceServer, type ConformanceServer } from './conformance-server.js';

/** A client that can sample and elicit, recording what the server asked and answering `reply`. */
async function capableClient(
  s: ConformanceServer,
  reply: ElicitResult = {
    action: 'accept',
    content: { username: 'ada', email: 'ada@example.com' },
  },
): Promise<{
  client: Client;
  samples: CreateMessageRequest['params'][];
  forms: ElicitRequestFormParams[];
}> {
  const client = await s.connect({ sampling: {}, elicitation: {} });
  const samples: CreateMessageRequest['params'][] = [];
  const forms: ElicitRequestFormParams[] = [];
  client.setRequestHandler(CreateMessageRequestSchema, (request) => {
    samples.push(request.params);
    return {
      role: 'assistant',
      content: { type: 'text', text: 'a sampled answer' },
      model: 'test-model',
      stopReason: 'endTurn',
    };
  });
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    // Every fixture asks with a form; a URL-mode request would not be recorded.
    if (request.params.mode !== 'url') forms.push(request.params);
    return reply;
  });
  return { client, samples, forms };
}

function text(result: unknown): string {
  const first = (result as CallToolResult).content[0];
  return first?.type === 'text' ? first.text : '';
}

describe('the conformance plugin’s server-to-client requests', () => {
  let s: ConformanceServer;

  beforeAll(async () => {
    s = await startConformanceServer();
  });
  afterAll(() => s.t.close());

  it('test_sampling asks the client’s model and returns its answer', async () => {
    const { client, samples } = await capableClient(s);
    const result = await client.callTool({
      name: 'test_sampling',
      arguments: { prompt: 'Hello?' },
    });
    expect(text(result)).toBe('LLM response: a sampled answer');
    expect(samples).toEqual([
      { messages: [{ role: 'user', content: { type: 'text', text: 'Hello?' } }], maxTokens: 100 },
    ]);
  });

  it('test_elicitation asks for a username and an email and reports the answer', async () => {
    const { client, forms } = await capableClient(s);
    const result = await client.callTool({
      name: 'test_elicitation',
      arguments: { message: 'Who are you?' },
    });
    expect(text(result)).toBe(
      'User response: action=accept, content={"username":"ada","email":"ada@example.com"}',
    );
    expect(forms[0]).toMatchObject({
      mode: 'form',
      message: 'Who are you?',
      requestedSchema: { required: ['username', 'email'] },
    });
  });

  it('test_elicitation reports a declined form', async () => {
    const { client } = await capableClient(s, { action: 'decline' });
    const result = await client.callTool({
      name: 'test_elicitation',
      arguments: { message: 'Hi' },
    });
    expect(text(result)).toBe('User response: action=decline, content={}');
  });

  it('test_elicitation_sep1034_defaults sends a default for every field', async () => {
    const { client, forms } = await capableClient(s, { action: 'accept', content: {} });
    await client.callTool({ name: 'test_elicitation_sep1034_defaults', arguments: {} });
    expect(forms[0]?.requestedSchema.properties).toMatchObject({
      name: { type: 'string', default: 'John Doe' },
      age: { type: 'integer', default: 30 },
      score: { type: 'number', default: 95.5 },
      status: { type: 'string', enum: ['active', 'inactive', 'pending'], default: 'active' },
      verified: { type: 'boolean', default: true },
    });
  });

  it('test_elicitation_sep1330_enums sends all five enum shapes', async () => {
    const { client, forms } = await capableClient(s, {
      action: 'accept',
      content: { untitledSingle: 'option1', titledMulti: ['value1'] },
    });
    const result = await client.callTool({ name: 'test_elicitation_sep1330_enums', arguments: {} });
    expect(text(result)).toContain('"untitledSingle":"option1"');
    const properties = forms[0]?.requestedSchema.properties ?? {};
    expect(properties['untitledSingle']).toMatchObject({ type: 'string', enum: expect.any(Array) });
    expect(properties['untitledSingle']).not.toHaveProperty('enumNames');
    expect(properties['titledSingle']).toMatchObject({
      type: 'string',
      oneOf: expect.arrayContaining([{ const: 'value1', title: 'First Option' }]),
    });
    expect(properties['legacyEnum']).toMatchObject({
      enum: ['opt1', 'opt2', 'opt3'],
      enumNames: ['Option One', 'Option Two', 'Option Three'],
    });
    expect(properties['untitledMulti']).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    });
    expect(properties['titledMulti']).toMatchObject({
      type: 'array',
      items: { anyOf: expect.arrayContaining([{ const: 'value2', title: 'Second Choice' }]) },
    });
  });

  it('tells a client without those capabilities, as a tool error, that it cannot sample or elicit', async () => {
    const client = await s.connect({});
    const sampled = (await client.callTool({
      name: 'test_sampling',
      arguments: { prompt: 'x' },
    })) as CallToolResult;
    expect(sampled.isError).toBe(true);
    expect(text(sampled)).toContain('does not support sampling');
    const elicited = (await client.callTool({
      name: 'test_elicitation',
      arguments: { message: 'x' },
    })) as CallToolResult;
    expect(elicited.isError).toBe(true);
    expect(text(elicited)).toContain('does not support elicitation');
  });
});
