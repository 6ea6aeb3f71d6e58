import type { Principal } from '../../../core/index.js';

/**
 * Who the learned models read the desk's history as: a service that reaches every ticket and
 * writes nothing. Not a caller's principal — training runs in the background, for no one — so
 * what a caller may learn from the models is limited where predictions are made (staff see
 * confidences; end users get only values their own organisation's words could not reveal).
 *
 * @example
 * await desk.tickets.list(historyReader, { status: ['resolved', 'closed'], limit: 100 });
 */
export const historyReader: Principal = Object.freeze({
  userId: 'ai-assist',
  role: 'service',
  organisationId: undefined,
  email: undefined,
  clientId: 'ai-assist',
  collectionId: 'ai-assist',
  scopes: new Set(['tickets:read:all']),
});
