import type { ShapeIssue } from './json-schema-shape.js';

/**
 * Turns zod issues into one line per field that a language model can act on:
 * `priority: expected number, received string`.
 */
export function describeIssues(error: { readonly issues: readonly ShapeIssue[] }): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
      const message = issue.message.replace(/^Invalid input: /, '');
      if (issue.code === 'unrecognized_keys') {
        return `${path}: unknown field(s) ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}; remove them`;
      }
      return `${path}: ${message}`;
    })
    .join('; ');
}
