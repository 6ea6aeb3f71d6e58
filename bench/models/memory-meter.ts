/** What {@link memoryMeter} saw, in bytes above the heap and buffers at its start. */
export interface MemoryFigures {
  /** After the work and a garbage collection: what the work's result keeps alive. */
  readonly retained: number;
  /** The most seen while the work ran, sampled every 50 ms. */
  readonly peak: number;
}

function used(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Measures the memory a piece of work needs at its peak and keeps afterwards. Without
 * `--expose-gc` the retained figure includes garbage not yet collected.
 *
 * @example
 * const meter = memoryMeter();
 * await train();
 * const { retained, peak } = meter.stop();
 */
export function memoryMeter(): { stop(): MemoryFigures } {
  collect();
  const start = used();
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, used() - start);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, used() - start);
      collect();
      return { retained: used() - start, peak };
    },
  };
}

/**
 * Bytes as megabytes, one decimal.
 *
 * @example
 * megabytes(3_500_000) // '3.3 MB'
 */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
