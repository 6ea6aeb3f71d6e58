/** What a finished step leaves for later steps' templates and conditions. */
export interface StepRecord {
  readonly status: string;
  /** The tool's structured output, when it has an output schema. */
  readonly result?: unknown;
  /** The tool's text content, joined. */
  readonly text?: string;
}

/**
 * What templates and conditions can see: the runbook's input and the steps run so far.
 *
 * @example
 * const scope: RunScope = { input: { summary: 'VPN' }, steps: { ticket: { status: 'ok', result: { id: 7 } } } };
 */
export interface RunScope {
  readonly input: Readonly<Record<string, unknown>>;
  readonly steps: Readonly<Record<string, StepRecord>>;
}

const segmentPattern = /^[A-Za-z0-9_-]+$/;

/**
 * True when `path` is dot-separated names and indexes (`steps.kb.result.articles.0.id`).
 *
 * @example
 * isWellFormedPath('input.summary') // true
 */
export function isWellFormedPath(path: string): boolean {
  return path.split('.').every((segment) => segmentPattern.test(segment));
}

/**
 * The value at `path` in the scope, or undefined when any part is missing. Only own properties
 * and array indexes are followed, so a path cannot reach `constructor` or a prototype.
 *
 * @example
 * resolvePath(scope, 'steps.ticket.result.id') // 7
 */
export function resolvePath(scope: RunScope, path: string): unknown {
  let current: unknown = scope;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
