import { describe, expect, it } from 'vitest';
import { CallCutOffError, CallCutoff } from '../../../core/mcp/call-cutoff.js';

const never = new AbortController().signal;

/** Settles with the signal's reason once it has fired. */
function whenAborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );
}

describe('CallCutoff', () => {
  it('passes a call through untouched while not aborted', async () => {
    const cutoff = new CallCutoff();
    await expect(
      cutoff.run(
        () => never,
        () => 'done',
      ),
    ).resolves.toBe('done');
    await expect(
      cutoff.run(
        () => never,
        () => Promise.reject(new Error('boom')),
      ),
    ).rejects.toThrow('boom');
  });

  it('ends a running call at once and fires its signal, heeded or not', async () => {
    const cutoff = new CallCutoff();
    let seen: AbortSignal | undefined;
    const heeding = cutoff.run(
      () => never,
      (signal) => {
        seen = signal();
        return whenAborted(seen);
      },
    );
    const ignoring = cutoff.run(
      () => never,
      () => new Promise(() => undefined),
    );
    await Promise.resolve();
    cutoff.abort();
    await expect(heeding).rejects.toBeInstanceOf(CallCutOffError);
    await expect(ignoring).rejects.toBeInstanceOf(CallCutOffError);
    expect(seen?.aborted).toBe(true);
    await expect(
      cutoff.run(
        () => never,
        () => 'late',
      ),
    ).rejects.toBeInstanceOf(CallCutOffError);
  });

  it("fires the handler's signal when the request's own signal does", async () => {
    const cutoff = new CallCutoff();
    const request = new AbortController();
    const reason = cutoff.run(
      () => request.signal,
      (signal) => whenAborted(signal()),
    );
    await Promise.resolve();
    request.abort('cancelled by the client');
    await expect(reason).resolves.toBe('cancelled by the client');
  });
});
