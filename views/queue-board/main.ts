// The queue board view (issue 21): get_assigned_tickets, search_tickets and get_my_tickets results as a list
// ordered by breach risk, with local filter chips, "More" paging (search_tickets' nextCursor,
// re-called with the remembered tool-input arguments) and a small detail on click (get_ticket).
import { ACTIONS_META_KEY, allowedActions } from '../kit/actions.js';
import { h, replaceChildren } from '../kit/dom.js';
import type { ToolResultMessage } from '../kit/host.js';
import { moreButton } from '../kit/more-button.js';
import { startView } from '../kit/start-view.js';
import { resultText, statusBlock } from '../kit/status.js';
import { filterBar, matches, type FilterChoice } from './filters.js';
import { boardRow, type RowDetail } from './render.js';
import { readPage, sortByRisk, type BoardPage, type BoardRow } from './rows.js';

interface State {
  page?: BoardPage;
  rows: BoardRow[];
  args: Record<string, unknown>;
  /** The server names get_ticket here when this endpoint offers it to this caller. */
  allowed: ReadonlySet<string>;
  choice: FilterChoice;
  details: Map<number, RowDetail>;
  problem?: string;
  loadingMore: boolean;
}

const state: State = {
  rows: [],
  args: {},
  allowed: new Set(),
  choice: { status: new Set(), priority: new Set(), sla: new Set() },
  details: new Map(),
  loadingMore: false,
};

/**
 * The tool whose result this is: the host names it in `toolInfo` (get_my_tickets pages like
 * search_tickets); without that, the one the result's shape suggests.
 */
function listTool(page: BoardPage): string {
  return view.toolName() ?? page.source;
}

const titles: Record<string, string> = {
  get_assigned_tickets: 'My queue',
  get_my_tickets: 'My tickets',
};

/** The header's counts: the server's over the whole queue when it sends them, else the rows'. */
function counts(rows: readonly BoardRow[], page: BoardPage): string {
  const whole = page.counts;
  const breached = whole?.breached ?? rows.filter((r) => r.slaState === 'breached').length;
  const atRisk = whole?.atRisk ?? rows.filter((r) => r.slaState === 'at_risk').length;
  const total = whole?.total ?? rows.length;
  const parts = [
    total > rows.length
      ? `${rows.length} of ${total} tickets shown`
      : `${total} ticket${total === 1 ? '' : 's'}`,
  ];
  if (breached > 0) parts.push(`${breached} breached`);
  if (atRisk > 0) parts.push(`${atRisk} at risk`);
  return parts.join(' · ');
}

function draw(): void {
  const page = state.page;
  if (!page) return;
  const canOpen = state.allowed.has('get_ticket');
  const shown = sortByRisk(state.rows.filter((row) => matches(row, state.choice)));
  replaceChildren(
    document.body,
    h(
      'header',
      { class: 'board-head' },
      h('h1', null, titles[listTool(page)] ?? 'Tickets'),
      h('span', { class: 'muted' }, counts(state.rows, page)),
    ),
    filterBar(state.rows, state.choice, draw),
    state.problem !== undefined && statusBlock('error', state.problem),
    shown.length === 0
      ? statusBlock('empty', state.rows.length === 0 ? 'No tickets.' : 'No ticket matches.')
      : h(
          'ol',
          { class: 'board' },
          shown.map((row) =>
            boardRow(row, {
              detail: state.details.get(row.id),
              onOpen: canOpen ? () => void toggle(row.id) : undefined,
            }),
          ),
        ),
    page.truncated &&
      h('p', { class: 'muted' }, 'More tickets match than one search reads; narrow the search.'),
    moreButton({
      hasMore: page.nextCursor !== null,
      loading: state.loadingMore,
      onClick: () => void more(),
    }),
  );
}

async function more(): Promise<void> {
  const page = state.page;
  if (!page || page.nextCursor === null) return;
  state.loadingMore = true;
  state.problem = undefined;
  draw();
  const result = await view.call(listTool(page), { ...state.args, cursor: page.nextCursor });
  state.loadingMore = false;
  const next = 'error' in result ? undefined : readPage(result.structuredContent);
  if ('error' in result) state.problem = result.error;
  else if (!next) state.problem = 'The next page held no tickets.';
  else {
    // A ticket changed between pages can come twice: keep the first copy.
    const seen = new Set(state.rows.map((r) => r.id));
    state.rows.push(...next.rows.filter((r) => !seen.has(r.id)));
    state.page = { ...next, source: page.source };
  }
  draw();
}

async function toggle(id: number): Promise<void> {
  if (state.details.has(id)) {
    state.details.delete(id);
    draw();
    return;
  }
  state.details.set(id, { kind: 'loading' });
  draw();
  const result = await view.call('get_ticket', { ticketId: id });
  const ticket = 'error' in result ? undefined : result.structuredContent?.ticket;
  if ('error' in result) state.details.set(id, { kind: 'error', text: result.error });
  else if (typeof ticket === 'object' && ticket !== null) {
    const t = ticket as Record<string, unknown>;
    state.details.set(id, {
      kind: 'ticket',
      details: typeof t.details === 'string' ? t.details : '',
      notes: Array.isArray(t.notes) ? t.notes.length : 0,
    });
  } else state.details.set(id, { kind: 'error', text: 'The result held no ticket.' });
  draw();
}

function onToolResult(result: ToolResultMessage): void {
  if (result.isError === true) {
    replaceChildren(document.body, statusBlock('error', resultText(result)));
    return;
  }
  const page = readPage(result.structuredContent);
  if (!page) {
    replaceChildren(document.body, statusBlock('empty', 'This result holds no ticket list.'));
    return;
  }
  state.page = page;
  state.rows = page.rows;
  state.details.clear();
  state.problem = undefined;
  if (Array.isArray(result._meta?.[ACTIONS_META_KEY])) state.allowed = allowedActions(result);
  draw();
}

const view = startView({
  loading: 'Loading tickets…',
  name: 'servicedesk-queue-board',
  version: '0.1.0',
  onToolResult,
  // "More" re-calls the tool with the arguments the assistant gave it, plus the cursor.
  onToolInput: (args) => {
    state.args = Object.fromEntries(Object.entries(args).filter(([key]) => key !== 'cursor'));
  },
});
