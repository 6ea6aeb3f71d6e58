import { isoTime } from './iso-time.js';
import { demoServices } from './demo-catalogue.js';
import type { SeededRandom } from './seeded-random.js';
import type { TicketTemplate } from './ticket-template.js';

const serviceName = new Map(demoServices.map((service) => [service.key, service.name]));

const impactByPriority: Readonly<Record<number, readonly string[]>> = {
  1: ['organisation', 'site'],
  2: ['site', 'team', 'single_user'],
  3: ['single_user', 'single_user', 'team'],
  4: ['single_user'],
};

const changeWindows = ['Saturday 22:00–23:00', 'Sunday 06:00–08:00', 'Wednesday 19:00–20:00'];

/** The custom field values of a templated ticket, matching its type's field definitions. */
export function templateCustomFields(
  template: TicketTemplate,
  ticket: { readonly priority: number; readonly asset: string; readonly createdMs: number },
  random: SeededRandom,
): Record<string, string | number | boolean> {
  switch (template.type) {
    case 'incident':
      return {
        affected_service: serviceName.get(template.service) ?? template.service,
        impact: random.pick(impactByPriority[ticket.priority] ?? ['single_user']),
        asset_tag: ticket.asset,
      };
    case 'service_request':
      return {
        catalogue_item: template.catalogueItem ?? '',
        needed_by: isoTime(ticket.createdMs + random.int(3, 10) * 86_400_000).slice(0, 10),
        manager_approved: random.chance(0.8),
      };
    case 'problem':
      return {
        root_cause: '',
        workaround: 'See the linked incidents and the knowledge base.',
        linked_incidents: random.int(2, 14),
      };
    case 'change':
      return {
        risk: random.pick(['low', 'low', 'medium', 'high']),
        change_window: random.pick(changeWindows),
        rollback_plan: 'Restore the saved configuration taken before the change.',
      };
    case 'opportunity':
      return {
        service: serviceName.get(template.service) ?? template.service,
        estimated_value: random.int(4, 60) * 500,
        stage: 'identified',
      };
  }
}
