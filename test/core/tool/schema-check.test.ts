import { describe, expect, it } from 'vitest';
import { checkListedTool, schemaClients } from '../../../core/index.js';

const inputSchema = { type: 'object' as const, properties: {}, additionalProperties: false };

describe('checkListedTool: the tool itself', () => {
  it("a description longer than OpenAI's 1,024 characters is an OpenAI error", () => {
    const findings = checkListedTool(
      { name: 'long_tool', description: 'x'.repeat(1025), inputSchema },
      schemaClients,
    );
    expect(findings).toEqual([
      {
        tool: 'long_tool',
        client: 'openai',
        severity: 'error',
        rule: 'description-length',
        where: 'description',
        construct: 'a description of 1025 characters (at most 1024)',
        source: 'https://github.com/getsentry/sentry-mcp/issues/106',
      },
    ]);
  });

  it('1,024 characters pass, and the other clients are not told of it', () => {
    expect(
      checkListedTool(
        { name: 'ok_tool', description: 'x'.repeat(1024), inputSchema },
        schemaClients,
      ),
    ).toEqual([]);
    expect(
      checkListedTool({ name: 'long_tool', description: 'x'.repeat(2000), inputSchema }, [
        'copilot-studio',
        'gemini',
      ]),
    ).toEqual([]);
  });
});
