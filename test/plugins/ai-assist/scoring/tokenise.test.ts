import { describe, expect, it } from 'vitest';
import {
  maxQueryWords,
  queryWords,
  stem,
  tokens,
  words,
} from '../../../../plugins/ai-assist/scoring/tokenise.js';

describe('stem', () => {
  it.each([
    ['drops', 'drop'],
    ['dropping', 'drop'],
    ['dropped', 'drop'],
    ['disconnecting', 'disconnect'],
    ['failed', 'fail'],
    ['policies', 'policy'],
    ['boxes', 'box'],
    ['printers', 'printer'],
    ['calling', 'call'],
    ['passes', 'pass'],
  ])('reduces %s to %s', (word, root) => {
    expect(stem(word)).toBe(root);
  });

  it.each(['vpn', 'status', 'class', 'speed', 'fixed', 'thing', 'ring', 'bus', 'wi', 'x509s'])(
    'leaves %s alone',
    (word) => {
      expect(stem(word)).toBe(word);
    },
  );
});

describe('words and tokens', () => {
  it('lower-cases, splits on anything but letters and digits and drops stop words', () => {
    expect(words('My VPN keeps dropping — on the London Wi-Fi, since 09:00!')).toEqual([
      'vpn',
      'keeps',
      'dropping',
      'london',
      'wi',
      'fi',
      'since',
      '09',
      '00',
    ]);
  });

  it('stems every word and keeps repeats for term frequency', () => {
    expect(tokens('VPN drops, VPN dropping')).toEqual(['vpn', 'drop', 'vpn', 'drop']);
  });

  it('reads full-width and accented text', () => {
    expect(words('ＶＰＮ Café')).toEqual(['vpn', 'café']);
  });
});

describe('queryWords', () => {
  it('keeps the first word of each stem, as written', () => {
    expect(queryWords('VPN keeps dropping. The VPN drops at home')).toEqual([
      'vpn',
      'keeps',
      'dropping',
      'home',
    ]);
  });

  it(`keeps at most ${maxQueryWords} words, the first ones`, () => {
    const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const kept = queryWords(text);
    expect(kept).toHaveLength(maxQueryWords);
    expect(kept[0]).toBe('word0');
    expect(kept.at(-1)).toBe(`word${maxQueryWords - 1}`);
  });

  it('is empty for text of stop words and punctuation only', () => {
    expect(queryWords('it is what it is?!')).toEqual([]);
  });
});
