/**
 * The `limit` best of the `touched` document indices by `scores`, best first, ties by the lower
 * index (corpus order). A bounded heap keeps it O(n log limit): a ranker scores thousands of
 * documents per query but returns ten, and sorting them all dominated large evaluations.
 *
 * @example
 * topRanked(new Float64Array([0.5, 2, 0, 2]), [0, 1, 3], 2) // [1, 3]
 */
export function topRanked(
  scores: Float64Array,
  touched: readonly number[],
  limit: number,
): number[] {
  const score = (index: number) => scores[index] ?? 0;
  // `a` ranks below `b`: the heap keeps its worst member on top, to be replaced first.
  const worse = (a: number, b: number) => score(a) < score(b) || (score(a) === score(b) && a > b);
  const heap: number[] = [];
  const at = (i: number) => heap[i] as number;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [at(j), at(i)];
  };
  const siftDown = (from: number) => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(at(left), at(worst))) worst = left;
      if (right < heap.length && worse(at(right), at(worst))) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  for (const index of touched) {
    if (heap.length < limit) {
      heap.push(index);
      for (let i = heap.length - 1; i > 0 && worse(at(i), at((i - 1) >> 1)); i = (i - 1) >> 1) {
        swap(i, (i - 1) >> 1);
      }
    } else if (limit > 0 && worse(at(0), index)) {
      heap[0] = index;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => score(b) - score(a) || a - b);
}
