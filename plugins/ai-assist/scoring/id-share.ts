/**
 * A fixed position in [0, 1) for a record id (32-bit FNV-1a of its UTF-16 code units, then
 * MurmurHash3's finaliser: FNV alone leaves ids that differ in their last character, such as
 * `q1` and `q2`, next to each other), so a
 * set without its own split is divided the same way on every run and machine, and a record keeps
 * its side when others are added or removed. Records with `idShare(id) < share` take one side.
 *
 * @example
 * const history = queries.filter((query) => idShare(query.id) < 0.5);
 */
export function idShare(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash / 0x1_0000_0000;
}
