import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a profiled position of a bundled file came from. */
export interface SourcePosition {
  /** The original file's absolute path (`…/node_modules/koa/lib/application.js`, `…/core/…ts`). */
  readonly path: string;
  /** Zero-based, as V8's call frames count. */
  readonly line: number;
}

/**
 * Maps positions in the bundle (`dist/`, built with linked source maps) back to the files they
 * were bundled from, so a CPU profile groups time by package again rather than calling every
 * frame of a bundle chunk ours.
 *
 * @example
 * const positions = new SourcePositions();
 * positions.original(callFrame.url, callFrame.lineNumber, callFrame.columnNumber)?.path;
 */
export class SourcePositions {
  readonly #maps = new Map<string, { map: SourceMap; folder: string } | undefined>();

  /** The original position of `url`:`line`:`column`, or undefined when `url` has no map. */
  original(url: string, line: number, column: number): SourcePosition | undefined {
    if (!url.startsWith('file:') && !url.startsWith('/')) return undefined;
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!path.endsWith('.js')) return undefined;
    const found = this.#mapOf(path);
    if (!found) return undefined;
    const entry = found.map.findEntry(line, column) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(found.folder, entry.originalSource);
    return { path: source, line: entry.originalLine };
  }

  #mapOf(path: string): { map: SourceMap; folder: string } | undefined {
    if (this.#maps.has(path)) return this.#maps.get(path);
    const mapFile = `${path}.map`;
    let found: { map: SourceMap; folder: string } | undefined;
    if (existsSync(mapFile)) {
      try {
        const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<
          typeof SourceMap
        >[0];
        found = { map: new SourceMap(payload), folder: dirname(mapFile) };
      } catch {
        found = undefined;
      }
    }
    this.#maps.set(path, found);
    return found;
  }
}
