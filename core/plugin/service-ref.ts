import { ServiceDeskError } from '../errors/servicedesk-error.js';

/**
 * A typed key for a service one plugin provides and others use, so plugins share behaviour
 * without importing each other's code. The providing plugin makes it once, in its api module
 * (`plugins/<id>/api.ts`); the others import it from there and list the plugin in `requires`.
 *
 * @example
 * export const clockService = defineServiceRef<{ now(): Date }>('clock');
 * // provider: ctx.provide(clockService, { now: () => new Date() })
 * // consumer: ctx.services.get(clockService).now()
 */
export interface ServiceRef<TService> {
  readonly id: string;
  /** Type-only marker; never read at run time. */
  readonly __type?: TService;
}

/**
 * Creates a {@link ServiceRef}.
 *
 * @example
 * // plugins/desk/api.ts
 * export const deskStoreRef: ServiceRef<DeskStore> = defineServiceRef<DeskStore>('desk.store');
 */
export function defineServiceRef<TService>(id: string): ServiceRef<TService> {
  return Object.freeze({ id });
}

/** Read access to provided services. */
export interface ServiceLocator {
  get<TService>(ref: ServiceRef<TService>): TService;
  has(ref: ServiceRef<unknown>): boolean;
}

/** The mutable registry the server fills during setup and freezes afterwards. */
export class ServiceRegistry implements ServiceLocator {
  readonly #services = new Map<string, { pluginId: string; value: unknown }>();
  #frozen = false;

  provide<TService>(ref: ServiceRef<TService>, value: TService, pluginId: string): void {
    if (this.#frozen) {
      throw new ServiceDeskError(
        'PLUGIN_SETUP_FAILED',
        `plugin "${pluginId}" provided service "${ref.id}" after startup; provide it in setup()`,
      );
    }
    const existing = this.#services.get(ref.id);
    if (existing) {
      throw new ServiceDeskError(
        'PLUGIN_DUPLICATE_SERVICE',
        `plugin "${pluginId}" provides service "${ref.id}", already provided by plugin "${existing.pluginId}"`,
      );
    }
    this.#services.set(ref.id, { pluginId, value });
  }

  get<TService>(ref: ServiceRef<TService>): TService {
    const entry = this.#services.get(ref.id);
    if (!entry) {
      throw new ServiceDeskError(
        'PLUGIN_SERVICE_MISSING',
        `service "${ref.id}" is not provided; list the plugin that provides it in "requires" and in the config`,
      );
    }
    return entry.value as TService;
  }

  has(ref: ServiceRef<unknown>): boolean {
    return this.#services.has(ref.id);
  }

  freeze(): void {
    this.#frozen = true;
  }
}
