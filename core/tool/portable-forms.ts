import { omitKeywords, withNote, type SchemaNode } from './schema-nodes.js';

// The portable forms of `schema-rules.ts` that take more than a line.

/** A node's `type` keyword. */
export const typeOf = (node: SchemaNode): unknown => node['type'];
/** True for a JSON number. */
export const isNumber = (value: unknown): value is number => typeof value === 'number';

/** What a dropped format is said as, unless the description already says it (`mentions`). */
const formatNotes: Readonly<Record<string, { readonly note: string; readonly mentions: RegExp }>> =
  {
    email: { note: 'An e-mail address.', mentions: /e-?mail/i },
    uuid: { note: 'A UUID.', mentions: /uuid|run id/i },
    uri: { note: 'A URL.', mentions: /ur[il]/i },
    date: { note: 'A date (YYYY-MM-DD).', mentions: /date/i },
    time: { note: 'A time of day (HH:MM:SS).', mentions: /time/i },
  };

/** `exclusiveMinimum: 0` on a whole number is `minimum: 1`; on a decimal it is said in words. */
export function inclusiveBounds(node: SchemaNode): SchemaNode {
  const integer = typeOf(node) === 'integer';
  let out = omitKeywords(node, 'exclusiveMinimum', 'exclusiveMaximum');
  const low = node['exclusiveMinimum'];
  const high = node['exclusiveMaximum'];
  if (isNumber(low)) {
    const bound = integer ? Math.floor(low) + 1 : low;
    const current = out['minimum'];
    out['minimum'] = isNumber(current) ? Math.max(current, bound) : bound;
    if (!integer) out = withNote(out, `Greater than ${low}.`);
  }
  if (isNumber(high)) {
    const bound = integer ? Math.ceil(high) - 1 : high;
    const current = out['maximum'];
    out['maximum'] = isNumber(current) ? Math.min(current, bound) : bound;
    if (!integer) out = withNote(out, `Less than ${high}.`);
  }
  return out;
}

export function allValuesNamed(node: SchemaNode, values: readonly unknown[]): boolean {
  const description = typeof node['description'] === 'string' ? node['description'] : '';
  return values.every((value) => description.includes(String(value)));
}

/**
 * A string `format` Gemini refuses, dropped and said in words unless the description says it
 * already; zod's `pattern` beside it stays, so the check is not lost.
 */
export function formatInWords(node: SchemaNode): SchemaNode {
  const format = String(node['format']);
  const known = formatNotes[format];
  const out = omitKeywords(node, 'format');
  const description = typeof node['description'] === 'string' ? node['description'] : '';
  if (known?.mentions.test(description)) return out;
  return withNote(out, known?.note ?? `Format: ${format}.`);
}
