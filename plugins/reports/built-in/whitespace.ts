import { z } from 'zod';
import { ToolError, type Principal } from '../../../core/index.js';
import type { DeskStore, OrganisationServices } from '../../desk/api.js';
import { defineReport } from '../define-report.js';
import { closeNames } from './report-parameters.js';

const row = z.object({
  service_key: z.string(),
  service_name: z.string(),
  category: z.string(),
  has: z.boolean().describe('True when the customer has the service.'),
  since: z.string().nullable().describe('When they took it on; null when they do not have it.'),
});

const person = z.object({ id: z.number().int(), name: z.string(), email: z.string() });

const summary = z.object({
  organisation: z.object({ id: z.number().int(), name: z.string() }),
  account_manager: person
    .nullable()
    .describe('Who owns the relationship: assign follow-ups (e.g. opportunities) to them.'),
  services: z.number().int().describe('Services in the catalogue.'),
  has: z.number().int(),
  lacks: z.number().int(),
  lacking: z.array(z.string()).describe('Names of the services the customer does not have.'),
});

/** The organisation by name (any case) first, then by id; a close-names hint when neither. */
async function organisationServices(
  desk: DeskStore,
  principal: Principal,
  customer: string | number,
): Promise<OrganisationServices> {
  const text = String(customer).trim();
  const byName =
    typeof customer === 'string'
      ? await desk.catalogue.servicesOfOrganisation(principal, text)
      : undefined;
  const found =
    byName ??
    (/^\d+$/.test(text)
      ? await desk.catalogue.servicesOfOrganisation(principal, Number(text))
      : undefined);
  if (found !== undefined) return found;
  const names = (await desk.directory.listOrganisations(principal)).map((org) => org.name);
  const close = closeNames(text, names);
  throw new ToolError(
    `customer: no organisation is named or numbered "${text}"; ` +
      (close.length > 0
        ? `did you mean: ${close.join(', ')}?`
        : 'give the organisation’s name as the desk spells it, or its id'),
  );
}

/**
 * The whitespace report: for one customer, every catalogue service with whether they have it
 * (and since when), and the customer's account manager, who follows up on the gaps.
 *
 * @example
 * reportsPlugin({ include: ['whitespace'] })
 */
export const whitespaceReport = defineReport({
  id: 'whitespace',
  title: 'Whitespace: services a customer has and lacks',
  description:
    'For one customer organisation (by name, any case, or id): every service of the catalogue ' +
    'with has true/false and since when, plus the account manager (id, name, e-mail) who owns the ' +
    'relationship. Use it to find sales opportunities: the services the customer lacks; assign ' +
    'the follow-up to the account manager.',
  parameters: z.object({
    customer: z
      .union([z.string().trim().min(1, 'customer must not be blank'), z.number().int().positive()])
      .describe('The customer organisation by name, e.g. "Acorn Construction", or by id.'),
    show: z
      .enum(['all', 'has', 'lacks'])
      .optional()
      .describe('all (default): every service; has: only those they have; lacks: only the gaps.'),
  }),
  row,
  summary,
  scopes: ['catalogue:read', 'users:read:all'],
  async query({ params, desk, principal }) {
    const found = await organisationServices(desk, principal, params.customer);
    const all = found.services.map((service) => ({
      service_key: service.key,
      service_name: service.name,
      category: service.category,
      has: service.has,
      since: service.since,
    }));
    const show = params.show ?? 'all';
    const rows = show === 'all' ? all : all.filter((r) => r.has === (show === 'has'));
    const lacking = all.filter((r) => !r.has).map((r) => r.service_name);
    return {
      rows,
      parameters: { customer: found.organisation.name, show },
      summary: {
        organisation: found.organisation,
        account_manager: found.accountManager,
        services: all.length,
        has: all.length - lacking.length,
        lacks: lacking.length,
        lacking,
      },
    };
  },
});
