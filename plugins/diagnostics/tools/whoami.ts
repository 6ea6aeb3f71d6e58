import { z } from 'zod';
import { defineTool } from '../../../core/index.js';

/** `whoami`: who the server thinks is calling, and with which permissions. */
export const whoamiTool = defineTool({
  name: 'whoami',
  title: 'Who am I signed in as',
  description:
    'Returns who the service desk thinks you are: user id, role, organisation, the app you connected through, ' +
    'the endpoint and your effective permissions. Use it when a tool you expected is missing.',
  input: z.object({}),
  output: z.object({
    userId: z.string(),
    role: z.enum(['end_user', 'agent', 'admin', 'service']),
    organisationId: z.string().nullable(),
    clientId: z.string(),
    collection: z.string(),
    scopes: z.array(z.string()),
  }),
  scopes: ['diagnostics:read'],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  summarize: (out) =>
    `${out.userId} (${out.role}) via ${out.clientId} on ${out.collection}; scopes: ${out.scopes.join(', ') || 'none'}`,
  handler: ({ principal }) => ({
    userId: principal.userId,
    role: principal.role,
    organisationId: principal.organisationId ?? null,
    clientId: principal.clientId,
    collection: principal.collectionId,
    scopes: [...principal.scopes].sort(),
  }),
});
