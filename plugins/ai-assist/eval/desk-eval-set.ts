import type { Principal } from '../../../core/index.js';
import type { DeskStore, Ticket } from '../../desk/api.js';
import { finishedStatuses, resolutionNotes, teamLabels } from '../tools/similar-tickets.js';
import type { QrelRecord, SuggestionRecord } from './eval-records.js';

/** A past ticket as a retrieval document: its summary as the title, its details as the text. */
export interface DeskCorpusRecord {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** A ticket as a retrieval query: `train` ones are resolution history, `test` ones are scored. */
export interface DeskQueryRecord {
  readonly id: string;
  readonly text: string;
  readonly split: 'train' | 'test';
}

/** The five JSONL files of an eval set, as records. */
export interface DeskEvalSet {
  readonly train: readonly SuggestionRecord[];
  readonly test: readonly SuggestionRecord[];
  readonly corpus: readonly DeskCorpusRecord[];
  readonly queries: readonly DeskQueryRecord[];
  readonly qrels: readonly QrelRecord[];
}

/**
 * How many older tickets one history ticket is judged to have been resolved by: the newest with
 * its resolution note. One, because a resolved ticket points to one fix (an article or an
 * earlier ticket), as the desk's own learned fields are fed. Judging it resolved by every earlier
 * ticket with the note would let each of them learn every later ticket's words, so on a desk
 * where one note serves hundreds of tickets all of them would learn the same hundreds of
 * incidental words (sites, times, names) and an exact duplicate would no longer stand out.
 */
const historyJudgementsPerTicket = 1;

/** How the desk's finished tickets are read and split. */
export interface DeskEvalSetOptions {
  /** Share of the newest finished tickets held out as the test set (0.2). */
  readonly testShare: number;
  /** Called after each page of tickets read. */
  readonly onProgress?: (read: number) => void;
}

async function finishedTickets(
  desk: DeskStore,
  principal: Principal,
  onProgress?: (read: number) => void,
): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await desk.tickets.list(principal, {
      status: finishedStatuses,
      limit: 100,
      ...(cursor !== undefined && { cursor }),
    });
    tickets.push(...page.tickets);
    cursor = page.nextCursor;
    onProgress?.(tickets.length);
  } while (cursor !== undefined);
  // The store lists newest first; the split wants history in order.
  return tickets.reverse();
}

/**
 * A labelled eval set from the desk's own history, read through the store like any caller: the
 * resolved and closed tickets, oldest first, split by time so the newest `testShare` are held
 * out (the model never sees the future). Suggestions: `{ id, text, category, priority, team }`.
 * Retrieval: the older tickets are the corpus (summary as title, details as text), the held-out
 * ones the `test` queries, and an older ticket is relevant (1) when it was resolved with the same
 * resolution note — it would have told the agent how to fix the new one. The older tickets are
 * also `train` queries, each judged resolved by the newest earlier ticket with its note, so
 * `eval retrieval` lets those learn its words as the desk's own search learns from resolutions.
 *
 * @example
 * const set = await buildDeskEvalSet(desk, principal, { testShare: 0.2 });
 */
export async function buildDeskEvalSet(
  desk: DeskStore,
  principal: Principal,
  options: DeskEvalSetOptions,
): Promise<DeskEvalSet> {
  const tickets = await finishedTickets(desk, principal, options.onProgress);
  const teams = await teamLabels(desk, principal);
  const notes = new Map<number, string | null>();
  // Read a slice at a time: one store read per ticket (there is no bulk read of notes).
  for (let at = 0; at < tickets.length; at += 200) {
    const ids = tickets.slice(at, at + 200).map((t) => t.id);
    for (const [id, note] of await resolutionNotes(desk, principal, ids)) notes.set(id, note);
  }
  const records = tickets.map((t) => ({
    id: String(t.id),
    text: `${t.summary}\n${t.details}`,
    category: t.category ?? undefined,
    priority: String(t.priority),
    team: t.team_id === null ? undefined : teams.get(t.team_id)?.key,
  }));
  const cut = Math.round(records.length * (1 - options.testShare));
  const train = records.slice(0, cut);
  const test = records.slice(cut);
  const noteOf = (id: string) => notes.get(Number(id)) ?? undefined;
  // Older training tickets by note, growing as the history is walked oldest first.
  const byNote = new Map<string, string[]>();
  const historyQrels = train.flatMap((query) => {
    const note = noteOf(query.id);
    if (note === undefined) return [];
    let earlier = byNote.get(note);
    if (earlier === undefined) byNote.set(note, (earlier = []));
    const judged = earlier.slice(-historyJudgementsPerTicket);
    earlier.push(query.id);
    return judged.map((docId) => ({ queryId: query.id, docId, relevance: 1 }));
  });
  const testQrels = test.flatMap((query) => {
    const note = noteOf(query.id);
    const same = note === undefined ? [] : (byNote.get(note) ?? []);
    return same.map((docId) => ({ queryId: query.id, docId, relevance: 1 }));
  });
  const corpus = tickets.slice(0, cut).map((t) => ({
    id: String(t.id),
    title: t.summary,
    text: t.details,
  }));
  const queries = [
    ...train.map(({ id, text }) => ({ id, text, split: 'train' as const })),
    ...test.map(({ id, text }) => ({ id, text, split: 'test' as const })),
  ];
  return { train, test, corpus, queries, qrels: [...historyQrels, ...testQrels] };
}
