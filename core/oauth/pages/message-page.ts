import { html, layout } from './html.js';

/**
 * A page that only says something (a refused sign-in, an expired request).
 *
 * @example
 * messagePage('Request expired', 'Start again from your assistant.')
 */
export function messagePage(title: string, message: string): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>`,
  );
}
