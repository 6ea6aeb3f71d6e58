import { textFeatureKeys } from './text-features.js';

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
  /** Feature key → index. */
  readonly index: ReadonlyMap<string, number>;
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

/**
 * Counts, per candidate feature, its document frequency and its distinct organisations (capped
 * at {@link sharedFeatureMinimums}.organisations: only "one or at least two" matters), then keeps
 * the `maxFeatures` most frequent of those in at least `minDocumentFrequency` documents (ties by
 * key, so the choice is deterministic). Memory while counting: every distinct candidate key
 * once, plus 13 bytes per key; after: the kept keys, plus 5 bytes per kept feature.
 *
 * @example
 * const vocabulary = buildVocabulary([{ text: 'VPN drops', organisation: 'acme' }, { text: 'VPN slow' }]);
 * vocabulary.index.has('w:vpn') // true
 */
export function buildVocabulary(
  documents: readonly VocabularyDocument[],
  options: VocabularyOptions = {},
): Vocabulary {
  const minDf = options.minDocumentFrequency ?? 2;
  const maxFeatures = options.maxFeatures ?? 2 ** 18;
  const slots = new Map<string, number>();
  let df = new Int32Array(1024);
  let lastDocument = new Int32Array(1024);
  let firstOrganisation = new Int32Array(1024);
  let organisations = new Uint8Array(1024);
  const organisationIds = new Map<string, number>();
  for (const [position, document] of documents.entries()) {
    const named = document.organisation;
    // Unknown organisations get a negative id of their own, so they never pool.
    let organisation = -(position + 1);
    if (named !== undefined && named !== null && String(named) !== '') {
      const key = String(named);
      organisation = organisationIds.get(key) ?? organisationIds.size;
      organisationIds.set(key, organisation);
    }
    const keys = textFeatureKeys(document.text);
    for (const key of [...keys.words, ...keys.chars]) {
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = slots.size;
        slots.set(key, slot);
        df = grow(df, slot + 1);
        lastDocument = grow(lastDocument, slot + 1);
        firstOrganisation = grow(firstOrganisation, slot + 1);
        organisations = grow(organisations, slot + 1);
        lastDocument[slot] = -1;
      }
      if (lastDocument[slot] === position) continue;
      lastDocument[slot] = position;
      df[slot] = (df[slot] ?? 0) + 1;
      if (organisations[slot] === 0) {
        organisations[slot] = 1;
        firstOrganisation[slot] = organisation;
      } else if (organisations[slot] === 1 && firstOrganisation[slot] !== organisation) {
        organisations[slot] = sharedFeatureMinimums.organisations;
      }
    }
  }
  const candidates = [...slots].filter(([, slot]) => (df[slot] ?? 0) >= minDf);
  candidates.sort(([ka, sa], [kb, sb]) => (df[sb] ?? 0) - (df[sa] ?? 0) || (ka < kb ? -1 : 1));
  const kept = candidates.slice(0, maxFeatures);
  const index = new Map<string, number>();
  const idf = new Float32Array(kept.length);
  const shared = new Uint8Array(kept.length);
  const n = documents.length;
  for (const [feature, [key, slot]] of kept.entries()) {
    const frequency = df[slot] ?? 0;
    index.set(key, feature);
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
    idf,
    shared,
    normalise: options.normalise ?? 'blocks',
  });
}

/** Sublinear tf-idf weights of the known keys, in first-seen order. */
function weigh(
  vocabulary: Vocabulary,
  keys: readonly string[],
  sharedOnly: boolean,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) {
    const feature = vocabulary.index.get(key);
    if (feature === undefined || (sharedOnly && vocabulary.shared[feature] !== 1)) continue;
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  for (const [feature, tf] of counts) {
    counts.set(feature, (1 + Math.log(tf)) * (vocabulary.idf[feature] ?? 0));
  }
  return counts;
}

function scale(weights: Map<number, number>): Map<number, number> {
  let sum = 0;
  for (const weight of weights.values()) sum += weight * weight;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (const [feature, weight] of weights) weights.set(feature, weight / norm);
  return weights;
}

/**
 * The TF-IDF vector of a text over a vocabulary: sublinear tf (1 + ln tf) times idf, unit
 * length (per block, then overall, unless the vocabulary says 'joint'). Keys the vocabulary does
 * not hold are ignored, and with `sharedOnly` so are features that are not shared, so a word only
 * one organisation wrote weighs exactly as a word nobody wrote. Undefined when no feature is left.
 *
 * @example
 * vectorise(vocabulary, 'VPN keeps dropping')?.indices.length // how many known features
 */
export function vectorise(
  vocabulary: Vocabulary,
  text: string,
  options: { readonly sharedOnly?: boolean } = {},
): SparseVector | undefined {
  const keys = textFeatureKeys(text);
  const sharedOnly = options.sharedOnly === true;
  const blocks =
    vocabulary.normalise === 'joint'
      ? [weigh(vocabulary, [...keys.words, ...keys.chars], sharedOnly)]
      : [weigh(vocabulary, keys.words, sharedOnly), weigh(vocabulary, keys.chars, sharedOnly)];
  const all = scale(new Map(blocks.flatMap((block) => [...scale(block)])));
  if (all.size === 0) return undefined;
  return { indices: Int32Array.from(all.keys()), values: Float32Array.from(all.values()) };
}
