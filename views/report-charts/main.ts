// The report charts view (issue 21): every get_report_<id> result as a chart with its summary,
// "More" paging (the same tool and parameters plus the cursor, rows merged) and, on the
// whitespace matrix, a "Log opportunity" action per gap when the server names log_opportunity.
import { ACTIONS_META_KEY, allowedActions } from '../kit/actions.js';
import { h, replaceChildren } from '../kit/dom.js';
import type { ToolResultMessage } from '../kit/host.js';
import { moreButton } from '../kit/more-button.js';
import { startView } from '../kit/start-view.js';
import { resultText, statusBlock } from '../kit/status.js';
import { mergePages, readReport, type ReportResult, type WhitespaceCell } from './model.js';
import { reportSection } from './sections.js';
import { gapKey } from './gaps.js';
import { opportunityArgs } from './opportunity.js';
import type { GapLog } from './whitespace.js';

interface State {
  report?: ReportResult;
  /** The arguments the assistant called the tool with (tool-input), without the cursor. */
  args?: Record<string, unknown>;
  allowed: ReadonlySet<string>;
  logs: Map<string, GapLog>;
  problem?: string;
  loadingMore: boolean;
}

const state: State = { allowed: new Set(), logs: new Map(), loadingMore: false };

/** The tool to page: the one the host names in toolInfo, else the report's own tool name. */
function reportTool(report: ReportResult): string {
  return view.toolName() ?? `get_report_${report.report}`;
}

/** Chart width: the body's inner width, so the SVG is drawn at pixel size (text never shrinks). */
function chartWidth(): number {
  return Math.max(276, Math.min(1200, document.documentElement.clientWidth - 24));
}

function draw(): void {
  const report = state.report;
  if (!report) return;
  const shown = report.rows.length;
  replaceChildren(
    document.body,
    h(
      'header',
      { class: 'rc-head' },
      h('h1', null, report.title),
      h(
        'span',
        { class: 'muted' },
        report.page.total > shown
          ? `${shown} of ${report.page.total} rows`
          : `${shown} row${shown === 1 ? '' : 's'}`,
      ),
    ),
    state.problem !== undefined && statusBlock('error', state.problem),
    ...reportSection(report, {
      width: chartWidth(),
      whitespace: {
        canLog: state.allowed.has('log_opportunity'),
        logs: state.logs,
        onLog: (cell) => void logOpportunity(report, cell),
      },
    }),
    moreButton({
      hasMore: report.page.nextCursor !== null,
      loading: state.loadingMore,
      onClick: () => void more(),
    }),
  );
}

async function more(): Promise<void> {
  const report = state.report;
  if (!report || report.page.nextCursor === null) return;
  state.loadingMore = true;
  state.problem = undefined;
  draw();
  // The cursor is bound to the parameters as given: the tool-input arguments when the host sent
  // them; else the result's parameters (defaults filled in, which the server reads the same way).
  const args = { ...(state.args ?? report.parameters), cursor: report.page.nextCursor };
  const result = await view.call(reportTool(report), args);
  state.loadingMore = false;
  const next = 'error' in result ? undefined : readReport(result.structuredContent);
  if ('error' in result) state.problem = result.error;
  else if (!next) state.problem = 'The next page held no report.';
  else state.report = mergePages(report, next);
  draw();
}

async function logOpportunity(report: ReportResult, cell: WhitespaceCell): Promise<void> {
  state.logs.set(gapKey(cell), { kind: 'pending' });
  draw();
  const result = await view.call('log_opportunity', opportunityArgs(report, cell));
  if ('error' in result) state.logs.set(gapKey(cell), { kind: 'error', text: result.error });
  else {
    const ticket = result.structuredContent ?? {};
    const reference =
      typeof ticket.reference === 'string'
        ? ticket.reference
        : typeof ticket.id === 'number'
          ? `#${ticket.id}`
          : 'a ticket';
    state.logs.set(gapKey(cell), { kind: 'logged', reference });
  }
  draw();
}

function onToolResult(result: ToolResultMessage): void {
  if (result.isError === true) {
    replaceChildren(document.body, statusBlock('error', resultText(result)));
    return;
  }
  const report = readReport(result.structuredContent);
  if (!report) {
    replaceChildren(document.body, statusBlock('empty', 'This result holds no report.'));
    return;
  }
  state.report = report;
  state.logs.clear();
  state.problem = undefined;
  if (Array.isArray(result._meta?.[ACTIONS_META_KEY])) state.allowed = allowedActions(result);
  draw();
}

// Charts are drawn at the window's width: draw again when it changes (a phone turned, a host
// resizing the frame), at most once a frame.
let pending = false;
window.addEventListener('resize', () => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    draw();
  });
});

const view = startView({
  loading: 'Loading the report…',
  name: 'servicedesk-report-charts',
  version: '0.1.0',
  onToolResult,
  onToolInput: (args) => {
    state.args = Object.fromEntries(Object.entries(args).filter(([key]) => key !== 'cursor'));
  },
});
