/**
 * What the fixture's handlers report back to the test that started them: which calls began,
 * which saw their signal abort, and the plugin's `notifyResourceUpdated` captured in setup.
 */
export class FixtureProbe {
  readonly started = new Set<string>();
  readonly aborted = new Set<string>();
  readonly finished = new Set<string>();
  notifyResourceUpdated: ((uri: string) => void) | undefined;
  readonly #gates = new Map<string, () => void>();
  readonly #gatePromises = new Map<string, Promise<void>>();

  /** A promise the `slow` tool waits on until {@link release} is called with the same key. */
  gate(key: string): Promise<void> {
    let gate = this.#gatePromises.get(key);
    if (!gate) {
      gate = new Promise<void>((resolve) => this.#gates.set(key, resolve));
      this.#gatePromises.set(key, gate);
    }
    return gate;
  }

  release(key: string): void {
    void this.gate(key);
    this.#gates.get(key)?.();
  }
}
