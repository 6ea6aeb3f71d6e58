import { z } from 'zod';

/** An article as the knowledge tools list it: no body, a snippet instead. */
export const articleHitSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  published: z.boolean(),
  updatedAt: z.string(),
  score: z.number().describe('Relevance within this search, higher is better'),
  snippet: z.string().describe('An excerpt with the matched words in **bold**'),
});

/** A whole article, as `get_article` returns it. */
export const articleSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  body: z.string().describe('The article in Markdown'),
});

/** An e-mail queued in the desk's outbox. */
export const queuedEmailSchema = z.object({
  outboxId: z.number().int(),
  articleId: z.number().int(),
  to: z.string(),
  subject: z.string(),
  ticketId: z.number().int().nullable(),
  status: z.string(),
});

/** How a caller names an article: its number or its slug. */
export const articleReferenceSchema = z
  .union([
    z.number().int().positive(),
    z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('an article slug such as "vpn-keeps-dropping", or its number as text'),
  ])
  .describe('The article number (id) or slug, as search_knowledge_base returns them');
