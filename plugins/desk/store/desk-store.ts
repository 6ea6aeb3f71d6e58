import { createDeskDirectory, type DeskDirectory } from './directory.js';
import type { DeskStoreContext } from './store-context.js';

/**
 * The typed service the desk plugin provides under `deskServiceId`, composed of parts; each part
 * lives in its own file under plugins/desk/store/ and takes the principal first on every method.
 *
 * @example
 * const desk = ctx.services.get(defineServiceRef<DeskStore>(deskServiceId));
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 */
export interface DeskStore {
  readonly directory: DeskDirectory;
}

/** Builds every part of the store over one database. */
export function createDeskStore(context: DeskStoreContext): DeskStore {
  return Object.freeze({
    directory: createDeskDirectory(context),
  });
}
