import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('loading oidc-provider through core/oauth/oidc-provider.ts', () => {
  it('prints nothing on Node 20.19+ and leaves console.warn as it found it', async () => {
    const warn = vi.spyOn(console, 'warn');
    const before = console.warn;
    vi.resetModules();
    const { Provider, errors } = await import('../../../core/oauth/oidc-provider.js');
    expect(typeof Provider).toBe('function');
    expect(typeof errors.InvalidClientMetadata).toBe('function');
    expect(console.warn).toBe(before);
    // On Node 22 and later oidc-provider has nothing to say; on Node 20 the filter dropped it.
    expect(warn).not.toHaveBeenCalled();
    console.warn('another warning');
    expect(warn).toHaveBeenCalledWith('another warning');
  });

  it('oidc-provider still prints the line the filter drops (an upgrade that rewords it fails here)', async () => {
    const index = await readFile('node_modules/oidc-provider/lib/index.js', 'utf8');
    const attention = await readFile('node_modules/oidc-provider/lib/helpers/attention.js', 'utf8');
    const words = 'Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';
    expect(index).toContain(`attention.warn('${words}')`);
    expect(attention).toContain('const warning = `oidc-provider WARNING: ${str}`;');
    expect(attention).toContain("const SET_BOLD_RED_TEXT = '\\x1b[31;1m';");
  });
});
