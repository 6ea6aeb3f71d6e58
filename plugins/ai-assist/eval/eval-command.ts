import { defineCommand, ServiceDeskError, type PluginCommand } from '../../../core/index.js';
import { evalClassifyMode } from './eval-classify-mode.js';
import { evalExportMode } from './eval-export-mode.js';
import { evalModeNames, type EvalMode, type EvalModeName } from './eval-mode.js';
import { evalRetrievalMode } from './eval-retrieval-mode.js';
import { evalSuggestionsMode } from './eval-suggestions-mode.js';

const modes: Readonly<Record<EvalModeName, EvalMode>> = {
  suggestions: evalSuggestionsMode,
  retrieval: evalRetrievalMode,
  export: evalExportMode,
  classify: evalClassifyMode,
};

/** An option given that the chosen mode does not read: said, not silently ignored. */
function refuseForeignOptions(mode: EvalMode, given: Readonly<Record<string, unknown>>): void {
  const foreign = Object.keys(given).filter(
    (name) => name !== 'config' && given[name] !== undefined && !(name in mode.options),
  );
  if (foreign.length === 0) return;
  const own = Object.keys(mode.options).map((name) => `--${name}`);
  throw new ServiceDeskError(
    'CLI_USAGE',
    `eval ${mode.name} does not take ${foreign.map((name) => `--${name}`).join(', ')}; ` +
      `its options are ${own.join(', ')}: servicedesk-mcp ${mode.usage}`,
  );
}

/**
 * `servicedesk-mcp eval <suggestions|retrieval|export|classify> …`: measures AI suggestions and matching
 * with the same code the tools run, on JSONL files, or writes those files from the desk's own
 * history with the newest tickets held out.
 *
 * @example
 * // servicedesk-mcp eval suggestions --train a.jsonl --test b.jsonl
 * definePlugin({ id: 'ai-assist', commands: [evalCommand], setup() {} })
 */
export const evalCommand: PluginCommand = defineCommand({
  name: 'eval',
  description:
    'Measure suggestions or retrieval on JSONL files, classifiers on public ticket sets, or export from the desk',
  arguments: [
    {
      name: 'mode',
      description:
        'suggestions (--train, --test), retrieval (--corpus, --queries, --qrels), export (--out) or classify (--data, --text-fields, --label)',
      choices: evalModeNames,
    },
  ],
  options: Object.assign(
    {},
    ...Object.values(modes).map((mode) => mode.options),
  ) as EvalMode['options'],
  run: async (ctx) => {
    const name = ctx.positionals[0] as EvalModeName;
    const mode = modes[name];
    refuseForeignOptions(mode, ctx.options);
    return mode.run(ctx);
  },
});
