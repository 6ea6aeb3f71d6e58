import type { Principal } from '../../../core/index.js';
import type { DeskStore, Ticket } from '../../desk/api.js';
import { finishedStatuses, resolutionNotes, teamLabels } from '../tools/similar-tickets.js';
import type { QrelRecord, SuggestionRecord, TextRecord } from './eval-records.js';

/** The five JSONL files of an eval set, as records. */
export interface DeskEvalSet {
  readonly train: readonly SuggestionRecord[];
  readonly test: readonly SuggestionRecord[];
  readonly corpus: readonly TextRecord[];
  readonly queries: readonly TextRecord[];
  readonly qrels: readonly QrelRecord[];
}

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
 * Retrieval: the held-out tickets are the queries, the older ones the corpus, and an older ticket
 * is relevant (1) when it was resolved with the same resolution note — it would have told the
 * agent how to fix the new one.
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
  const byNote = new Map<string, string[]>();
  for (const record of train) {
    const note = notes.get(Number(record.id));
    if (note === null || note === undefined) continue;
    byNote.set(note, [...(byNote.get(note) ?? []), record.id]);
  }
  const qrels = test.flatMap((query) => {
    const note = notes.get(Number(query.id));
    const same = note === null || note === undefined ? [] : (byNote.get(note) ?? []);
    return same.map((docId) => ({ queryId: query.id, docId, relevance: 1 }));
  });
  const asText = ({ id, text }: SuggestionRecord) => ({ id, text });
  return { train, test, corpus: train.map(asText), queries: test.map(asText), qrels };
}
