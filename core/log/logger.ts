import { currentCallFrame } from './call-frame.js';
import { redactSecrets } from './redact.js';

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** The server's structured log: one JSON object a line, secrets redacted. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Where log lines go; stderr by default so stdout stays free for stdio transports and CLI output. */
export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(line + '\n');
};

/**
 * Creates a JSON-lines logger.
 *
 * @example
 * const log = createLogger({ level: 'info' });
 * log.info('server listening', { url });
 */
export function createLogger(
  options: { level?: LogLevel; sink?: LogSink; fields?: Record<string, unknown> } = {},
): Logger {
  const level = options.level ?? 'info';
  const sink = options.sink ?? stderrSink;
  const base = options.fields ?? {};
  const write = (
    at: Exclude<LogLevel, 'silent'>,
    message: string,
    fields?: Record<string, unknown>,
  ): void => {
    if (rank[at] < rank[level]) return;
    // A line written while a tool call runs names the call, as its audit row and span do.
    const correlationId = currentCallFrame()?.correlationId;
    const record = {
      time: new Date().toISOString(),
      level: at,
      msg: message,
      ...(correlationId !== undefined && { correlationId }),
      ...base,
      ...fields,
    };
    sink(JSON.stringify(redactSecrets(record)));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ level, sink, fields: { ...base, ...fields } }),
  };
}

/** Reads a log level from a string such as `LOG_LEVEL`, defaulting to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  return value !== undefined && value in rank ? (value as LogLevel) : 'info';
}
