import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { HttpAnswer } from './http-answer.js';
import { checkHostAndOrigin, type HostPolicy } from './host-guard.js';
import type { InFlight } from './in-flight.js';
import { resourceMetadataPrefix } from './resource-metadata.js';
import { sendError, type ErrorSinks } from './send-error.js';

/** What every request passes before it is served, and where its failure is answered. */
export interface RequestGuard extends ErrorSinks {
  readonly policy: HostPolicy;
  readonly inFlight: InFlight;
}

/**
 * Serves a request behind the Host/Origin guard and the shutdown refusal, answering whatever
 * `serve` throws with {@link sendError}; during shutdown every answer closes its connection.
 * The Koa app's first middleware and the MCP POST fast path (ADR 0042) both run it.
 *
 * @example
 * app.use((ctx, next) => guardRequest(ctx, guard, next));
 */
export async function guardRequest(
  answer: HttpAnswer,
  guard: RequestGuard,
  serve: () => Promise<void> | undefined,
): Promise<void> {
  const { inFlight } = guard;
  const probe = answer.path === '/healthz' || answer.path === '/readyz';
  try {
    // Resource metadata is public and fetched by browser-based clients of any origin.
    const metadata = answer.path.startsWith(resourceMetadataPrefix);
    const problem = checkHostAndOrigin(guard.policy, {
      host: answer.req.headers.host,
      origin: metadata ? undefined : answer.req.headers.origin,
      probe,
    });
    if (problem !== undefined) {
      throw new ServiceDeskError(problem.code, problem.message);
    }
    if (inFlight.shuttingDown && !probe)
      throw new ServiceDeskError(
        'SERVER_SHUTTING_DOWN',
        'the server is shutting down; retry shortly',
      );
    await serve();
  } catch (error) {
    sendError(answer, error, guard);
  }
  // During shutdown every answer closes its connection, so no client sends another request
  // on a connection about to be closed.
  if (inFlight.shuttingDown && !answer.headerSent) answer.set('connection', 'close');
}
