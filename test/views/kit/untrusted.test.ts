import { describe, expect, it } from 'vitest';
import { untrustedText } from '../../../core/index.js';
import { unfence } from '../../../views/kit/untrusted.js';

describe('unfence', () => {
  it('shows what a person wrote, without the fence the server adds for models', () => {
    const summary = '<script>alert(1)</script> VPN "drops"';
    expect(unfence(untrustedText('ticket 7 summary', summary))).toBe(summary);
    expect(unfence(untrustedText('ticket 7 details', ''))).toBe('');
  });

  it('leaves text that is not exactly one whole fence as it is', () => {
    expect(unfence('VPN down')).toBe('VPN down');
    const twice = `${untrustedText('a', 'x')} and ${untrustedText('b', 'y')}`;
    expect(unfence(twice)).toBe(twice);
    expect(unfence('<untrusted-text source="a">open')).toBe('<untrusted-text source="a">open');
  });
});
