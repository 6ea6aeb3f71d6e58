import { textFeatures } from './text-features.js';

/**
 * A feature is "shared" when at least this many training documents from at least this many
 * distinct organisations contain it. Only shared features are read by a `sharedOnly` prediction,
 * so what one organisation alone writes never moves a suggestion made for another.
 *
 * @example
 * sharedFeatureMinimums.organisations // 2
 */
export const sharedFeatureMinimums = Object.freeze({ documents: 3, organisations: 2 });

/** How a vocabulary is chosen. */
export interface VocabularyOptions {
  /** Features in fewer training documents are dropped (2: a feature seen once cannot generalise). */
  readonly minDocumentFrequency?: number;
  /** At most this many features, the most frequent by document frequency (2^18). */
  readonly maxFeatures?: number;
  /**
   * 'blocks' (default) normalises word and character features apart, then the whole, so the
   * many character n-grams cannot drown the words; 'joint' normalises them together.
   */
  readonly normalise?: 'blocks' | 'joint';
}

/** One training document as the vocabulary sees it. */
export interface VocabularyDocument {
  readonly text: string;
  /** Whose ticket it is; a document without one counts as an organisation of its own. */
  readonly organisation?: string | number | null;
}

/** A sparse TF-IDF vector: feature indices and their weights, unit length. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The chosen features with their idf and whether each is shared across organisations. */
export interface Vocabulary {
  readonly size: number;
  /** Word feature key (`w:vpn`, `b:vpn drop`) → index. */
  readonly index: ReadonlyMap<string, number>;
  /** Hashed character n-gram (see `textFeatures`) → index. */
  readonly chars: ReadonlyMap<number, number>;
  /** Smooth idf per feature: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
  /** 1 where the feature meets {@link sharedFeatureMinimums}. */
  readonly shared: Uint8Array;
  readonly normalise: 'blocks' | 'joint';
}

/** Typed arrays that double when full, so counting millions of candidate n-grams stays compact. */
function grow<T extends Int32Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Counts features document by document; {@link buildVocabulary} over a stream. */
export interface FeatureCounter {
  add(document: VocabularyDocument): void;
  /** The vocabulary of every document added. */
  finish(): Vocabulary;
}

/**
 * Counts, per candidate feature, its document frequency and its distinct organisations (capped
 * at {@link sharedFeatureMinimums}.organisations: only "one or at least two" matters), then keeps
 * the `maxFeatures` most frequent of those in at least `minDocumentFrequency` documents (ties by
 * key, so the choice is deterministic). Memory while counting: every distinct candidate key
 * once, plus 13 bytes per key; after: the kept keys, plus 5 bytes per kept feature.
 *
 * @example
 * const counter = createFeatureCounter();
 * for (const ticket of history) counter.add(ticket);
 * const vocabulary = counter.finish();
 */
export function createFeatureCounter(options: VocabularyOptions = {}): FeatureCounter {
  const minDf = options.minDocumentFrequency ?? 2;
  const maxFeatures = options.maxFeatures ?? 2 ** 18;
  const slots = new Map<string, number>();
  const charSlots = new Map<number, number>();
  let df = new Int32Array(1024);
  let lastDocument = new Int32Array(1024);
  let firstOrganisation = new Int32Array(1024);
  let organisations = new Uint8Array(1024);
  const organisationIds = new Map<string, number>();
  let position = -1;
  return {
    add(document) {
      position += 1;
      const named = document.organisation;
      // Unknown organisations get a negative id of their own, so they never pool.
      let organisation = -(position + 1);
      if (named !== undefined && named !== null && String(named) !== '') {
        const key = String(named);
        organisation = organisationIds.get(key) ?? organisationIds.size;
        organisationIds.set(key, organisation);
      }
      const features = textFeatures(document.text);
      const count = (key: string | number) => {
        const map: Map<string | number, number> = typeof key === 'string' ? slots : charSlots;
        let slot = map.get(key);
        if (slot === undefined) {
          slot = slots.size + charSlots.size;
          map.set(key, slot);
          df = grow(df, slot + 1);
          lastDocument = grow(lastDocument, slot + 1);
          firstOrganisation = grow(firstOrganisation, slot + 1);
          organisations = grow(organisations, slot + 1);
          lastDocument[slot] = -1;
        }
        if (lastDocument[slot] === position) return;
        lastDocument[slot] = position;
        df[slot] = (df[slot] ?? 0) + 1;
        if (organisations[slot] === 0) {
          organisations[slot] = 1;
          firstOrganisation[slot] = organisation;
        } else if (organisations[slot] === 1 && firstOrganisation[slot] !== organisation) {
          organisations[slot] = sharedFeatureMinimums.organisations;
        }
      };
      for (const key of features.words) count(key);
      for (const key of features.chars) count(key);
    },
    finish() {
      // Words before character n-grams at equal frequency, then by key: a deterministic choice.
      const candidates = [...slots, ...charSlots].filter(([, slot]) => (df[slot] ?? 0) >= minDf);
      const rank = (key: string | number) => (typeof key === 'string' ? 0 : 1);
      candidates.sort(
        ([ka, sa], [kb, sb]) =>
          (df[sb] ?? 0) - (df[sa] ?? 0) || rank(ka) - rank(kb) || (ka < kb ? -1 : 1),
      );
      const kept = candidates.slice(0, maxFeatures);
      const index = new Map<string, number>();
      const chars = new Map<number, number>();
      const idf = new Float32Array(kept.length);
      const shared = new Uint8Array(kept.length);
      const n = position + 1;
      for (const [feature, [key, slot]] of kept.entries()) {
        const frequency = df[slot] ?? 0;
        if (typeof key === 'string') index.set(key, feature);
        else chars.set(key, feature);
        idf[feature] = Math.log((1 + n) / (1 + frequency)) + 1;
        shared[feature] =
          frequency >= sharedFeatureMinimums.documents &&
          (organisations[slot] ?? 0) >= sharedFeatureMinimums.organisations
            ? 1
            : 0;
      }
      return Object.freeze({
        size: kept.length,
        index,
        chars,
        idf,
        shared,
        normalise: options.normalise ?? 'blocks',
      });
    },
  };
}

