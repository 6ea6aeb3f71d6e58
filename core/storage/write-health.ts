/** What readiness reports about writes. */
export interface WriteHealthState {
  readonly ok: boolean;
  /** Why writes fail, when they do: the database's own words, never SQL. */
  readonly detail?: string;
}

/** How long after the last failed write readiness still reports it, in ms. */
export const writeFailureMemoryMs = 30_000;

/**
 * Remembers whether the database is taking writes: a write that fails because the database
 * cannot store anything (disk full, read-only, I/O error) makes readiness fail until a write has
 * succeeded since and the last failure is {@link writeFailureMemoryMs} old. A `select 1` still
 * answers on a full disk, and small writes may still fit where large ones do not, so one success
 * alone does not clear it.
 *
 * @example
 * const health = new WriteHealth();
 * await openDatabase(storage, { health });
 * health.state(); // { ok: false, detail: 'writes failing since …: the database or its disk is full' }
 */
export class WriteHealth {
  readonly #now: () => number;
  #failingSince: number | undefined;
  #lastFailure = 0;
  #succeededSince = false;
  #reason = '';

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** A write went through. */
  succeeded(): void {
    if (this.#failingSince !== undefined) this.#succeededSince = true;
  }

  /** A write failed because the database cannot store it. */
  failed(reason: string): void {
    const now = this.#now();
    this.#failingSince ??= now;
    this.#lastFailure = now;
    this.#succeededSince = false;
    this.#reason = reason;
  }

  state(): WriteHealthState {
    if (this.#failingSince === undefined) return { ok: true };
    if (this.#succeededSince && this.#now() - this.#lastFailure >= writeFailureMemoryMs) {
      this.#failingSince = undefined;
      return { ok: true };
    }
    return {
      ok: false,
      detail: `writes failing since ${new Date(this.#failingSince).toISOString()}: ${this.#reason}`,
    };
  }
}
