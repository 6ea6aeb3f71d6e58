import type { Result } from '@modelcontextprotocol/sdk/types.js';

const terminal: ReadonlySet<unknown> = new Set(['completed', 'failed', 'cancelled']);

/** How often a listen stream reads the tasks it watches, in ms (the tasks' poll interval). */
export const taskWatchIntervalMs = 1000;

/**
 * Watches tasks for one `subscriptions/listen` stream: sends each task's `DetailedTask` at once
 * and again whenever its status or last update changes, until it ends or is gone; a failed read
 * is tried again on the next tick. It reads the tasks' stored
 * state, as `tasks/get` does, so a stream hears of work running on any instance. Returns the
 * function that stops watching (when the stream closes).
 *
 * @example
 * const stop = watchTasks(['t1'], (id) => read(id, principal), (task) => notify('notifications/tasks', task));
 */
export function watchTasks(
  taskIds: readonly string[],
  read: (taskId: string) => Promise<Result | undefined>,
  send: (task: Result) => void,
): () => void {
  const watching = new Set(taskIds);
  const sent = new Map<string, string>();
  let reading = false;
  const stop = (): void => {
    clearInterval(timer);
    watching.clear();
  };
  const tick = async (): Promise<void> => {
    // A slow database must not pile reads up: the next tick waits for this one.
    if (reading) return;
    reading = true;
    try {
      for (const taskId of [...watching]) {
        let task: Result | undefined;
        try {
          task = await read(taskId);
        } catch {
          // The store failed this once (the read says "gone" by answering undefined): next tick.
          continue;
        }
        if (!watching.has(taskId)) continue;
        if (task === undefined) {
          watching.delete(taskId);
          continue;
        }
        const seen = `${String(task['status'])} ${String(task['lastUpdatedAt'])}`;
        if (sent.get(taskId) !== seen) {
          sent.set(taskId, seen);
          send(task);
        }
        if (terminal.has(task['status'])) watching.delete(taskId);
      }
      if (watching.size === 0) stop();
    } finally {
      reading = false;
    }
  };
  // Declared after `stop` and `tick`, which run only once it exists.
  const timer = setInterval(() => void tick(), taskWatchIntervalMs).unref();
  void tick();
  return stop;
}
