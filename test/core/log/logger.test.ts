import { describe, expect, it } from 'vitest';
import { createLogger, parseLogLevel, type LogLevel } from '../../../core/log/logger.js';

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const log = createLogger({ ...(level && { level }), sink: (line) => lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, records };
}

describe('createLogger', () => {
  it('writes one JSON object a line with time, level, message and fields', () => {
    const { log, lines, records } = capture('debug');
    log.info('server listening', { url: 'http://127.0.0.1:3000' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const [record] = records();
    expect(record).toMatchObject({
      level: 'info',
      msg: 'server listening',
      url: 'http://127.0.0.1:3000',
    });
    expect(new Date(record!['time'] as string).toISOString()).toBe(record!['time']);
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('at level %s writes %j', (level, expected) => {
    const { log, records } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records().map((r) => r['level'])).toEqual(expected);
  });

  it('defaults to info', () => {
    const { log, records } = capture();
    log.debug('hidden');
    log.info('shown');
    expect(records().map((r) => r['msg'])).toEqual(['shown']);
  });

  it('a child adds its fields to every line and keeps the level', () => {
    const { log, records } = capture('info');
    const child = log.child({ plugin: 'tickets' }).child({ tool: 'add_note' });
    child.debug('hidden');
    child.warn('slow query', { ms: 900 });
    expect(records()).toEqual([
      expect.objectContaining({ plugin: 'tickets', tool: 'add_note', ms: 900, msg: 'slow query' }),
    ]);
  });

  it('redacts secrets in fields, however deep', () => {
    const { log, lines } = capture('info');
    log.error('login failed', {
      user: 'sam',
      password: 'hunter2',
      request: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' } },
    });
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('abc.def');
    expect(lines[0]).not.toContain('sid=1');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      user: 'sam',
      password: '[redacted]',
      request: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
  });
});

describe('parseLogLevel', () => {
  it.each([
    ['debug', 'debug'],
    ['warn', 'warn'],
    ['silent', 'silent'],
    [undefined, 'info'],
    ['', 'info'],
    ['verbose', 'info'],
    ['DEBUG', 'info'],
  ])('%j → %s', (value, expected) => expect(parseLogLevel(value)).toBe(expected));
});
