import type { AbilityRun } from './ability-runner.js';
import type { AbilityDefinition } from './define-ability.js';

/** The longest note body written back, like `add_note`'s limit. */
const maxNoteLength = 10_000;

/**
 * The body of a written-back note: a first line saying which ability, model and provider wrote it
 * (the note's own provenance says AI, the collection and the client), then the answer — the
 * parsed object as JSON for a structured ability.
 *
 * @example
 * aiNoteBody(summarise, run) // 'Written by AI ability summarise, model gpt-4o-mini via api.openai.com:\n\n…'
 */
export function aiNoteBody(ability: AbilityDefinition, run: AbilityRun): string {
  const via = run.via === 'sampling' ? "the client's model (MCP sampling)" : run.source;
  const heading = `Written by AI ability ${ability.id}, model ${run.model} via ${via}:`;
  const answer = run.result === undefined ? run.text : JSON.stringify(run.result, null, 2);
  const body = `${heading}\n\n${answer}`;
  return body.length <= maxNoteLength ? body : `${body.slice(0, maxNoteLength - 12)}\n[…cut]`;
}
