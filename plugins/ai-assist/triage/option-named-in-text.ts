const minorWords = new Set(['and', 'the', 'for', 'with', 'of', 'or', 'to', 'in', 'on']);
const wordsOf = (text: string): string[] =>
  (text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []).filter((word) => !minorWords.has(word));

/**
 * The one option that the ticket's own words name — "my VPN keeps dropping" names "VPN and
 * Remote Access" — or undefined when none or several do. Only words that tell the options apart
 * count ("Managed" in two options names neither), compared by their start, so "laptop" finds
 * "Managed Laptops".
 *
 * @example
 * optionNamedInText(['VPN and Remote Access', 'Managed Printing'], 'VPN keeps dropping') // 'VPN and Remote Access'
 */
export function optionNamedInText(options: readonly string[], text: string): string | undefined {
  const seen = new Map<string, number>();
  for (const option of options)
    for (const word of new Set(wordsOf(option))) seen.set(word, (seen.get(word) ?? 0) + 1);
  const said = wordsOf(text);
  const matches = (word: string): boolean =>
    said.some((w) => w.startsWith(word) || (w.length >= 4 && word.startsWith(w)));
  const named = options.filter((option) =>
    wordsOf(option).some((word) => seen.get(word) === 1 && matches(word)),
  );
  return named.length === 1 ? named[0] : undefined;
}
