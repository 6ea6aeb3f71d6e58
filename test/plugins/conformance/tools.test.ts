import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  type CallToolResult,
  type LoggingMessageNotification,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceServer, type ConformanceServer } from './conformance-server.js';

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

async function call(client: Client, name: string, args?: Record<string, unknown>) {
  return (await client.callTool({
    name,
    ...(args && { arguments: args }),
  })) as CallToolResult;
}

describe('the conformance plugin’s tools', () => {
  let s: ConformanceServer;
  let client: Client;

  beforeAll(async () => {
    s = await startConformanceServer();
    client = s.t.clients['conformance']!;
  });
  afterAll(() => s.t.close());

  it('lists every fixture tool with a description and an object input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'confirm_delete',
      'failing_job',
      'greet',
      'json_schema_2020_12_tool',
      'multi_input',
      'protocol_error_job',
      'slow_compute',
      'test_audio_content',
      'test_elicitation',
      'test_elicitation_sep1034_defaults',
      'test_elicitation_sep1330_enums',
      'test_embedded_resource',
      'test_error_handling',
      'test_image_content',
      'test_input_required_result_capabilities',
      'test_input_required_result_elicitation',
      'test_input_required_result_list_roots',
      'test_input_required_result_multi_round',
      'test_input_required_result_multiple_inputs',
      'test_input_required_result_request_state',
      'test_input_required_result_sampling',
      'test_input_required_result_tampered_state',
      'test_logging_tool',
      'test_missing_capability',
      'test_multiple_content_types',
      'test_reconnection',
      'test_sampling',
      'test_simple_text',
      'test_streaming_elicitation',
      'test_tool_with_logging',
      'test_tool_with_progress',
      'test_tool_with_task',
    ]);
    for (const tool of tools) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
    }
  });

  it('lists json_schema_2020_12_tool with $schema, $defs and additionalProperties intact', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'json_schema_2020_12_tool');
    expect(tool?.inputSchema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: {
          type: 'object',
          properties: { street: { type: 'string' }, city: { type: 'string' } },
        },
      },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    });
  });

  it('validates json_schema_2020_12_tool arguments against that schema, $ref included', async () => {
    const ok = await call(client, 'json_schema_2020_12_tool', {
      name: 'Ada',
      address: { street: '1 Main St', city: 'Leeds' },
    });
    expect(ok.isError).toBeUndefined();
    expect(ok.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Leeds') });
    const badRef = await call(client, 'json_schema_2020_12_tool', { address: { city: 7 } });
    expect(badRef.isError).toBe(true);
    expect(badRef.content[0]).toMatchObject({ text: expect.stringContaining('address.city') });
    const extra = await call(client, 'json_schema_2020_12_tool', { nickname: 'x' });
    expect(extra.isError).toBe(true);
    expect(extra.content[0]).toMatchObject({ text: expect.stringContaining('nickname') });
  });

  it('answers test_simple_text called without an arguments key', async () => {
    expect(await call(client, 'test_simple_text')).toEqual({
      content: [{ type: 'text', text: 'This is a simple text response for testing.' }],
    });
  });

  it('returns a base64 PNG, a base64 audio/wav and an embedded resource', async () => {
    const image = (await call(client, 'test_image_content', {})).content[0];
    expect(image).toMatchObject({
      type: 'image',
      mimeType: 'image/png',
      data: expect.stringMatching(base64),
    });
    const png = Buffer.from((image as { data: string }).data, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const audio = (await call(client, 'test_audio_content', {})).content[0];
    expect(audio).toMatchObject({ type: 'audio', mimeType: 'audio/wav' });
    const wav = Buffer.from((audio as { data: string }).data, 'base64');
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(await call(client, 'test_embedded_resource', {})).toEqual({
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
    });
  });

  it('returns text, image and resource together from test_multiple_content_types', async () => {
    const { content } = await call(client, 'test_multiple_content_types', {});
    expect(content.map((c) => c.type)).toEqual(['text', 'image', 'resource']);
    expect(content[2]).toMatchObject({
      resource: { mimeType: 'application/json', text: '{"test":"data","value":123}' },
    });
  });

  it('fails test_error_handling as an isError result, not a protocol error', async () => {
    expect(await call(client, 'test_error_handling', {})).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
    });
  });

  it('sends three log notifications before the result, at the level the client chose', async () => {
    const c = await s.connect();
    const logs: LoggingMessageNotification['params'][] = [];
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params);
    });
    await c.setLoggingLevel('debug');
    const result = (await c.callTool({
      name: 'test_tool_with_logging',
      arguments: {},
    })) as CallToolResult;
    expect(result.content).toEqual([
      { type: 'text', text: 'Tool with logging executed successfully' },
    ]);
    expect(logs.map((l) => [l.level, l.data])).toEqual([
      ['info', 'Tool execution started'],
      ['info', 'Tool processing data'],
      ['info', 'Tool execution completed'],
    ]);
    logs.length = 0;
    await c.setLoggingLevel('warning');
    await c.callTool({ name: 'test_tool_with_logging', arguments: {} });
    expect(logs).toEqual([]);
  });

  it('reports progress 0, 50 and 100 of 100 against the token the client sent', async () => {
    const seen: Progress[] = [];
    await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { progress: 0, total: 100, message: 'Completed step 0 of 100' },
      { progress: 50, total: 100, message: 'Completed step 50 of 100' },
      { progress: 100, total: 100, message: 'Completed step 100 of 100' },
    ]);
  });

  it('answers test_reconnection after closing its stream, through the SDK client’s resume', async () => {
    const result = await client.callTool({ name: 'test_reconnection', arguments: {} });
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'Reconnection test completed: the result came after the stream was closed.',
      },
    ]);
  });

  it('refuses test_missing_capability for a client without sampling, and asks nothing of one without elicitation', async () => {
    const missing = await call(client, 'test_missing_capability');
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('test_missing_capability needs sampling');
    const streaming = await call(client, 'test_streaming_elicitation');
    expect(streaming.isError).toBe(true);
    expect(JSON.stringify(streaming.content)).toContain('does not support elicitation');
    expect((await call(client, 'test_logging_tool')).content).toEqual([
      { type: 'text', text: 'Logging tool executed' },
    ]);
  });
});
