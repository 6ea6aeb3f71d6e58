/** `#123`, not inside a word or a URL fragment ("page#12"). */
const hashReference = /(?:^|[^\p{L}\p{N}_&/#])#(\d{1,15})(?![\p{L}\p{N}_])/gu;
/** `ticket 123` or `ticket #123`, any case ("Same as Ticket #4821"). */
const wordReference = /(?:^|[^\p{L}\p{N}_])tickets?\s+#?(\d{1,15})(?![\p{L}\p{N}_])/giu;

/**
 * The ticket ids a note's text refers to, as `#<id>` or `ticket <id>` (also `ticket #<id>`), each
 * once. Which of them exist, and may be linked, is for the caller to check.
 *
 * @example
 * ticketMentions('Same fault as #4821; see ticket 4790.') // [4821, 4790]
 */
export function ticketMentions(text: string): readonly number[] {
  const found = new Set<number>();
  for (const pattern of [hashReference, wordReference]) {
    for (const match of text.matchAll(pattern)) {
      const id = Number(match[1]);
      if (Number.isSafeInteger(id) && id > 0) found.add(id);
    }
  }
  return [...found];
}
