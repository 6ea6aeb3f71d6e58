import { z } from 'zod';

// Ids and labels may be written as numbers (ticket ids, priorities); they are compared as text.
const textOrNumber = z.union([z.string().min(1), z.number()]).transform(String);
const optionalLabel = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) =>
    value === null || value === undefined || value === '' ? undefined : String(value),
  );

/**
 * A labelled ticket for `eval suggestions`: `{ id, text, category?, priority?, team? }`.
 *
 * @example
 * suggestionRecord.parse({ id: 7, text: 'VPN drops', team: 'network', priority: 2 })
 */
export const suggestionRecord = z.object({
  id: textOrNumber,
  text: z.string().min(1, 'text must not be empty'),
  category: optionalLabel,
  priority: optionalLabel,
  team: optionalLabel,
});

/** A parsed {@link suggestionRecord}. */
export type SuggestionRecord = z.output<typeof suggestionRecord>;

/**
 * A relevance judgement for `eval retrieval`: `{ queryId, docId, relevance }` (0 = not relevant).
 *
 * @example
 * qrelRecord.parse({ queryId: 'q1', docId: 'd9', relevance: 2 })
 */
export const qrelRecord = z.object({
  queryId: textOrNumber,
  docId: textOrNumber,
  relevance: z.number().min(0, 'relevance must be 0 or more'),
});

/** A parsed {@link qrelRecord}. */
export type QrelRecord = z.output<typeof qrelRecord>;
