import type { LoggingLevel, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../log/logger.js';
import type { ToolLogger } from '../tool/tool-context.js';

const severity: Record<LoggingLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

/** True when a message at `level` passes the client's chosen minimum. */
export function passesLevel(level: LoggingLevel, minimum: LoggingLevel | undefined): boolean {
  return minimum === undefined || severity[level] >= severity[minimum];
}

/**
 * A tool's logger: every line goes to the server log; lines at or above the client's level also
 * go to the client as `notifications/message` tied to the call.
 */
export function createToolLogger(options: {
  toolName: string;
  serverLog: Logger;
  minimumLevel: LoggingLevel | undefined;
  send: (notification: ServerNotification) => Promise<void>;
}): ToolLogger {
  const emit = (level: LoggingLevel, message: string, data?: Record<string, unknown>): void => {
    const serverLevel =
      level === 'warning' ? 'warn' : level === 'debug' || level === 'info' ? level : 'error';
    options.serverLog[serverLevel](message, { tool: options.toolName, ...data });
    if (!passesLevel(level, options.minimumLevel)) return;
    void options
      .send({
        method: 'notifications/message',
        params: {
          level,
          logger: options.toolName,
          data: data === undefined ? message : { message, ...data },
        },
      })
      .catch(() => undefined);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warning: (m, d) => emit('warning', m, d),
    error: (m, d) => emit('error', m, d),
  };
}
