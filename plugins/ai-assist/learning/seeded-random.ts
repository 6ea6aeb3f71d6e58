/**
 * A seeded pseudo-random generator (mulberry32) giving numbers in [0, 1): the same seed gives the
 * same sequence on every machine, so training shuffles, and so the model, are reproducible.
 *
 * @example
 * const random = seededRandom(1); random() // 0.6270739405881613
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A share in [0, 1) fixed by a text (FNV-1a 32-bit hash): the same id always falls on the same
 * side of a split, whatever the order or number of the other records.
 *
 * @example
 * idShare('ticket-42') < 0.2 // whether ticket-42 is held out at a 20 % share
 */
export function idShare(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}
