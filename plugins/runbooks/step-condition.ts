import { resolvePath, type RunScope } from './run-scope.js';

/**
 * When a step runs, declared rather than coded: `exists` (the path has a value other than null),
 * `equals` (the value at a path equals a JSON value), and `not`, `all`, `any` to combine.
 *
 * @example
 * const when: StepCondition = { exists: 'steps.find_article.result.articles.0' };
 */
export type StepCondition =
  | { readonly exists: string }
  | { readonly equals: readonly [path: string, value: unknown] }
  | { readonly not: StepCondition }
  | { readonly all: readonly StepCondition[] }
  | { readonly any: readonly StepCondition[] };

const operators = ['exists', 'equals', 'not', 'all', 'any'] as const;

/**
 * The paths a condition reads, or a message naming what is malformed about it.
 *
 * @example
 * conditionPaths({ not: { exists: 'steps.kb.result.articles.0' } }) // { paths: ['steps.kb.result.articles.0'] }
 */
export function conditionPaths(condition: unknown): { paths: string[] } | { problem: string } {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    return { problem: `a condition must be an object with one of ${operators.join(', ')}` };
  }
  const keys = Object.keys(condition);
  const operator = keys[0];
  if (keys.length !== 1 || !operators.includes(operator as (typeof operators)[number])) {
    return {
      problem: `a condition must have exactly one of ${operators.join(', ')}; it has ${keys.join(', ') || 'none'}`,
    };
  }
  const value: unknown = (condition as Record<string, unknown>)[operator as string];
  switch (operator as (typeof operators)[number]) {
    case 'exists':
      return typeof value === 'string'
        ? { paths: [value] }
        : { problem: 'exists takes a path string' };
    case 'equals':
      return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string'
        ? { paths: [value[0]] }
        : { problem: 'equals takes [path, value]' };
    case 'not':
      return conditionPaths(value);
    case 'all':
    case 'any': {
      if (!Array.isArray(value) || value.length === 0) {
        return { problem: `${operator} takes a non-empty list of conditions` };
      }
      const paths: string[] = [];
      for (const inner of value) {
        const found = conditionPaths(inner);
        if ('problem' in found) return found;
        paths.push(...found.paths);
      }
      return { paths };
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * True when the condition holds for the run so far (checked at startup, so well-formed here).
 *
 * @example
 * conditionHolds({ equals: ['steps.ticket.status', 'ok'] }, scope)
 */
export function conditionHolds(condition: StepCondition, scope: RunScope): boolean {
  if ('exists' in condition) {
    const value = resolvePath(scope, condition.exists);
    return value !== undefined && value !== null;
  }
  if ('equals' in condition)
    return sameValue(resolvePath(scope, condition.equals[0]), condition.equals[1]);
  if ('not' in condition) return !conditionHolds(condition.not, scope);
  if ('all' in condition) return condition.all.every((inner) => conditionHolds(inner, scope));
  return condition.any.some((inner) => conditionHolds(inner, scope));
}
