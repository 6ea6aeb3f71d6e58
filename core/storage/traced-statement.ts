import { currentCallFrame, endSpanWhenSettled } from '../log/call-frame.js';

/**
 * Runs one statement, as a child span of the tool call it runs for when traces are on (the
 * statement's text with its placeholders, never its values); otherwise just runs it.
 *
 * @example
 * return traceStatement(query.sql, () => driver.run(connection, query));
 */
export function traceStatement<T>(sql: string, run: () => Promise<T>): Promise<T> {
  const frame = currentCallFrame();
  if (frame?.span === undefined || frame.tracer === undefined) return run();
  const operation = /^\s*(?:\/\*.*?\*\/\s*)?(\w+)/s.exec(sql)?.[1]?.toLowerCase() ?? 'query';
  const { tracer } = frame;
  const span = tracer.start(`db ${operation}`, {
    kind: 'client',
    parent: frame.span,
    attributes: { 'db.operation.name': operation, 'db.query.text': sql },
  });
  return endSpanWhenSettled(run(), span, tracer);
}
