import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testImagePng } from '../../../plugins/conformance/media.js';
import { watchedResourceUri } from '../../../plugins/conformance/index.js';
import { startConformanceServer, type ConformanceServer } from './conformance-server.js';

describe('the conformance plugin’s resources, prompts and completions', () => {
  let s: ConformanceServer;
  let client: Client;

  beforeAll(async () => {
    // A short interval so the subscription test sees an update without a long wait.
    s = await startConformanceServer({ watchedResourceIntervalMs: 20 });
    client = s.t.clients['conformance']!;
  });
  afterAll(() => s.t.close());

  it('lists the three fixed resources with a name and MIME type, and the template', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => [r.uri, r.name, r.mimeType])).toEqual([
      ['test://static-text', 'static-text', 'text/plain'],
      ['test://static-binary', 'static-binary', 'image/png'],
      [watchedResourceUri, 'watched-resource', 'text/plain'],
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ uriTemplate: 'test://template/{id}/data', name: 'template' }),
    ]);
  });

  it('reads the text, binary and templated resources', async () => {
    expect(await client.readResource({ uri: 'test://static-text' })).toEqual({
      contents: [
        {
          uri: 'test://static-text',
          mimeType: 'text/plain',
          text: 'This is the content of the static text resource.',
        },
      ],
    });
    expect(await client.readResource({ uri: 'test://static-binary' })).toEqual({
      contents: [{ uri: 'test://static-binary', mimeType: 'image/png', blob: testImagePng }],
    });
    const { contents } = await client.readResource({ uri: 'test://template/123/data' });
    expect(contents[0]?.uri).toBe('test://template/123/data');
    expect(JSON.parse((contents[0] as { text: string }).text)).toEqual({
      id: '123',
      templateTest: true,
      data: 'Data for ID: 123',
    });
  });

  it('answers subscribe and unsubscribe with {} and tells a subscriber when the watched resource changes', async () => {
    const c = await s.connect();
    const before = await c.readResource({ uri: watchedResourceUri });
    const updated = new Promise<string>((resolve) => {
      c.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => resolve(n.params.uri));
    });
    expect(await c.subscribeResource({ uri: watchedResourceUri })).toEqual({});
    expect(await updated).toBe(watchedResourceUri);
    const after = await c.readResource({ uri: watchedResourceUri });
    expect(after.contents[0]).not.toEqual(before.contents[0]);
    expect(await c.unsubscribeResource({ uri: watchedResourceUri })).toEqual({});
  });

  it('lists the five prompts, each with a description', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual([
      'test_simple_prompt',
      'test_prompt_with_arguments',
      'test_prompt_with_embedded_resource',
      'test_prompt_with_image',
      'test_input_required_result_prompt',
    ]);
    for (const prompt of prompts) expect(prompt.description).toBeTruthy();
    expect(prompts[1]?.arguments).toEqual([
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ]);
  });

  it('renders the prompts: plain, with arguments, with an embedded resource, with an image', async () => {
    const simple = await client.getPrompt({ name: 'test_simple_prompt' });
    expect(simple.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
    ]);
    const withArgs = await client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'one', arg2: 'two' },
    });
    expect(withArgs.messages[0]?.content).toEqual({
      type: 'text',
      text: "Prompt with arguments: arg1='one', arg2='two'",
    });
    const embedded = await client.getPrompt({
      name: 'test_prompt_with_embedded_resource',
      arguments: { resourceUri: 'test://example-resource' },
    });
    expect(embedded.messages[0]?.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'test://example-resource', text: 'Embedded resource content for testing.' },
    });
    const image = await client.getPrompt({ name: 'test_prompt_with_image' });
    expect(image.messages[0]?.content).toEqual({
      type: 'image',
      data: testImagePng,
      mimeType: 'image/png',
    });
  });

  it('refuses test_prompt_with_arguments without its required arguments', async () => {
    await expect(
      client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'only' } }),
    ).rejects.toThrow(/arg2/);
  });

  it('completes arg1 of test_prompt_with_arguments from what was typed', async () => {
    const { completion } = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'test' },
    });
    expect(completion).toEqual({
      values: ['test', 'test-value', 'testing'],
      total: 3,
      hasMore: false,
    });
    const none = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg2', value: 'x' },
    });
    expect(none.completion.values).toEqual([]);
  });
});
