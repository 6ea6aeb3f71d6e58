import { describe, expect, it } from 'vitest';
import { untrustedText } from '../../../core/index.js';
import { missedBars, niceTicks, text } from '../../../views/report-charts/model.js';

describe('report chart labels', () => {
  it('show names as people wrote them, without the fence the server adds for models', () => {
    const name = '<b>Sam</b> "Taylor"';
    expect(text(untrustedText('user 3 name', name))).toBe(name);
    const [bar] = missedBars([{ agent_name: untrustedText('user 3 name', name) }]);
    expect(bar?.label).toBe(name);
  });

  it('write numbers and booleans as text and anything else as nothing', () => {
    expect(text(4)).toBe('4');
    expect(text(false)).toBe('false');
    expect(text({ name: 'x' })).toBe('');
  });

  it('tick values that print cleanly, fractions of an hour included', () => {
    expect(niceTicks(1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(15, 3)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0.3, 2)).toEqual([0, 0.2, 0.4]);
  });
});
