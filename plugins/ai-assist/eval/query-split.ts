import { idShare } from '../scoring/id-share.js';
import type { RetrievalQuery } from './retrieval-set.js';

/** How a retrieval set's queries divide into resolution history and test queries. */
export interface QuerySplitOptions {
  /** The split value of history queries (`train`). */
  readonly historyValue: string;
  /** The split value of test queries (`test`). */
  readonly testValue: string;
  /** Without split values: the share of queries, by a fixed hash of the id, taken as history. */
  readonly historyShare: number;
}

/** The queries divided, in file order. */
export interface QuerySplit {
  /** Past queries whose relevant documents learn their words. */
  readonly history: readonly RetrievalQuery[];
  /** Queries that are ranked and scored. */
  readonly test: readonly RetrievalQuery[];
  /** Queries of another split (such as `dev`), or without one where others have one. */
  readonly unused: number;
  /** Whether the set's own split values or the id hash decided. */
  readonly by: 'split' | 'hash';
}

/**
 * Divides queries into history and test: by the set's own split values when any query carries
 * one (others are unused — a development split is neither learned from nor scored), else by
 * {@link idShare} of the id, `historyShare` of them becoming history. File order is kept: it is
 * taken as time order, oldest first, when the history is bounded per document.
 *
 * @example
 * splitQueries(queries, { historyValue: 'train', testValue: 'test', historyShare: 0.5 }).test.length
 */
export function splitQueries(
  queries: readonly RetrievalQuery[],
  options: QuerySplitOptions,
): QuerySplit {
  if (queries.some((query) => query.split !== undefined)) {
    const history = queries.filter((query) => query.split === options.historyValue);
    const test = queries.filter((query) => query.split === options.testValue);
    return { history, test, unused: queries.length - history.length - test.length, by: 'split' };
  }
  const history = queries.filter((query) => idShare(query.id) < options.historyShare);
  const test = queries.filter((query) => idShare(query.id) >= options.historyShare);
  return { history, test, unused: 0, by: 'hash' };
}
