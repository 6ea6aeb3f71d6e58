// Follows the host's look: its theme and the standard style variables it shares (SEP-1865).
import type { HostContext } from './host.js';

/**
 * Applies a host context to the document: `data-theme` and `color-scheme` on <html>, and each
 * of the host's style variables as a custom property on :root (base.css falls back when absent).
 *
 * @example
 * applyHostContext({ theme: 'dark', styles: { variables: { '--font-sans': 'Inter' } } });
 */
export function applyHostContext(context: HostContext): void {
  const root = document.documentElement;
  if (context.theme === 'light' || context.theme === 'dark') {
    root.dataset.theme = context.theme;
    root.style.colorScheme = context.theme;
  }
  const variables = context.styles?.variables ?? {};
  for (const [name, value] of Object.entries(variables)) {
    // Only custom properties: a host cannot restyle arbitrary properties through this channel.
    if (!name.startsWith('--')) continue;
    if (value === undefined || value === '') root.style.removeProperty(name);
    else root.style.setProperty(name, value);
  }
}

/**
 * Starts in the system's theme, until the host says which it uses: base.css keys its palettes on
 * `data-theme` alone.
 *
 * @example
 * followSystemTheme(); // <html data-theme="dark"> on a dark system
 */
export function followSystemTheme(): void {
  const root = document.documentElement;
  if (root.dataset.theme !== undefined) return;
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = dark ? 'dark' : 'light';
}
