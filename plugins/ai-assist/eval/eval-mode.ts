import type { CommandOption, PluginCommandContext } from '../../../core/index.js';

/** What `servicedesk-mcp eval <mode>` can do. */
export const evalModeNames = ['suggestions', 'retrieval', 'export', 'classify'] as const;

/** One of {@link evalModeNames}. */
export type EvalModeName = (typeof evalModeNames)[number];

/**
 * One mode of the `eval` command: its own options and what it runs. The command takes every
 * mode's options (the CLI parses one set) and refuses those the chosen mode does not read.
 *
 * @example
 * const mode: EvalMode = { name: 'retrieval', usage: 'eval retrieval --corpus c.jsonl …',
 *   options: { corpus: { type: 'string', description: 'JSONL of {id, text}' } }, run: async () => 0 };
 */
export interface EvalMode {
  readonly name: EvalModeName;
  /** How to call it, after `servicedesk-mcp `. */
  readonly usage: string;
  readonly options: Readonly<Record<string, CommandOption>>;
  run(ctx: PluginCommandContext): Promise<number>;
}
