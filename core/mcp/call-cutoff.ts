/** Why a call's signal fired when the cutoff ended it. */
const reason = 'the server is shutting down';

/** Thrown into a call the cutoff ended; `callTool` answers it as cancelled. */
export class CallCutOffError extends Error {
  constructor() {
    super(reason);
    this.name = 'CallCutOffError';
  }
}

/**
 * The end of shutdown's patience: when shutdown has waited `shutdownTimeoutMs` for calls in
 * flight, `abort()` fires the signal of every handler still running and ends each call at once
 * with {@link CallCutOffError}, so its client gets a "cancelled" result while the connection is
 * still open — whether or not the handler heeds its signal. The server keeps one; each call
 * registers only while it runs, so nothing accumulates on a long-lived signal.
 *
 * @example
 * const result = await cutoff.run(() => extra.signal, (signal) => handler({ get signal() { return signal(); } }));
 */
export class CallCutoff {
  readonly #running = new Set<() => void>();
  #aborted = false;

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Ends every call still running; calls started afterwards end at once. */
  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    for (const end of [...this.#running]) end();
  }

  /**
   * Runs `work`, handing it a signal that fires when the request's own signal does (the client
   * cancelled or went away) or when the cutoff aborts. The signal is built only when asked for,
   * as most handlers never look at it.
   */
  run<T>(
    requestSignal: () => AbortSignal,
    work: (signal: () => AbortSignal) => Promise<T> | T,
  ): Promise<T> {
    if (this.#aborted) return Promise.reject(new CallCutOffError());
    let controller: AbortController | undefined;
    const signal = (): AbortSignal => {
      if (!controller) {
        const own = new AbortController();
        controller = own;
        const request = requestSignal();
        if (this.#aborted) own.abort(reason);
        else if (request.aborted) own.abort(request.reason);
        else request.addEventListener('abort', () => own.abort(request.reason), { once: true });
      }
      return controller.signal;
    };
    // One promise settled by whichever comes first, the work or the cutoff: a race of two
    // promises and its `finally` cost a trivial call four more allocations for the same answer.
    return new Promise<T>((resolve, reject) => {
      const end = (): void => {
        this.#running.delete(end);
        controller?.abort(reason);
        reject(new CallCutOffError());
      };
      this.#running.add(end);
      Promise.resolve()
        .then(() => work(signal))
        .then(
          (value) => {
            this.#running.delete(end);
            resolve(value);
          },
          (error: unknown) => {
            this.#running.delete(end);
            // Whatever the work threw is passed on as it was, as the race did: callTool sorts it.
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
            reject(error);
          },
        );
    });
  }
}
