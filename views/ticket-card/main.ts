// The ticket card view (issue 21): shows the ticket of a get_ticket, create_ticket or
// update_ticket result and, when the server allows them for this caller, "Assign to me" and
// "Add note". After an action it reloads the ticket with get_ticket and draws it again.
import { ACTIONS_META_KEY, allowedActions } from '../kit/actions.js';
import { h, replaceChildren } from '../kit/dom.js';
import type { ToolResultMessage } from '../kit/host.js';
import { startView } from '../kit/start-view.js';
import { resultText, statusBlock } from '../kit/status.js';
import { noteForm, type NoteDraft } from './note-form.js';
import { renderTicket } from './render.js';
import { readTicket, type CardTicket } from './ticket.js';

interface State {
  ticket?: CardTicket;
  allowed: ReadonlySet<string>;
  /** The last action's failure (a tool's error text or a protocol error), shown above the card. */
  problem?: string;
  busy: boolean;
  /** Said after an action when the card could not be read again (no get_ticket). */
  notice?: string;
  /** A note being sent or refused: the form is drawn again with it, so the text survives. */
  draft?: NoteDraft;
}

const state: State = { allowed: new Set(), busy: false };

function draw(): void {
  const ticket = state.ticket;
  if (!ticket) return;
  const canAssign = state.allowed.has('assign_to_me');
  const canNote = state.allowed.has('add_note');
  replaceChildren(
    document.body,
    state.problem !== undefined && statusBlock('error', state.problem),
    state.notice !== undefined && statusBlock('info', state.notice),
    renderTicket(ticket, new Date()),
    (canAssign || canNote) &&
      h(
        'section',
        { class: 'actions panel', 'aria-label': 'Actions' },
        canAssign &&
          h(
            'button',
            {
              type: 'button',
              class: 'primary assign',
              disabled: state.busy,
              on: { click: () => void assignToMe() },
            },
            'Assign to me',
          ),
        canNote &&
          noteForm({
            allowPrivate: ticket.seenByStaff,
            initial: state.draft,
            onSubmit: (draft) => addNote(draft),
          }),
      ),
  );
}

/** Takes a result's ticket and allowed actions; a result without the actions key keeps the old ones. */
function take(result: ToolResultMessage): boolean {
  const ticket = readTicket(result.structuredContent);
  if (!ticket) return false;
  state.ticket = ticket;
  if (Array.isArray(result._meta?.[ACTIONS_META_KEY])) state.allowed = allowedActions(result);
  return true;
}

/** Calls a tool through the host; gives the result, or undefined after showing why it failed. */
async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<ToolResultMessage | undefined> {
  const outcome = await view.call(name, args);
  if (!('error' in outcome)) return outcome;
  state.problem = outcome.error;
  return undefined;
}

/**
 * Reads the whole ticket again with get_ticket, when the result's actions name it (a collection
 * that does not offer get_ticket would refuse the call). Says whether the card is now fresh.
 */
async function reload(): Promise<boolean> {
  const ticket = state.ticket;
  if (!ticket || !state.allowed.has('get_ticket')) return false;
  const fresh = await call('get_ticket', { ticketId: ticket.id });
  return fresh !== undefined && take(fresh);
}

/** Without get_ticket, what an action's own result tells: assign_to_me returns the ticket card. */
function applyActionResult(name: string, result: ToolResultMessage): void {
  const changed = readTicket(result.structuredContent);
  if (state.ticket && changed && changed.id === state.ticket.id) {
    state.ticket = {
      ...state.ticket,
      status: changed.status ?? state.ticket.status,
      assignee: changed.assignee ?? state.ticket.assignee,
      assigned: changed.assigned ?? state.ticket.assigned,
    };
  }
  state.notice = name === 'add_note' ? 'Note added.' : 'Assigned to you.';
}

async function act(name: string, args: Record<string, unknown>): Promise<boolean> {
  state.busy = true;
  state.problem = undefined;
  state.notice = undefined;
  draw();
  const done = await call(name, args);
  // The note went in: the form starts empty next time it is drawn.
  if (done && name === 'add_note') state.draft = undefined;
  if (done && !(await reload())) applyActionResult(name, done);
  state.busy = false;
  draw();
  return done !== undefined;
}

function assignToMe(): Promise<boolean> {
  return state.ticket ? act('assign_to_me', { ticketId: state.ticket.id }) : Promise.resolve(false);
}

function addNote(draft: NoteDraft): Promise<boolean> {
  if (!state.ticket) return Promise.resolve(false);
  state.draft = draft;
  return act('add_note', { ticketId: state.ticket.id, ...draft });
}

function onToolResult(result: ToolResultMessage): void {
  state.problem = undefined;
  state.notice = undefined;
  if (result.isError === true) {
    replaceChildren(document.body, statusBlock('error', resultText(result)));
    return;
  }
  if (!take(result)) {
    replaceChildren(document.body, statusBlock('empty', 'This result holds no ticket.'));
    return;
  }
  draw();
  // create_ticket and update_ticket send no notes: read the whole ticket once, else show ours.
  if (state.ticket?.notes === undefined) void reload().then(draw);
}

const view = startView({
  loading: 'Loading ticket…',
  name: 'servicedesk-ticket-card',
  version: '0.1.0',
  onToolResult,
  // Until the result comes, say which ticket is on its way (get_ticket and update_ticket name it).
  onToolInput: (args) => {
    if (!state.ticket && typeof args.ticketId === 'number')
      replaceChildren(document.body, statusBlock('loading', `Loading ticket #${args.ticketId}…`));
  },
});
