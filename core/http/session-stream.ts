import type { ServerResponse } from 'node:http';
import type { HttpAnswer } from './http-answer.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { sseEvent, standaloneStream } from '../mcp/session-events.js';
import type { Session } from '../mcp/session-manager.js';

/** A comment this often keeps proxies from closing an idle stream. */
const keepAliveMs = 25_000;

function startEventStream(ctx: HttpAnswer, session: Session): ServerResponse {
  const res = ctx.res;
  ctx.respond = false;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'mcp-session-id': session.id,
  });
  res.flushHeaders();
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs).unref();
  res.once('close', () => clearInterval(keepAlive));
  return res;
}

/**
 * GET on a stateful session (Streamable HTTP). Without `Last-Event-ID` it opens the session's
 * standalone stream and first sends what was raised while none was open. With one it resumes
 * the stream that id belongs to: the kept events after it, then — for a POST stream the server
 * closed while its calls went on — the rest of that exchange, ending with its last response; for
 * the standalone stream, it becomes the standalone stream again. An id the session no longer
 * holds is refused (400) saying so, since what came after it is lost.
 *
 * @example
 * if (ctx.method === 'GET') openSessionStream(ctx, session);
 */
export function openSessionStream(ctx: HttpAnswer, session: Session): void {
  const lastEventId = ctx.get('last-event-id');
  if (lastEventId === '') return openStandalone(ctx, session, session.queued.splice(0));
  const replay = session.events.after(lastEventId);
  if (replay === undefined) {
    throw new ServiceDeskError(
      'HTTP_BAD_REQUEST',
      `Last-Event-ID ${lastEventId} is not an event this session still holds; open a new stream without it`,
    );
  }
  const events = replay.events.map(sseEvent);
  if (replay.stream === standaloneStream) {
    session.queued.length = 0;
    return openStandalone(ctx, session, events);
  }
  const res = startEventStream(ctx, session);
  for (const event of events) res.write(event);
  const exchange = session.detached.get(replay.stream);
  if (exchange === undefined || exchange.finished) {
    session.detached.delete(replay.stream);
    res.end();
    return undefined;
  }
  exchange.resume(res);
  return undefined;
}

function openStandalone(ctx: HttpAnswer, session: Session, first: readonly string[]): void {
  if (session.stream) {
    ctx.status = 409;
    ctx.body = {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: 'Conflict: this session already has an open stream' },
    };
    return undefined;
  }
  const res = startEventStream(ctx, session);
  for (const event of first) res.write(event);
  session.stream = res;
  res.once('close', () => {
    if (session.stream === res) session.stream = undefined;
    session.lastSeen = Date.now();
  });
  return undefined;
}
