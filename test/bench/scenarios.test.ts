import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isExpectedResponse,
  modernPingScenario,
  pingScenario,
  scenarios,
  type Scenario,
} from '../../bench/scenarios.js';
import { startTarget } from '../../bench/start-target.js';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

async function send(
  url: string,
  request: { body: string; headers: Readonly<Record<string, string>> },
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, body: await response.text() };
}

/**
 * The requests `npm run bench` times, sent once each to the real bench server and to the floor:
 * a bench whose requests were refused would time error responses, so every scenario must get a
 * 200 with the result its check expects, and the check must reject the other revision's answer
 * and a refusal. Nothing here is timed.
 */
describe('the bench’s requests', () => {
  let folder: TempFolder;
  let serverUrl: string;
  let floorUrl: string;
  let closeServer: () => Promise<void>;
  let closeFloor: () => Promise<void>;

  beforeAll(async () => {
    folder = createTempFolder('bench');
    const databaseFile = folder.file('bench.db');
    const server = await startTarget('server', databaseFile);
    serverUrl = server.url;
    closeServer = () => server.close();
    // After the server, as in the bench: it migrates and seeds the file the floor reads.
    const floor = await startTarget('floor', databaseFile);
    floorUrl = floor.url;
    closeFloor = () => floor.close();
  });
  afterAll(async () => {
    await closeFloor?.();
    await closeServer?.();
    folder?.remove();
  });

  const cases = scenarios.map((scenario) => ({
    scenario,
    name: `${scenario.id} ${scenario.protocolVersion}`,
  }));

  it.each(cases)(
    '$name gets a 200 and the expected result from the server',
    async ({ scenario }) => {
      const answer = await send(serverUrl, scenario);
      expect(answer.status, answer.body).toBe(200);
      expect(isExpectedResponse(scenario, answer.body), answer.body).toBe(true);
    },
  );

  it.each(cases)(
    '$name gets a 200 and the expected result from the floor',
    async ({ scenario }) => {
      const answer = await send(floorUrl, scenario);
      expect(answer.status, answer.body).toBe(200);
      expect(isExpectedResponse(scenario, answer.body), answer.body).toBe(true);
    },
  );

  it('sends 2026-07-28 requests with the envelope and the headers that revision requires', () => {
    for (const scenario of scenarios.filter((s) => s.protocolVersion === '2026-07-28')) {
      const { params } = JSON.parse(scenario.body) as {
        params: { name: string; _meta: Record<string, unknown> };
      };
      expect(params._meta).toMatchObject({
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      });
      expect(scenario.headers).toMatchObject({
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': params.name,
      });
    }
  });

  it('rejects a 2025-11-25 answer in a 2026-07-28 cell and the other way round', async () => {
    const legacy = await send(serverUrl, pingScenario);
    const modern = await send(serverUrl, modernPingScenario);
    expect(isExpectedResponse(modernPingScenario, legacy.body)).toBe(false);
    expect(isExpectedResponse(pingScenario, modern.body)).toBe(false);
  });

  it('rejects a refused request’s answer', async () => {
    const { 'mcp-name': _dropped, ...headers } = modernPingScenario.headers;
    const refused = await send(serverUrl, { body: modernPingScenario.body, headers });
    expect(refused.status).toBe(400);
    expect(isExpectedResponse(modernPingScenario, refused.body)).toBe(false);
  });

  it('checks every scenario’s tool result, not only its envelope', async () => {
    const other = (scenario: Scenario): Scenario =>
      scenarios.find(
        (s) => s.protocolVersion === scenario.protocolVersion && s.id !== scenario.id,
      )!;
    for (const scenario of scenarios) {
      const answer = await send(serverUrl, other(scenario));
      expect(isExpectedResponse(scenario, answer.body), scenario.id).toBe(false);
    }
  });
});
