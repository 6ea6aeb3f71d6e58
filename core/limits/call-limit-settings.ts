import { ServiceDeskError } from '../errors/servicedesk-error.js';

/** A budget: that many `tools/call` per window, or `0` / `'off'` for none. */
export type CallBudget = number | 'off';

/**
 * Budgets on `tools/call`, counted per collection: for each user (principal subject), for each
 * client (OAuth client id, or the development token's name) and for the collection as a whole.
 * `0` or `'off'` turns a budget off.
 */
export interface CallLimits {
  /** Calls one user may make in a window (default 120). */
  readonly perUser?: CallBudget;
  /** Calls made through one client, all its users together, in a window (default 1 200). */
  readonly perClient?: CallBudget;
  /** Calls the collection answers in a window, every caller together (default off). */
  readonly perCollection?: CallBudget;
  /** The window, in seconds (default 60). */
  readonly windowSeconds?: number;
}

/** Limits with every budget resolved: a number of calls, 0 meaning off. */
export interface ResolvedCallLimits {
  readonly perUser: number;
  readonly perClient: number;
  readonly perCollection: number;
  readonly windowSeconds: number;
}

/** What a desk wants by default: a runaway agent loop stops within a minute; a busy person never notices. */
export const defaultCallLimits: ResolvedCallLimits = Object.freeze({
  perUser: 120,
  perClient: 1_200,
  perCollection: 0,
  windowSeconds: 60,
});

/** Each setting with the environment variable that sets its server-wide value. */
const limitVariables: Readonly<Record<keyof ResolvedCallLimits, string>> = {
  perUser: 'LIMIT_CALLS_PER_USER',
  perClient: 'LIMIT_CALLS_PER_CLIENT',
  perCollection: 'LIMIT_CALLS_PER_COLLECTION',
  windowSeconds: 'LIMIT_WINDOW_SECONDS',
};

/** `'off'` (any case) is 0; a number stays; anything else becomes NaN, for the check to name. */
function budgetOf(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  return text.toLowerCase() === 'off' ? 0 : text === '' ? Number.NaN : Number(text);
}

/**
 * The server-wide limits: `limits` in the config first, then `LIMIT_*` variables, then
 * {@link defaultCallLimits}; `limits: 'off'` turns every budget off.
 *
 * @example
 * resolveCallLimits({ perUser: 30 }, process.env); // { perUser: 30, perClient: 1200, … }
 */
export function resolveCallLimits(
  config: CallLimits | 'off' | undefined,
  env: NodeJS.ProcessEnv,
): ResolvedCallLimits {
  if (config === 'off') return { ...defaultCallLimits, perUser: 0, perClient: 0, perCollection: 0 };
  const value = (key: keyof ResolvedCallLimits): number => {
    const configured = config?.[key];
    if (configured !== undefined) return budgetOf(configured);
    const fromEnv = env[limitVariables[key]];
    return fromEnv !== undefined && fromEnv.trim() !== ''
      ? budgetOf(fromEnv)
      : defaultCallLimits[key];
  };
  return Object.freeze({
    perUser: value('perUser'),
    perClient: value('perClient'),
    perCollection: value('perCollection'),
    windowSeconds: value('windowSeconds'),
  });
}

/**
 * A collection's limits: its own `limits` over the server's (`'off'` turns all of its budgets off).
 *
 * @example
 * collectionCallLimits(server, { perUser: 10 }); // the server's, with 10 calls per user
 */
export function collectionCallLimits(
  server: ResolvedCallLimits,
  own: CallLimits | 'off' | undefined,
): ResolvedCallLimits {
  if (own === undefined) return server;
  if (own === 'off') return { ...server, perUser: 0, perClient: 0, perCollection: 0 };
  const pick = (key: keyof ResolvedCallLimits): number => {
    const value = own[key];
    return value === undefined ? server[key] : budgetOf(value);
  };
  return Object.freeze({
    perUser: pick('perUser'),
    perClient: pick('perClient'),
    perCollection: pick('perCollection'),
    windowSeconds: pick('windowSeconds'),
  });
}

/**
 * Fails startup with CONFIG_INVALID naming the setting (and its variable) when a budget is not a
 * whole number of at least 0 (or `off`), or the window not a whole number of seconds of at least 1.
 *
 * @example
 * checkCallLimits(resolveCallLimits(config.limits, process.env), 'limits');
 */
export function checkCallLimits(limits: ResolvedCallLimits, where: string): void {
  for (const key of Object.keys(limitVariables) as (keyof ResolvedCallLimits)[]) {
    const least = key === 'windowSeconds' ? 1 : 0;
    const value = limits[key];
    if (Number.isInteger(value) && value >= least) continue;
    const variable = where === 'limits' ? ` (${limitVariables[key]})` : '';
    const allowed =
      key === 'windowSeconds'
        ? 'a whole number of seconds, at least 1'
        : 'a whole number of calls, or off';
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `${where}.${key}${variable} is ${String(value)}; it must be ${allowed}`,
    );
  }
}

/**
 * Every collection's limits by collection id, its own over the server's.
 *
 * @example
 * const limits = limitsByCollection(resolveCallLimits(config.limits, env), config.collections);
 */
export function limitsByCollection(
  server: ResolvedCallLimits,
  collections: readonly { readonly id: string; readonly limits?: CallLimits | 'off' }[],
): ReadonlyMap<string, ResolvedCallLimits> {
  return new Map(collections.map((c) => [c.id, collectionCallLimits(server, c.limits)]));
}

/**
 * Checks the server's limits and every collection's (see {@link checkCallLimits}).
 *
 * @example
 * checkAllCallLimits(settings.callLimits, settings.collectionCallLimits);
 */
export function checkAllCallLimits(
  server: ResolvedCallLimits,
  byCollection: ReadonlyMap<string, ResolvedCallLimits>,
): void {
  checkCallLimits(server, 'limits');
  for (const [id, limits] of byCollection) checkCallLimits(limits, `collection "${id}" limits`);
}
