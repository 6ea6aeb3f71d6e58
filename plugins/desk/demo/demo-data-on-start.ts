import type { Database, DatabaseEngine, Logger } from '../../../core/index.js';
import { startDemoLoad } from './seed.js';

/** `demoData: 'if-empty'` on a serving server: a readiness check now, the tickets after listen. */
export interface DemoDataOnStart {
  /** The `/readyz` probe: not ready while the tickets load, nor after a failed load. */
  readonly readiness: () => Promise<{ ok: boolean; detail?: string }>;
  /** Writes the generated tickets; logs and reports a failure rather than throwing. */
  load(): Promise<void>;
}

/**
 * Loads the demo desk into an empty database without holding back the first answer (ADR 0041):
 * the reference data now, in setup (ticket types, catalogue and accounts, which other plugins
 * check at startup), and the generated tickets once the server answers. Undefined when the desk
 * already has data. Until the tickets are in, `/readyz` says "loading demo data"; after a
 * failure it says why, and the log has it too.
 *
 * @example
 * const demo = await demoDataOnStart({ db, engine, log });
 * if (demo) ctx.addReadinessCheck('demo-data', demo.readiness);
 */
export async function demoDataOnStart(options: {
  readonly db: Database;
  readonly engine: DatabaseEngine;
  readonly log: Logger;
  readonly tickets?: number;
}): Promise<DemoDataOnStart | undefined> {
  const started = performance.now();
  const tickets = await startDemoLoad(options.db, options.engine, {
    ticketsWithReference: false,
    ...(options.tickets !== undefined && { tickets: options.tickets }),
  });
  if (tickets === undefined) return undefined;
  let state: { ok: boolean; detail: string } = { ok: false, detail: 'loading demo data' };
  return {
    readiness: () => Promise.resolve(state),
    async load() {
      try {
        const result = await tickets.write();
        if (result.seeded) {
          options.log.info('loaded the demo desk into the empty database', {
            tickets: result.tickets,
            ms: Math.round(performance.now() - started),
          });
        }
        state = { ok: true, detail: 'demo data loaded' };
      } catch (error) {
        const message = (error as Error).message;
        options.log.error('loading the demo tickets failed', { error: message });
        state = { ok: false, detail: `loading demo data failed: ${message}` };
      }
    },
  };
}
