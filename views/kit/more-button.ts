// The "More" button of a paged list: the next page comes from the same tool with the cursor.
import { h } from './dom.js';

/**
 * A "More" button, or nothing on the last page; disabled and saying so while a page loads.
 *
 * @example
 * moreButton({ hasMore: page.nextCursor !== null, loading: state.loadingMore, onClick: more })
 */
export function moreButton(options: {
  hasMore: boolean;
  loading: boolean;
  onClick(): void;
}): HTMLElement | false {
  if (!options.hasMore) return false;
  return h(
    'button',
    {
      type: 'button',
      class: 'more',
      disabled: options.loading,
      on: { click: () => options.onClick() },
    },
    options.loading ? 'Loading…' : 'More',
  );
}
