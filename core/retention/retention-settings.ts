import type { PluginDefinition } from '../plugin/define-plugin.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { coreRetentionDefaults } from './core-retention-defaults.js';

/** A number of days to keep rows, or `'off'` to keep them for ever. */
export type KeepDays = number | 'off';

/**
 * `ServerConfig.retention`: how old rows get before they are deleted (ADR 0039). Every field has a
 * default; a bad value fails startup with CONFIG_INVALID naming it.
 *
 * @example
 * retention: { intervalMinutes: 60, keepDays: { audit: 730, 'runbooks.runs': 'off' } }
 */
export interface RetentionConfig {
  /** Minutes between prunes in `serve`, or `'off'`; default `RETENTION_INTERVAL_MINUTES`, then 60. */
  readonly intervalMinutes?: number | 'off';
  /** Rows deleted per short transaction; default `RETENTION_BATCH_SIZE`, then 1 000. */
  readonly batchSize?: number;
  /**
   * Days per kind (`audit`, `oauth.tokens`, `oauth.clients`, `<plugin id>.<rule>`), or `'off'`.
   * `audit` defaults to `RETENTION_AUDIT_DAYS`, then 400.
   */
  readonly keepDays?: Readonly<Record<string, KeepDays>>;
}

/** Retention with every default filled in. */
export interface RetentionSettings {
  readonly intervalMinutes: number | 'off';
  readonly batchSize: number;
  /** Every known kind with its days (config, environment, the rule's default). */
  readonly keepDays: Readonly<Record<string, KeepDays>>;
  /** Kinds the config named that no core rule or plugin rule has (refused by the check). */
  readonly unknownKinds: readonly string[];
}

function parseKeep(value: string | undefined): KeepDays | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.trim() === 'off' ? 'off' : Number(value);
}

/**
 * Config first, then `RETENTION_INTERVAL_MINUTES`, `RETENTION_BATCH_SIZE`, `RETENTION_AUDIT_DAYS`,
 * then the defaults; plugin kinds come from each plugin's `retention` rules.
 *
 * @example
 * resolveRetention(config, process.env).keepDays['audit'] // 400
 */
export function resolveRetention(
  config: { readonly retention?: RetentionConfig; readonly plugins: readonly PluginDefinition[] },
  env: NodeJS.ProcessEnv,
): RetentionSettings {
  const given = config.retention ?? {};
  const defaults: Record<string, KeepDays> = { ...coreRetentionDefaults };
  const auditFromEnv = parseKeep(env['RETENTION_AUDIT_DAYS']);
  if (auditFromEnv !== undefined) defaults['audit'] = auditFromEnv;
  for (const plugin of config.plugins)
    for (const rule of plugin.retention ?? [])
      defaults[`${plugin.id}.${rule.name}`] = rule.keepDays;
  const named = given.keepDays ?? {};
  const batch = env['RETENTION_BATCH_SIZE'];
  return Object.freeze({
    intervalMinutes: given.intervalMinutes ?? parseKeep(env['RETENTION_INTERVAL_MINUTES']) ?? 60,
    batchSize:
      given.batchSize ?? (batch !== undefined && batch.trim() !== '' ? Number(batch) : 1000),
    keepDays: Object.freeze({ ...defaults, ...named }),
    unknownKinds: Object.freeze(Object.keys(named).filter((kind) => !(kind in defaults))),
  });
}

// A variable that is not a number reads as NaN; say so in words.
const shown = (value: number): string => (Number.isNaN(value) ? 'not a number' : String(value));

const invalid = (message: string): ServiceDeskError =>
  new ServiceDeskError('CONFIG_INVALID', message);

/**
 * Fails with CONFIG_INVALID naming the setting: an unknown kind, days that are not a whole number
 * (at least 1, or 0 for the `oauth.*` grace after expiry) nor `'off'`, a bad interval or batch size.
 *
 * @example
 * checkRetention(resolveRetention(config, process.env));
 */
export function checkRetention(settings: RetentionSettings): void {
  const [unknown] = settings.unknownKinds;
  if (unknown !== undefined)
    throw invalid(
      `retention.keepDays.${unknown} names no kind; known: ${Object.keys(settings.keepDays).join(', ')}`,
    );
  for (const [kind, days] of Object.entries(settings.keepDays)) {
    const least = kind.startsWith('oauth.') ? 0 : 1;
    if (days !== 'off' && (!Number.isInteger(days) || days < least))
      throw invalid(
        `retention.keepDays.${kind}${kind === 'audit' ? ' (RETENTION_AUDIT_DAYS)' : ''} is ${shown(days)}; it must be a whole number of days of at least ${least}, or 'off'`,
      );
  }
  const interval = settings.intervalMinutes;
  if (interval !== 'off' && (!Number.isInteger(interval) || interval < 1))
    throw invalid(
      `retention.intervalMinutes (RETENTION_INTERVAL_MINUTES) is ${shown(interval)}; it must be a whole number of at least 1, or 'off'`,
    );
  const batch = settings.batchSize;
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000)
    throw invalid(
      `retention.batchSize (RETENTION_BATCH_SIZE) is ${shown(batch)}; it must be a whole number from 1 to 100000`,
    );
}
