import { describe, expect, it } from 'vitest';
import { articleMentions } from '../../../../plugins/desk/knowledge/article-mentions.js';

describe('articleMentions', () => {
  it('reads kb/<slug> bare, as a path and in a URL, without case', () => {
    expect(
      articleMentions(
        'Best match: kb/printers. Also /kb/vpn-drops, and https://desk.example/kb/Disk-Full?x=1.',
      ),
    ).toEqual(['printers', 'vpn-drops', 'disk-full']);
  });

  it('reads a slug of two or more words on its own, but not a one-word one', () => {
    expect(articleMentions('Fixed with reset-your-password; printers are fine.')).toEqual([
      'reset-your-password',
    ]);
  });

  it('does not read kb/ inside another word or a hyphenated word inside another path', () => {
    expect(articleMentions('see notkb/abc-def and snake_case-word')).toEqual([]);
  });

  it('names each slug once', () => {
    expect(articleMentions('kb/vpn-drops then vpn-drops again')).toEqual(['vpn-drops']);
  });
});
