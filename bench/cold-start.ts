import { pingScenario } from './scenarios.js';
import { serveExample } from './serve-example.js';

const giveUpMs = 20_000;

async function listsTools(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      // A stateless 2025-11-25 client's headers: the era the example's clients speak today.
      headers: pingScenario.headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    if (response.status !== 200) return false;
    const body = (await response.json()) as { result?: { tools?: { name: string }[] } };
    return body.result?.tools?.some((tool) => tool.name === 'get_ticket') === true;
  } catch {
    return false;
  }
}

/**
 * Times one cold start the way an operator starts the server: from spawning
 * `node bin/servicedesk-mcp.js serve --config examples/servicedesk/servicedesk.config.ts` (on a fresh
 * SQLite file, so migrations run) to the first successful `tools/list` on the `agent`
 * collection. PORT=0 lets the OS pick a port; `serve` prints the bound URL of every collection.
 */
export async function measureColdStart(repoRoot: string, databaseFile: string): Promise<number> {
  const started = performance.now();
  const server = await serveExample({ repoRoot, databaseUrl: databaseFile, logLevel: 'silent' });
  try {
    const url = server.collections.get('Agent Functions');
    if (url === undefined) throw new Error('serve printed no Agent Functions URL');
    while (!(await listsTools(url))) {
      if (performance.now() - started > giveUpMs)
        throw new Error(`tools/list did not succeed within ${giveUpMs} ms at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    await server.stop();
  }
}
