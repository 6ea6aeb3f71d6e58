/** One knowledge-base article of the demo data, as it is inserted into desk_kb_articles. */
export interface KbArticleSeed {
  /** Unique, kebab-case; the article's address in tools and links. */
  readonly slug: string;
  readonly title: string;
  /** Matches the ticket categories of the generator, so suggestions can link the two. */
  readonly category: string;
  readonly tags: readonly string[];
  /** Markdown, written for the person who has the problem. */
  readonly body: string;
}
