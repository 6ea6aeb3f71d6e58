import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { checkListedTool } from '../../../core/tool/schema-check.js';
import { schemaClients } from '../../../core/tool/schema-rules.js';
import { demoTokens } from '../../../examples/servicedesk/servicedesk.config.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import { runCli, useTemporaryDatabaseUrl } from './run-cli.js';

useTemporaryDatabaseUrl();

const example = 'examples/servicedesk/servicedesk.config.ts';
const conformance = 'examples/conformance/servicedesk.config.ts';

/**
 * Issue 16, item 2: `tools --check` lists, per tool, what each client is documented to reject,
 * and fails on any error; the example's collections pass every profile.
 */
describe('servicedesk-mcp tools --check', () => {
  for (const collection of ['user', 'agent']) {
    it(`--collection ${collection} --check all exits 0 on the example`, async () => {
      const run = await runCli([
        'tools',
        '--collection',
        collection,
        '--check',
        '--config',
        example,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.lines[0]).toContain('schema check for copilot-studio, openai, gemini');
      expect(run.lines.find((line) => /tool\(s\): /.test(line))).toMatch(/: 0 error\(s\)/);
    });
  }

  it('fails, naming tool, client and source, on a tool listed as given with $ref and $defs', async () => {
    const run = await runCli([
      'tools',
      '--collection',
      'conformance',
      '--check',
      'gemini',
      '--config',
      conformance,
    ]);
    expect(run.code).toBe(1);
    const text = run.lines.join('\n');
    expect(text).toMatch(/json_schema_2020_12_tool\s+\d+ error/);
    expect(text).toMatch(/error\s+gemini\s+input: "\$schema" \[dialect-keyword\]/);
    expect(text).toContain(
      'dialect-keyword: https://github.com/google-gemini/gemini-cli/issues/17235',
    );
  });

  it('--json gives the findings; an unknown profile is refused with the choices', async () => {
    const run = await runCli([
      'tools',
      '--collection',
      'agent',
      '--check',
      'openai',
      '--json',
      '--config',
      example,
    ]);
    const report = JSON.parse(run.lines.join('\n')) as {
      clients: string[];
      errors: number;
      tools: number;
    };
    expect(report).toMatchObject({ clients: ['openai'], errors: 0, tools: 29 });
    const wrong = await runCli([
      'tools',
      '--collection',
      'agent',
      '--check',
      'claude',
      '--config',
      example,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      '--check takes copilot-studio, openai, gemini or all, not "claude"',
    );
  });
});

describe('every listed schema of the example, as an SDK client receives it', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: exampleDeskPlugins(5),
      collections: exampleCollections(),
      tokens: demoTokens,
    });
  });
  afterAll(() => t.close());

  for (const collection of ['user', 'agent']) {
    for (const client of schemaClients) {
      it(`${collection}: nothing ${client} is documented to reject`, async () => {
        const { tools } = await t.clients[collection]!.listTools();
        expect(tools.length).toBeGreaterThan(5);
        const errors = tools
          .flatMap((tool) => checkListedTool(tool, [client]))
          .filter((finding) => finding.severity === 'error');
        expect(errors).toEqual([]);
      });
    }
  }
});
