import { accountKbArticles } from './kb-articles-accounts.js';
import { emailKbArticles } from './kb-articles-email.js';
import { hardwareKbArticles } from './kb-articles-hardware.js';
import { networkKbArticles } from './kb-articles-network.js';
import { securityKbArticles } from './kb-articles-security.js';
import type { KbArticleSeed } from './kb-article-seed.js';

export type { KbArticleSeed } from './kb-article-seed.js';

/** Every knowledge-base article of the demo data, grouped by category. */
export const kbArticles: readonly KbArticleSeed[] = Object.freeze([
  ...networkKbArticles,
  ...accountKbArticles,
  ...hardwareKbArticles,
  ...emailKbArticles,
  ...securityKbArticles,
]);
