import autocannon, { type Request } from 'autocannon';
import { isExpectedResponse, type Scenario } from './scenarios.js';

/** What one load run measured, and everything that went wrong in it. */
export interface LoadResult {
  readonly requests: number;
  readonly reqPerSec: number;
  /** Latency percentiles in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  /** Responses whose body was not the expected result. */
  readonly badBodies: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  /** The first wrong body, to show what went wrong. */
  readonly sampleBadBody: string | undefined;
}

/** Either `seconds` of load or exactly `calls` requests. */
export type LoadLength = { seconds: number } | { calls: number };

/** True when every request got a 2xx response with the expected body. */
export function isClean(result: LoadResult): boolean {
  return result.badBodies === 0 && result.non2xx === 0 && result.errors === 0;
}

/**
 * For a scenario with `uniqueIds`: gives each request its own JSON-RPC id in place of the
 * placeholder. Done in setupRequest, not with autocannon's idReplacement, which swaps the id in
 * after Content-Length is computed and so sends a body longer than its header says.
 */
function withUniqueId(scenario: Scenario): (request: Request) => Request {
  let next = 0;
  return (request) => ({ ...request, body: scenario.body.replace('"[<id>]"', `"b${++next}"`) });
}

/**
 * Sends the scenario's request (its body and headers) to `url` from `connections` keep-alive connections, each waiting
 * for its response before sending the next (no pipelining), and checks every response body.
 */
export async function runLoad(
  url: string,
  scenario: Scenario,
  options: { connections: number; length: LoadLength },
): Promise<LoadResult> {
  let badBodies = 0;
  let sampleBadBody: string | undefined;
  const length = options.length;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { ...scenario.headers },
    body: scenario.body,
    connections: options.connections,
    pipelining: 1,
    ...(scenario.uniqueIds === true && { requests: [{ setupRequest: withUniqueId(scenario) }] }),
    timeout: 10,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.calls }),
    verifyBody: (raw) => {
      const body = typeof raw === 'string' ? raw : (raw?.toString('utf8') ?? '');
      if (isExpectedResponse(scenario, body)) return true;
      badBodies++;
      sampleBadBody ??= body.slice(0, 500);
      return false;
    },
  });
  const requests = result.requests.total;
  return {
    requests,
    reqPerSec: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    badBodies,
    non2xx: result.non2xx,
    errors: result.errors,
    sampleBadBody,
  };
}
