import { describe, expect, it } from 'vitest';
import { defineCollection } from '../../../core/index.js';
import { needsConfirmation } from '../../../core/collection/write-confirmations.js';
import { startupError } from '../../helpers/startup-error.js';
import { approvalPlugin } from '../mcp/modern/support/approval-plugin.js';

const withConfirm = (confirm: Record<string, unknown>) => ({
  plugins: [approvalPlugin],
  collections: [
    defineCollection({
      id: 'desk',
      title: 'Desk',
      plugins: ['approval'],
      grant: ['items:write'],
      auth: 'none',
      confirm: confirm as never,
    }),
  ],
});

describe('a collection’s confirm rules', () => {
  it('fail startup when they name a tool the collection does not offer', async () => {
    const error = await startupError(withConfirm({ close_ticket: {} }));
    expect(error.code).toBe('COLLECTION_CONFIRM_INVALID');
    expect(error.message).toMatch(
      /collection "desk": confirm names tool "close_ticket", which this collection does not offer; offered: act_on_item, write_with_reason/,
    );
  });

  it('fail startup when `when` names an argument the tool does not take', async () => {
    const error = await startupError(withConfirm({ act_on_item: { when: { verb: ['close'] } } }));
    expect(error.code).toBe('COLLECTION_CONFIRM_INVALID');
    expect(error.message).toMatch(
      /confirm\.act_on_item\.when\.verb must name an argument of act_on_item \(item, action\)/,
    );
  });

  it('cover every call without `when`, and only the listed values with it', () => {
    expect(needsConfirmation(undefined, { action: 'close' })).toBe(false);
    expect(needsConfirmation({}, { action: 'comment' })).toBe(true);
    const rule = { when: { action: ['close'] } };
    expect(needsConfirmation(rule, { action: 'close' })).toBe(true);
    expect(needsConfirmation(rule, { action: 'comment' })).toBe(false);
  });
});
