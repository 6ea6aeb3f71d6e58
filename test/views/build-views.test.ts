import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';

const root = join(import.meta.dirname, '..', '..');

/** Each view must stay small: it is sent inline with every resources/read. */
const BUDGET_BYTES = 60 * 1024;

const views = readdirSync(join(root, 'views'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
  .map((entry) => entry.name);

/**
 * The document's tags once the inline script and style bodies are taken out (their text is not
 * markup): what an HTML parser would see as elements.
 */
function outerTags(html: string): string[] {
  const stripped = html
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2');
  return [...stripped.matchAll(/<\/?([a-z!][a-z0-9-]*)/gi)].map((m) => m[0].toLowerCase());
}

describe('scripts/build-views.mjs', () => {
  let out: TempFolder;
  let printed: string;

  beforeAll(() => {
    out = createTempFolder('views');
    printed = execFileSync(
      process.execPath,
      [join(root, 'scripts', 'build-views.mjs'), '--out', out.path],
      { cwd: root, encoding: 'utf8' },
    );
  });
  afterAll(() => out.remove());

  it('finds the views', () => {
    expect(views).toEqual(expect.arrayContaining(['ticket-card', 'queue-board']));
  });

  it.each(views)('writes %s.html as one self-contained document within budget', (name) => {
    const html = readFileSync(out.file(`${name}.html`), 'utf8');
    expect(printed).toContain(`${name}.html`);
    expect(Buffer.byteLength(html)).toBeLessThan(BUDGET_BYTES);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width/);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*https?:|url\(\s*["']?\s*https?:/i);

    const tags = outerTags(html);
    expect(tags.filter((t) => t === '<script')).toHaveLength(1);
    expect(tags.filter((t) => t === '</script')).toHaveLength(1);
    expect(tags.filter((t) => t === '<style')).toHaveLength(1);
    expect(tags.filter((t) => t === '</style')).toHaveLength(1);
    // No external script or stylesheet: the only script is inline.
    expect(tags).not.toContain('<link');
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(tags.indexOf('<html')).toBeLessThan(tags.indexOf('<head'));
    expect(tags.indexOf('</head')).toBeLessThan(tags.indexOf('<body'));
    expect(tags.at(-1)).toBe('</html');
  });
});
