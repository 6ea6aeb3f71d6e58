import { defineCommand, ServiceDeskError, type PluginCommand } from '../../../core/index.js';
import { defaultDemoTicketCount, seedDemoData } from './seed.js';

/**
 * `servicedesk-mcp seed [--tickets N] [--seed S]`: loads the demo desk into an empty database
 * (a desk with data is left alone). `--tickets 1000000` builds the benchmark data set.
 */
export const seedCommand: PluginCommand = defineCommand({
  name: 'seed',
  description: `Load the demo desk into an empty database (${defaultDemoTicketCount} tickets unless --tickets)`,
  options: {
    tickets: { type: 'string', description: 'How many historical tickets to generate' },
    seed: { type: 'string', description: 'The generator seed (the same seed gives the same data)' },
  },
  run: async ({ db, engine, options, out }) => {
    const number = (name: string): number | undefined => {
      const raw = options[name];
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new ServiceDeskError(
          'CONFIG_INVALID',
          `--${name} must be a whole number of at least 0, got "${String(raw)}"`,
        );
      }
      return value;
    };
    const tickets = number('tickets') ?? defaultDemoTicketCount;
    const seed = number('seed');
    const started = performance.now();
    let reported = 0;
    const result = await seedDemoData(db, engine, {
      tickets,
      ...(seed !== undefined && { seed }),
      onProgress: (done, total) => {
        if (done - reported >= 100_000 || done === total) {
          reported = done;
          out(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} tickets`);
        }
      },
    });
    if (!result.seeded) {
      out(`not seeded: ${result.reason}`);
      return 0;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(
      `seeded the demo desk: ${result.tickets.toLocaleString('en')} tickets, ${result.notes.toLocaleString('en')} notes in ${seconds} s (${engine})`,
    );
    return 0;
  },
});
