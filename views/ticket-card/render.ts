// The card itself: pure rendering from a CardTicket, so main.ts only decides when to draw.
import { h, type Child } from '../kit/dom.js';
import {
  formatDateTime,
  minutesLeft,
  priorityLabel,
  slaClass,
  slaLabel,
  statusLabel,
  timeLeft,
} from '../kit/format.js';
import type { CardNote, CardTicket } from './ticket.js';

function field(label: string, value: Child): HTMLElement | null {
  if (value === undefined || value === null || value === '') return null;
  return h('div', { class: 'field' }, h('dt', null, label), h('dd', null, value));
}

function assigneeText(ticket: CardTicket): string | undefined {
  if (ticket.assignee === null) return 'unassigned';
  if (ticket.assignee !== undefined) return ticket.assignee;
  if (ticket.assigned !== undefined) return ticket.assigned ? 'assigned' : 'not yet assigned';
  return undefined;
}

function slaBadge(ticket: CardTicket, now: Date): HTMLElement {
  const sla = ticket.sla;
  if (sla) {
    // The server's own figure (it knows which target, response or resolution, is next).
    const left = minutesLeft(sla.minutesRemaining);
    return h(
      'span',
      { class: `badge ${slaClass(sla.state)}`, 'data-sla': sla.state },
      left.startsWith('breached') ? `SLA ${left}` : `SLA ${slaLabel(sla.state)} · ${left}`,
    );
  }
  if (ticket.dueAt !== undefined) {
    return h('span', { class: 'badge sla-none' }, `Due: ${timeLeft(ticket.dueAt, now)}`);
  }
  return h('span', { class: 'badge sla-none' }, 'SLA unknown');
}

function noteItem(note: CardNote): HTMLElement {
  const isPrivate = note.visibility === 'private';
  return h(
    'li',
    { class: isPrivate ? 'note note-private' : 'note' },
    h(
      'div',
      { class: 'note-head row' },
      h('strong', null, note.author),
      note.writtenByAi && h('span', { class: 'badge' }, 'AI'),
      isPrivate && h('span', { class: 'badge badge-private' }, 'private'),
      note.createdAt !== '' && h('span', { class: 'muted' }, formatDateTime(note.createdAt)),
    ),
    h('p', { class: 'note-body' }, note.body),
  );
}

function notesSection(notes: CardNote[] | undefined): HTMLElement {
  if (notes === undefined) return h('p', { class: 'muted' }, 'Notes not loaded.');
  if (notes.length === 0) return h('p', { class: 'muted' }, 'No notes yet.');
  return h('ol', { class: 'notes' }, notes.map(noteItem));
}

/**
 * The ticket card: heading, badges, people, details and notes (no actions; main.ts adds those).
 *
 * @example
 * document.body.append(renderTicket(ticket, new Date()));
 */
export function renderTicket(ticket: CardTicket, now: Date): HTMLElement {
  const team = [ticket.type, ticket.team, ticket.category].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return h(
    'article',
    { class: 'card', 'aria-label': `Ticket ${ticket.id}` },
    h(
      'header',
      null,
      h('h1', null, h('span', { class: 'muted mono' }, `#${ticket.id} `), ticket.summary),
      h(
        'div',
        { class: 'row' },
        ticket.status !== undefined &&
          h('span', { class: 'badge', 'data-status': ticket.status }, statusLabel(ticket.status)),
        ticket.priority !== undefined &&
          h(
            'span',
            { class: `badge prio prio-${ticket.priority}` },
            priorityLabel(ticket.priority),
          ),
        slaBadge(ticket, now),
      ),
    ),
    h(
      'dl',
      { class: 'fields' },
      field('Requester', ticket.requester ?? undefined),
      field('Organisation', ticket.organisation ?? undefined),
      field('Assignee', assigneeText(ticket)),
      field('Type / team', [...new Set(team)].join(' · ')),
    ),
    ticket.details !== undefined &&
      ticket.details !== '' &&
      h('section', null, h('h2', null, 'Details'), h('p', { class: 'details' }, ticket.details)),
    h('section', null, h('h2', null, 'Notes'), notesSection(ticket.notes)),
  );
}
