import { defineServiceRef, type ServiceRef } from '../../../core/index.js';
import type { DeskStore, deskServiceId } from '../../desk/index.js';

// Plugins import each other as types only (lint-enforced); typing the id as `typeof
// deskServiceId` makes the compiler check that this literal is the desk's own id.
const id: typeof deskServiceId = 'desk.store';

/**
 * The desk store this plugin reads and writes through (provided by the `desk` plugin).
 *
 * @example
 * const desk = ctx.services.get(deskService);
 */
export const deskService: ServiceRef<DeskStore> = defineServiceRef<DeskStore>(id);
