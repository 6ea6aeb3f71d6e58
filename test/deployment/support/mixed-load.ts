import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/** What a mixed load saw: counts, the writes each ticket took, and every unexpected answer. */
export interface LoadReport {
  readonly reads: number;
  readonly writes: number;
  /** Updates refused because another writer got there first: expected, and not a lost update. */
  readonly conflicts: number;
  readonly writesByTicket: ReadonlyMap<number, number>;
  /** Anything but a result or a version conflict, each with the call that got it. */
  readonly errors: readonly string[];
  readonly durationMs: number;
  /** When the midway action had finished, from the start; the load ran at least 2 s longer. */
  readonly midwayDoneAtMs: number | undefined;
  readonly p99Ms: number;
}

interface CallResult {
  readonly isError?: boolean;
  readonly content?: readonly { type: string; text?: string }[];
  readonly structuredContent?: Record<string, unknown>;
}

const conflict = /is at version (\d+)/;

function textOf(result: CallResult): string {
  return (result.content ?? []).map((part) => part.text ?? '').join('\n');
}

/**
 * Runs `workers` SDK clients for `durationMs`, each alternating reads (get_ticket, search) with
 * optimistic updates of the same few `tickets`, so writers on different instances contend; runs
 * `midway.action` (a restart) once while the load goes on.
 *
 * @example
 * const report = await runMixedLoad({ connect, workers: 8, durationMs: 10_000, tickets: [1, 2, 3, 4] });
 */
export async function runMixedLoad(options: {
  readonly connect: () => Promise<Client>;
  readonly workers: number;
  readonly durationMs: number;
  readonly tickets: readonly number[];
  readonly midway?: { readonly atMs: number; readonly action: () => Promise<void> };
}): Promise<LoadReport> {
  const errors: string[] = [];
  const writesByTicket = new Map<number, number>();
  const latencies: number[] = [];
  let reads = 0;
  let writes = 0;
  let conflicts = 0;
  const known = new Map<number, number>();
  const started = performance.now();
  // The load outlasts the midway action by a while, so what it did is seen under load.
  let ends = started + options.durationMs;
  let midwayDoneAtMs: number | undefined;

  const running = (): boolean =>
    performance.now() < ends || (options.midway !== undefined && midwayDoneAtMs === undefined);

  const timed = async (client: Client, name: string, args: Record<string, unknown>) => {
    const at = performance.now();
    try {
      return (await client.callTool({ name, arguments: args })) as CallResult;
    } finally {
      latencies.push(performance.now() - at);
    }
  };

  const worker = async (n: number): Promise<void> => {
    const client = await options.connect();
    try {
      for (let i = 0; running(); i++) {
        const ticketId = options.tickets[(n + i) % options.tickets.length]!;
        try {
          if (i % 3 !== 2) {
            const read =
              i % 3 === 0
                ? await timed(client, 'get_ticket', { ticketId })
                : await timed(client, 'search_tickets', { text: 'printer' });
            if (read.isError) errors.push(`read by worker ${n}: ${textOf(read)}`);
            else reads++;
            continue;
          }
          const expectedVersion = known.get(ticketId) ?? 1;
          const update = await timed(client, 'update_ticket', {
            ticketId,
            summary: `worker ${n} write ${i}`,
            expectedVersion,
          });
          const text = textOf(update);
          const moved = conflict.exec(text);
          if (update.isError && moved) {
            conflicts++;
            known.set(ticketId, Number(moved[1]));
          } else if (update.isError) {
            errors.push(`update of ${ticketId} by worker ${n}: ${text}`);
          } else {
            writes++;
            writesByTicket.set(ticketId, (writesByTicket.get(ticketId) ?? 0) + 1);
            const ticket = update.structuredContent?.['ticket'] as { version?: number } | undefined;
            if (ticket?.version !== undefined) known.set(ticketId, ticket.version);
          }
        } catch (error) {
          errors.push(`worker ${n}, call ${i}: ${(error as Error).message}`);
        }
      }
    } finally {
      await client.close();
    }
  };

  const midway = options.midway;
  const action = midway
    ? new Promise<void>((resolve) => setTimeout(resolve, midway.atMs))
        .then(midway.action)
        .then(() => {
          midwayDoneAtMs = Math.round(performance.now() - started);
          ends = Math.max(ends, performance.now() + 2_000);
        })
    : Promise.resolve();
  await Promise.all([...Array.from({ length: options.workers }, (_, n) => worker(n)), action]);
  latencies.sort((a, b) => a - b);
  return {
    reads,
    writes,
    conflicts,
    writesByTicket,
    errors,
    durationMs: Math.round(performance.now() - started),
    midwayDoneAtMs,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}
