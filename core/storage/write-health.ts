/** What readiness reports about writes. */
export interface WriteHealthState {
  readonly ok: boolean;
  /** Why writes fail, when they do: the database's own words, never SQL. */
  readonly detail?: string;
}

/**
 * Remembers whether the database is taking writes: a write that fails because the database
 * cannot store anything (disk full, read-only, I/O error) marks it failing, the next write that
 * succeeds clears it. A `select 1` answers on a full disk, so readiness asks this too.
 *
 * @example
 * const health = new WriteHealth();
 * await openDatabase(storage, { health });
 * health.state(); // { ok: false, detail: 'writes failing since …: database or disk is full' }
 */
export class WriteHealth {
  #failingSince: Date | undefined;
  #reason = '';

  /** A write went through. */
  succeeded(): void {
    this.#failingSince = undefined;
  }

  /** A write failed because the database cannot store it. */
  failed(reason: string): void {
    this.#failingSince ??= new Date();
    this.#reason = reason;
  }

  state(): WriteHealthState {
    if (this.#failingSince === undefined) return { ok: true };
    return {
      ok: false,
      detail: `writes failing since ${this.#failingSince.toISOString()}: ${this.#reason}`,
    };
  }
}