/**
 * {@link createFeatureCounter} over a list of documents.
 *
 * @example
 * const vocabulary = buildVocabulary([{ text: 'VPN drops', organisation: 'acme' }, { text: 'VPN slow' }]);
 * vocabulary.index.has('w:vpn') // true
 */
export function buildVocabulary(
  documents: readonly VocabularyDocument[],
  options: VocabularyOptions = {},
): Vocabulary {
  const counter = createFeatureCounter(options);
  for (const document of documents) counter.add(document);
  return counter.finish();
}

/** Sublinear tf-idf weights of the known keys (words, or hashed n-grams), in first-seen order. */
function weigh(
  vocabulary: Vocabulary,
  keys: readonly (string | number)[],
  sharedOnly: boolean,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) {
    const feature = typeof key === 'string' ? vocabulary.index.get(key) : vocabulary.chars.get(key);
    if (feature === undefined || (sharedOnly && vocabulary.shared[feature] !== 1)) continue;
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  for (const [feature, tf] of counts) {
    counts.set(feature, (1 + Math.log(tf)) * (vocabulary.idf[feature] ?? 0));
  }
  return counts;
}

function lengthOf(weights: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const weight of weights.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

/**
 * The TF-IDF vector of a text over a vocabulary: sublinear tf (1 + ln tf) times idf, unit
 * length (per block, then overall, unless the vocabulary says 'joint'). Keys the vocabulary does
 * not hold are ignored. With `sharedOnly` so are features that are not shared, and every
 * character n-gram: a word only one organisation wrote would still bring the n-grams it shares
 * with common words, whose weights that organisation's tickets taught. So such a word weighs
 * exactly as a word nobody wrote. Undefined when no feature is left.
 *
 * @example
 * vectorise(vocabulary, 'VPN keeps dropping')?.indices.length // how many known features
 */
export function vectorise(
  vocabulary: Vocabulary,
  text: string,
  options: { readonly sharedOnly?: boolean } = {},
): SparseVector | undefined {
  const sharedOnly = options.sharedOnly === true;
  const all = textFeatures(text);
  const keys = sharedOnly ? { words: all.words, chars: [] } : all;
  const blocks =
    vocabulary.normalise === 'joint'
      ? [weigh(vocabulary, [...keys.words, ...keys.chars], sharedOnly)]
      : [weigh(vocabulary, keys.words, sharedOnly), weigh(vocabulary, keys.chars, sharedOnly)];
  // Each block to unit length, then the whole: the blocks' features never overlap, so the whole
  // is as long as the square root of the number of blocks that have any.
  const lengths = blocks.map(lengthOf);
  const size = blocks.reduce((sum, block) => sum + block.size, 0);
  const whole = Math.sqrt(lengths.filter((length) => length > 0).length);
  if (size === 0 || whole === 0) return undefined;
  const indices = new Int32Array(size);
  const values = new Float32Array(size);
  let at = 0;
  for (const [b, block] of blocks.entries()) {
    const scaleBy = 1 / ((lengths[b] ?? 1) * whole);
    for (const [feature, weight] of block) {
      indices[at] = feature;
      values[at] = weight * scaleBy;
      at += 1;
    }
  }
  return { indices, values };
}
