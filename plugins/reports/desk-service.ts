import { defineServiceRef, type ServiceRef } from '../../core/index.js';
import type { DeskStore } from '../desk/index.js';

/**
 * The desk store, as the core hands it over. The id is spelled out rather than imported: a
 * plugin may import another plugin only as types, and it must equal the desk's `deskServiceId`.
 *
 * @example
 * const desk = ctx.services.get(deskStoreRef);
 */
export const deskStoreRef: ServiceRef<DeskStore> = defineServiceRef<DeskStore>('desk.store');
