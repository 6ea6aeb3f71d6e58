/**
 * `kb/<slug>` in any of the forms a note carries it: bare as the runbooks write it ("kb/vpn-drops"),
 * as a path ("/kb/vpn-drops") or inside a URL ("https://desk.example/kb/vpn-drops?x=1").
 */
const kbPath = /(?:^|[^\p{L}\p{N}_-])kb\/([a-z0-9]+(?:-[a-z0-9]+)*)/giu;

/**
 * A slug written on its own. Only slugs of two words or more count: "vpn-keeps-dropping" in a note
 * is a reference, while a one-word slug ("printers") is as likely to be the plain word.
 */
const bareSlug = /(?:^|[^\p{L}\p{N}_/-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\p{L}\p{N}_-])/giu;

/**
 * The article slugs a note's text mentions, lower-cased: `kb/<slug>` (bare, as a path or in a
 * URL) and any slug of two or more words written on its own. Which of them name an article is for
 * the caller to look up.
 *
 * @example
 * articleMentions('Fixed, see https://desk.example/kb/VPN-drops. Also printer-offline.') // ['vpn-drops', 'printer-offline']
 */
export function articleMentions(text: string): readonly string[] {
  const found = new Set<string>();
  for (const pattern of [kbPath, bareSlug]) {
    for (const match of text.matchAll(pattern)) {
      const slug = match[1]?.toLowerCase();
      if (slug !== undefined) found.add(slug);
    }
  }
  return [...found];
}
