import type { SparseVector } from './vocabulary.js';

/**
 * Many sparse vectors in three flat typed arrays (compressed sparse rows): row `r` holds
 * `indices`/`values` from `offsets[r]` to `offsets[r + 1]`. Memory: 8 bytes per stored value
 * plus 4 per row, with no object per row.
 */
export interface SparseRows {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Packs vectors one at a time; {@link packSparseRows} over a stream. */
export interface RowPacker {
  /** Adds the next row; undefined is an empty row. */
  push(vector: SparseVector | undefined): void;
  finish(): SparseRows;
}

/**
 * A {@link RowPacker} that grows its arrays by doubling as rows arrive, so a caller can
 * featurise one text at a time without holding the vectors as objects.
 *
 * @example
 * const packer = createRowPacker();
 * for (const text of texts) packer.push(vectorise(vocabulary, text));
 * const rows = packer.finish();
 */
export function createRowPacker(): RowPacker {
  const offsets: number[] = [0];
  let indices = new Int32Array(4096);
  let values = new Float32Array(4096);
  let used = 0;
  return {
    push(vector) {
      const length = vector?.indices.length ?? 0;
      if (vector !== undefined && used + length > indices.length) {
        let size = indices.length * 2;
        while (used + length > size) size *= 2;
        const biggerIndices = new Int32Array(size);
        biggerIndices.set(indices);
        indices = biggerIndices;
        const biggerValues = new Float32Array(size);
        biggerValues.set(values);
        values = biggerValues;
      }
      if (vector !== undefined) {
        indices.set(vector.indices, used);
        values.set(vector.values, used);
        used += length;
      }
      offsets.push(used);
    },
    finish() {
      return {
        count: offsets.length - 1,
        offsets: Int32Array.from(offsets),
        // Views, not copies: a copy would need the memory of every row a second time at once.
        indices: indices.subarray(0, used),
        values: values.subarray(0, used),
      };
    },
  };
}

/**
 * Packs vectors into {@link SparseRows} (see {@link createRowPacker}).
 *
 * @example
 * const rows = packSparseRows(texts.map((text) => vectorise(vocabulary, text)));
 */
export function packSparseRows(vectors: Iterable<SparseVector | undefined>): SparseRows {
  const packer = createRowPacker();
  for (const vector of vectors) packer.push(vector);
  return packer.finish();
}
