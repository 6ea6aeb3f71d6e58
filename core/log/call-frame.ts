import type { Attributes, Span } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What the work done for one tool call shares, however deep it runs. */
export interface CallFrame {
  /** The audit row's correlation id: every log line of the call carries it. */
  readonly correlationId: string;
  /** The call's span, when traces are on; the store's statements become its children. */
  readonly span?: Span | undefined;
  readonly tracer?: CallTracer | undefined;
}

/**
 * Starts and fails spans for the call frame. Built by `openTracing` from the OpenTelemetry API it
 * loads, so nothing on the start path imports OpenTelemetry at run time (ADR 0033, ADR 0038).
 */
export interface CallTracer {
  /** Starts a span, as a child of `parent` when given (contexts are passed, not ambient). */
  start(
    name: string,
    options: {
      readonly kind: 'server' | 'internal' | 'client';
      readonly attributes: Attributes;
      readonly parent?: Span | undefined;
    },
  ): Span;
  /** Marks `span` failed with the error's message and ends it. */
  fail(span: Span, error: unknown): void;
}

const frames = new AsyncLocalStorage<CallFrame>();

/**
 * Runs `work` as part of the call `frame` describes: log lines written meanwhile (by the core,
 * a plugin or the store) carry its correlation id, and statements become children of its span.
 *
 * @example
 * return withCallFrame({ correlationId: randomUUID() }, () => runToolCall(request, extra, scope));
 */
export function withCallFrame<T>(frame: CallFrame, work: () => T): T {
  return frames.run(frame, work);
}

/**
 * The call the current code runs for, or undefined outside one.
 *
 * @example
 * const id = currentCallFrame()?.correlationId;
 */
export function currentCallFrame(): CallFrame | undefined {
  return frames.getStore();
}

/**
 * Runs `work` outside any call, for work that only starts during one (a batched audit write,
 * a timer): it must not carry that call's id or hang under its span.
 *
 * @example
 * outsideCalls(() => setTimeout(flush, 200));
 */
export function outsideCalls<T>(work: () => T): T {
  return frames.exit(work);
}

/**
 * Ends `span` when `work` settles: as it is on success, marked failed (through `tracer`) on an
 * error, which is passed on.
 *
 * @example
 * return endSpanWhenSettled(run(), span, tracer);
 */
export function endSpanWhenSettled<T>(
  work: Promise<T>,
  span: Span,
  tracer: CallTracer,
): Promise<T> {
  return work.then(
    (result) => {
      span.end();
      return result;
    },
    (error: unknown) => {
      tracer.fail(span, error);
      throw error;
    },
  );
}
