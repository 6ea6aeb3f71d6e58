import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listsTools, openSession, scenariosFor } from '../../bench/peer-scenarios.js';
import { isExpectedResponse, pingScenario } from '../../bench/scenarios.js';
import { startTarget, type StartedTarget } from '../../bench/start-target.js';
import { peerKinds, type PeerKind } from '../../bench/target-protocol.js';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';

async function send(
  url: string,
  request: { body: string; headers: Readonly<Record<string, string>> },
): Promise<{ status: number; body: string }> {
  // The load generator puts a unique id where a session scenario has its placeholder.
  const body = request.body.replace('"[<id>]"', '"bench-1"');
  const response = await fetch(url, { method: 'POST', headers: request.headers, body });
  return { status: response.status, body: await response.text() };
}

/**
 * The peers `npm run bench -- --peers` runs, each started as the bench starts it and sent every
 * scenario it runs once, over real HTTP: each must answer 200 with the result the same strict
 * check expects of the framework's server, and list its tools for the cold-start probe. Nothing
 * here is timed.
 */
describe('the bench’s peers', () => {
  let folder: TempFolder;
  let server: StartedTarget | undefined;
  const peers = new Map<PeerKind, StartedTarget>();

  beforeAll(async () => {
    folder = createTempFolder('bench-peers');
    const databaseFile = folder.file('bench.db');
    // The server migrates and seeds the file the peers read, as in the bench.
    server = await startTarget('server', databaseFile);
    for (const kind of peerKinds) peers.set(kind, await startTarget(kind, databaseFile));
  });
  afterAll(async () => {
    for (const peer of peers.values()) await peer.close();
    await server?.close();
    folder?.remove();
  });

  // Scenario lists with a stand-in session id, to name the cases; each case opens a real one.
  const cases = peerKinds.flatMap((kind) =>
    scenariosFor(kind, 'named-later').map((scenario, index) => ({
      kind,
      index,
      name: `${kind}: ${scenario.id} ${scenario.protocolVersion}`,
    })),
  );

  it.each(cases)('$name gets a 200 and the expected result', async ({ kind, index }) => {
    const url = peers.get(kind)!.url;
    const sessionId = kind === 'sdk-stateful' ? await openSession(url) : undefined;
    const scenario = scenariosFor(kind, sessionId)[index]!;
    const answer = await send(url, scenario);
    expect(answer.status, answer.body).toBe(200);
    expect(isExpectedResponse(scenario, answer.body), answer.body).toBe(true);
  });

  it.each([...peerKinds])('%s lists the bench’s tools for the cold-start probe', async (kind) => {
    const url = peers.get(kind)!.url;
    const sessionId = kind === 'sdk-stateful' ? await openSession(url) : undefined;
    expect(await listsTools(url, 'ping', sessionId)).toBe(true);
    expect(await listsTools(url, 'get_announcement', sessionId)).toBe(true);
  });

  it('the stateful peer refuses a call outside a session, and the check rejects its answer', async () => {
    const answer = await send(peers.get('sdk-stateful')!.url, pingScenario);
    expect(answer.status).toBe(400);
    expect(isExpectedResponse(pingScenario, answer.body)).toBe(false);
  });
});
