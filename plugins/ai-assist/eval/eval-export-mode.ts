import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceDeskError, type Principal } from '../../../core/index.js';
import { deskStoreRef } from '../../desk/api.js';
import { numberOption } from './command-options.js';
import { buildDeskEvalSet } from './desk-eval-set.js';
import type { EvalMode } from './eval-mode.js';

/**
 * Who the export reads the desk as: a local service account that sees every ticket. A CLI command
 * already holds the database, so this grants nothing the operator does not have.
 */
const exportPrincipal: Principal = Object.freeze({
  userId: 'ai-assist-eval-export',
  role: 'service',
  organisationId: undefined,
  email: undefined,
  clientId: 'servicedesk-mcp eval export',
  scopes: new Set(['tickets:read:all', 'kb:read']),
  collectionId: 'cli',
});

const toJsonl = (records: readonly unknown[]) =>
  records.map((record) => JSON.stringify(record)).join('\n') + '\n';

const usage = 'eval export --out eval-set [--test-share 0.2]';

/**
 * `servicedesk-mcp eval export --out <folder> [--test-share 0.2]`: writes a labelled eval set
 * from the desk's resolved and closed tickets (seed the demo desk first for one the project
 * generates itself): `train.jsonl` and `test.jsonl` for `eval suggestions`, and `corpus.jsonl`,
 * `queries.jsonl` and `qrels.jsonl` for `eval retrieval`.
 *
 * @example
 * await evalExportMode.run(ctx) // wrote 2382 training and 596 test tickets, …
 */
export const evalExportMode: EvalMode = {
  name: 'export',
  usage,
  options: {
    out: { type: 'string', description: 'The folder to write the five JSONL files to' },
    'test-share': { type: 'string', description: 'Share of the newest tickets held out (0.2)' },
  },
  run: async ({ services, options, out }) => {
    const folder = options['out'];
    if (typeof folder !== 'string' || folder.trim() === '') {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `--out <folder> is required: servicedesk-mcp ${usage}`,
      );
    }
    const testShare = numberOption(options, {
      name: 'test-share',
      min: 0.01,
      max: 0.99,
      fallback: 0.2,
    });
    const desk = services.get(deskStoreRef);
    const set = await buildDeskEvalSet(desk, exportPrincipal, { testShare });
    if (set.train.length === 0 || set.test.length === 0) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        'the desk has too few resolved tickets to split; seed it first: servicedesk-mcp seed',
      );
    }
    await mkdir(folder, { recursive: true });
    const files = {
      'train.jsonl': set.train,
      'test.jsonl': set.test,
      'corpus.jsonl': set.corpus,
      'queries.jsonl': set.queries,
      'qrels.jsonl': set.qrels,
    };
    for (const [name, records] of Object.entries(files)) {
      await writeFile(join(folder, name), toJsonl(records));
    }
    out(
      `wrote ${set.train.length} training and ${set.test.length} test tickets, ` +
        `${set.qrels.length} relevance judgements to ${folder}`,
    );
    return 0;
  },
};
