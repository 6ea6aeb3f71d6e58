import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What the callers did: calls answered, and those that failed (an error, or an `isError` result). */
export interface CallTally {
  calls: number;
  failed: number;
  /** The first few failures, for the report. */
  readonly failures: string[];
  readonly byTool: Map<string, number>;
  /** Each call's time in ms, when the caller wants percentiles. */
  readonly latencies?: number[];
}

/** One simulated user of the desk: an agent and an end user (Alice), and the tickets she logged. */
interface Caller {
  readonly agent: Client;
  readonly user: Client;
  readonly tickets: number[];
}

interface Step {
  readonly weight: number;
  readonly tool: string;
  readonly as: 'agent' | 'user';
  arguments(caller: Caller): Record<string, unknown> | undefined;
  /** Reads what the step needs from a successful result. */
  after?(caller: Caller, result: CallToolResult): void;
}

const words = ['vpn', 'printer', 'password', 'outlook', 'laptop', 'wifi', 'teams', 'invoice'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const demoTickets = 3000;

/** The mix: mostly reads, as on a desk, with a steady trickle of tickets, notes and time. */
const steps: readonly Step[] = [
  {
    weight: 3,
    tool: 'search_tickets',
    as: 'agent',
    arguments: () => ({ text: pick(words), limit: 10 }),
  },
  {
    weight: 3,
    tool: 'get_ticket',
    as: 'agent',
    arguments: () => ({ ticketId: 1 + Math.floor(Math.random() * demoTickets) }),
  },
  { weight: 2, tool: 'get_my_tickets', as: 'user', arguments: () => ({}) },
  {
    weight: 2,
    tool: 'search_knowledge_base',
    as: 'user',
    arguments: () => ({ query: pick(words) }),
  },
  {
    weight: 1,
    tool: 'get_user_info',
    as: 'agent',
    arguments: () => ({ email: 'alice@example.com' }),
  },
  {
    weight: 1,
    tool: 'create_ticket',
    as: 'user',
    arguments: () => ({
      type: 'service_request',
      summary: `Soak: my ${pick(words)} needs attention`,
      details: 'Logged by the soak bench.',
    }),
    after: (caller, result) => {
      const id = (result.structuredContent as { id?: unknown } | undefined)?.id;
      if (typeof id === 'number') caller.tickets.push(id);
    },
  },
  {
    weight: 1,
    tool: 'add_note',
    as: 'agent',
    arguments: (caller) =>
      caller.tickets.length === 0
        ? undefined
        : { ticketId: pick(caller.tickets), body: 'Looked into it.', visibility: 'private' },
  },
  {
    weight: 1,
    tool: 'log_time',
    as: 'agent',
    arguments: (caller) =>
      caller.tickets.length === 0
        ? undefined
        : { ticketId: pick(caller.tickets), minutes: 1 + Math.floor(Math.random() * 30) },
  },
];
const totalWeight = steps.reduce((sum, step) => sum + step.weight, 0);

function nextStep(): Step {
  let roll = Math.random() * totalWeight;
  for (const step of steps) {
    roll -= step.weight;
    if (roll < 0) return step;
  }
  return steps[0]!;
}

async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'soak-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

function fail(tally: CallTally, message: string): void {
  tally.failed += 1;
  if (tally.failures.length < 10) tally.failures.push(message);
}

/**
 * One caller making mixed tool calls back to back until `until` (a `performance.now()` time).
 *
 * @example
 * await callUntil({ agentUrl, userUrl }, { until: performance.now() + 60_000, tally });
 */
export async function callUntil(
  urls: { readonly agentUrl: string; readonly userUrl: string },
  run: { readonly until: number; readonly tally: CallTally },
): Promise<void> {
  const caller: Caller = {
    agent: await connect(urls.agentUrl, process.env['DEMO_AGENT_TOKEN'] ?? 'demo-agent-token'),
    user: await connect(urls.userUrl, process.env['DEMO_USER_TOKEN'] ?? 'demo-user-token'),
    tickets: [],
  };
  const { tally } = run;
  try {
    while (performance.now() < run.until) {
      const step = nextStep();
      const args = step.arguments(caller);
      if (args === undefined) continue;
      try {
        const client = step.as === 'agent' ? caller.agent : caller.user;
        const began = performance.now();
        const result = (await client.callTool({
          name: step.tool,
          arguments: args,
        })) as CallToolResult;
        tally.latencies?.push(performance.now() - began);
        tally.calls += 1;
        tally.byTool.set(step.tool, (tally.byTool.get(step.tool) ?? 0) + 1);
        if (result.isError === true) {
          const text = result.content.map((block) => (block.type === 'text' ? block.text : ''));
          fail(tally, `${step.tool}: ${text.join(' ')}`);
        } else step.after?.(caller, result);
      } catch (error) {
        fail(tally, `${step.tool}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await caller.agent.close();
    await caller.user.close();
  }
}
