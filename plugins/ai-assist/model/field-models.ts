import type { Logger } from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import { runCooperatively } from '../learning/cooperative.js';
import { fieldClassifierTraining } from '../learning/field-classifiers.js';
import type { TextClassifier } from '../learning/text-classifier.js';
import { suggestionFields, type SuggestionField } from '../scoring/suggestion-fields.js';
import { historyReader } from './history-reader.js';
import { readTrainingHistory } from './training-history.js';

/** The classifiers of one training, by field; a field too sparse to learn is left out. */
export interface TrainedFieldModels {
  readonly classifiers: Readonly<Partial<Record<SuggestionField, TextClassifier>>>;
  /** How many resolved and closed tickets they were trained on. */
  readonly tickets: number;
  readonly trainedAt: Date;
  /** Milliseconds the reading and training took. */
  readonly tookMs: number;
}

/** Settings of {@link createFieldModels}. */
export interface FieldModelSettings {
  /** The newest resolved and closed tickets trained on, at most; bounds time and memory. */
  readonly maxTickets: number;
  /** Minutes between checks for new resolutions (0: train once, never refresh). */
  readonly refreshMinutes: number;
  readonly log: Logger;
}

/** The learned classifiers of a desk, trained in the background and refreshed on a schedule. */
export interface FieldModels {
  /** The models of the last finished training; undefined before the first has finished. */
  current(): TrainedFieldModels | undefined;
  /**
   * {@link FieldModels.current}, but while the first training runs (just after start) waits for
   * it up to `waitMs`. Calls do not wait (they use the vote until the models are ready, so a
   * restart never slows them); tests and benchmarks that need the models do.
   */
  settled(waitMs?: number): Promise<TrainedFieldModels | undefined>;
  /**
   * Reads the history and trains now, unless the history is unchanged since the last training.
   * Calls while one runs share it. Never throws: a failure is logged and the old models stay.
   */
  refresh(options?: { readonly force?: boolean }): Promise<TrainedFieldModels | undefined>;
  /** Starts the schedule (the first training at once). */
  start(): void;
  /** Stops the schedule and any training under way (at its next chunk); the models stay. */
  stop(): void;
}

/**
 * The newest finished tickets the models train on unless configured otherwise: about 250 MB at
 * the peak of a training on the demo desk's tickets (`npm run bench:models`), whatever the size
 * of the desk.
 */
export const defaultMaxTrainingTickets = 50_000;

/** How long {@link FieldModels.settled} waits for the first training by default. */
const defaultSettleMs = 15_000;

/**
 * The desk's learned classifiers for category, priority and team: trained from the newest
 * `maxTickets` resolved and closed tickets (read through the store as a service that reaches
 * every ticket), in the background, and retrained every `refreshMinutes` when the newest
 * finished tickets changed. Until the first training ends, and for a field too sparse to learn,
 * suggestions fall back to the similar tickets' vote.
 *
 * @example
 * const models = createFieldModels(desk, { maxTickets: 50_000, refreshMinutes: 30, log });
 * models.start();
 * models.current()?.classifiers.team?.predict('VPN drops every hour')
 */
export function createFieldModels(desk: DeskStore, settings: FieldModelSettings): FieldModels {
  let latest: TrainedFieldModels | undefined;
  let running: Promise<TrainedFieldModels | undefined> | undefined;
  let signature: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let first: Promise<TrainedFieldModels | undefined> | undefined;
  let stopped = false;

  async function train(force: boolean): Promise<TrainedFieldModels | undefined> {
    const started = Date.now();
    try {
      const history = await readTrainingHistory(desk, historyReader, settings.maxTickets);
      if (stopped || (!force && history.signature === signature)) return latest;
      // In chunks of a few milliseconds, so calls keep being answered while it trains.
      const classifiers = await runCooperatively(
        fieldClassifierTraining(history.tickets, suggestionFields),
        () => stopped,
      );
      if (classifiers === undefined) return latest;
      signature = history.signature;
      latest = Object.freeze({
        classifiers: Object.freeze(classifiers),
        tickets: history.tickets.length,
        trainedAt: new Date(),
        tookMs: Date.now() - started,
      });
      settings.log.info('ai-assist models trained', {
        tickets: latest.tickets,
        fields: Object.keys(classifiers),
        tookMs: latest.tookMs,
      });
      return latest;
    } catch (error) {
      // A read cut short by a shutdown is not a failure to report.
      if (stopped) return latest;
      settings.log.error('ai-assist models could not be trained; the previous ones stay', {
        error: error instanceof Error ? error.message : String(error),
      });
      return latest;
    }
  }

  const models: FieldModels = {
    current: () => latest,
    async settled(waitMs = defaultSettleMs) {
      if (latest !== undefined || first === undefined) return latest;
      let timeout: NodeJS.Timeout | undefined;
      const waited = new Promise<undefined>((resolve) => {
        timeout = setTimeout(() => resolve(undefined), waitMs);
      });
      const result = await Promise.race([first, waited]);
      clearTimeout(timeout);
      return result;
    },
    refresh(options = {}) {
      running ??= train(options.force === true).finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (timer !== undefined || first !== undefined) return;
      stopped = false;
      first = models.refresh();
      if (settings.refreshMinutes <= 0) return;
      timer = setInterval(() => void models.refresh(), settings.refreshMinutes * 60_000);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
  return Object.freeze(models);
}
