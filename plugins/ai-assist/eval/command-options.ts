import { ServiceDeskError } from '../../../core/index.js';

type Options = Readonly<Record<string, string | boolean | undefined>>;

/**
 * The value of a required `--name <file>` option, or an error saying how to pass it.
 *
 * @example
 * const train = requiredPath(options, { name: 'train', usage: 'eval suggestions --train a.jsonl --test b.jsonl' });
 */
export function requiredPath(options: Options, option: { name: string; usage: string }): string {
  const value = options[option.name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `--${option.name} <file.jsonl> is required: servicedesk-mcp ${option.usage}`,
    );
  }
  return value;
}

/**
 * The number given as `--name`, checked against a range; `fallback` when the option is absent.
 *
 * @example
 * const threshold = numberOption(options, { name: 'threshold', min: 0, max: 1, fallback: 0.6 });
 */
export function numberOption(
  options: Options,
  option: { name: string; min: number; max: number; fallback: number; whole?: boolean },
): number {
  const raw = options[option.name];
  if (raw === undefined) return option.fallback;
  const value = Number(raw);
  const whole = option.whole === true;
  if (
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    (whole && !Number.isInteger(value)) ||
    value < option.min ||
    value > option.max
  ) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `--${option.name} must be ${whole ? 'a whole number' : 'a number'} from ${option.min} to ${option.max}, got "${String(raw)}"`,
    );
  }
  return value;
}

/** A figure as the eval commands print it: three decimals. */
export function figure(value: number): string {
  return value.toFixed(3);
}
