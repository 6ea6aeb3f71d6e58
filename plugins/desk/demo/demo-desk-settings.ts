import type { QuickActionChanges, TicketFieldDefinition } from '../schema/tables.js';
import { demoServices } from './demo-catalogue.js';
import type { DemoTeamKey } from './demo-directory.js';

export type DemoTicketTypeKey =
  'incident' | 'service_request' | 'problem' | 'change' | 'opportunity';

/** A ticket type with its own fields (desk_ticket_types). */
export interface DemoTicketType {
  readonly key: DemoTicketTypeKey;
  readonly name: string;
  readonly description: string;
  readonly fields: readonly TicketFieldDefinition[];
  readonly defaultTeam: DemoTeamKey | null;
  readonly defaultPriority: number;
}

const serviceNames = demoServices.map((service) => service.name);

export const demoTicketTypes: readonly DemoTicketType[] = [
  {
    key: 'incident',
    name: 'Incident',
    description: 'Something that worked has stopped working or works badly.',
    defaultTeam: 'service-desk',
    defaultPriority: 3,
    fields: [
      {
        key: 'affected_service',
        label: 'Affected service',
        type: 'enum',
        required: true,
        options: serviceNames,
      },
      {
        key: 'impact',
        label: 'Impact',
        type: 'enum',
        required: true,
        options: ['single_user', 'team', 'site', 'organisation'],
        default: 'single_user',
        description: 'Who cannot work because of it.',
      },
      { key: 'asset_tag', label: 'Asset tag', type: 'string', required: false },
    ],
  },
  {
    key: 'service_request',
    name: 'Service Request',
    description: 'A request for something new: access, equipment, software, an account.',
    defaultTeam: 'service-desk',
    defaultPriority: 4,
    fields: [
      { key: 'catalogue_item', label: 'Catalogue item', type: 'string', required: false },
      {
        key: 'requested_for',
        label: 'Requested for',
        type: 'string',
        required: false,
        description: 'E-mail of the person it is for, if not you.',
      },
      { key: 'needed_by', label: 'Needed by', type: 'date', required: false },
      {
        key: 'manager_approved',
        label: 'Manager approved',
        type: 'boolean',
        required: false,
        default: false,
      },
    ],
  },
  {
    key: 'problem',
    name: 'Problem',
    description:
      'The underlying cause of one or more incidents, investigated to stop them recurring.',
    defaultTeam: 'service-desk',
    defaultPriority: 3,
    fields: [
      { key: 'root_cause', label: 'Root cause', type: 'text', required: false },
      { key: 'workaround', label: 'Workaround', type: 'text', required: false },
      {
        key: 'linked_incidents',
        label: 'Linked incidents',
        type: 'number',
        required: false,
        default: 0,
      },
    ],
  },
  {
    key: 'change',
    name: 'Change',
    description:
      'A planned change to a service, with a window, a risk assessment and a rollback plan.',
    defaultTeam: 'network',
    defaultPriority: 3,
    fields: [
      {
        key: 'risk',
        label: 'Risk',
        type: 'enum',
        required: true,
        options: ['low', 'medium', 'high'],
        default: 'low',
      },
      { key: 'change_window', label: 'Change window', type: 'string', required: true },
      { key: 'rollback_plan', label: 'Rollback plan', type: 'text', required: true },
    ],
  },
  {
    key: 'opportunity',
    name: 'Opportunity',
    description: 'A chance to offer a customer a service they do not have yet.',
    defaultTeam: 'service-desk',
    defaultPriority: 4,
    fields: [
      { key: 'service', label: 'Service', type: 'enum', required: true, options: serviceNames },
      {
        // Optional: an opportunity is often spotted (e.g. from a whitespace report) before anyone
        // has priced it.
        key: 'estimated_value',
        label: 'Estimated annual value (GBP)',
        type: 'number',
        required: false,
        description: 'Leave out until the opportunity has been priced.',
      },
      {
        key: 'stage',
        label: 'Stage',
        type: 'enum',
        required: false,
        options: ['identified', 'proposed', 'won', 'lost'],
        default: 'identified',
      },
    ],
  },
];

/** SLA per priority; minutes are wall-clock. At risk once 75 % of the time is used. */
export const demoSlaPolicies = [
  { priority: 1, response_minutes: 15, resolution_minutes: 4 * 60, at_risk_percent: 75 },
  { priority: 2, response_minutes: 60, resolution_minutes: 8 * 60, at_risk_percent: 75 },
  { priority: 3, response_minutes: 4 * 60, resolution_minutes: 3 * 24 * 60, at_risk_percent: 75 },
  { priority: 4, response_minutes: 8 * 60, resolution_minutes: 5 * 24 * 60, at_risk_percent: 75 },
] as const;

/** Quick actions; e-mail templates use `{{requester.name}}`, `{{ticket.id}}`, `{{ticket.summary}}`, `{{agent.name}}`. */
export const demoQuickActions: readonly {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly changes: QuickActionChanges;
}[] = [
  {
    key: 'resolve',
    name: 'Resolve',
    description: 'Mark the ticket resolved and tell the requester.',
    changes: {
      status: 'resolved',
      email_template: {
        subject: 'Resolved: {{ticket.summary}} [#{{ticket.id}}]',
        body: 'Hello {{requester.name}},\n\nWe have resolved your ticket #{{ticket.id}}. If the problem comes back, reply to this e-mail within 7 days and the ticket reopens.\n\n{{agent.name}}\nService Desk',
      },
    },
  },
  {
    key: 'take_ownership',
    name: 'Take ownership',
    description: 'Assign the ticket to yourself and open it.',
    changes: { status: 'open', assign_to_caller: true },
  },
  {
    key: 'escalate_to_network',
    name: 'Escalate to Network',
    description: 'Hand the ticket to the Network team.',
    changes: { status: 'open', team_key: 'network' },
  },
  {
    key: 'escalate_to_hardware',
    name: 'Escalate to Hardware',
    description: 'Hand the ticket to the Hardware team.',
    changes: { status: 'open', team_key: 'hardware' },
  },
  {
    key: 'escalate_to_applications',
    name: 'Escalate to Applications',
    description: 'Hand the ticket to the Applications team.',
    changes: { status: 'open', team_key: 'applications' },
  },
  {
    key: 'major_incident',
    name: 'Declare major incident',
    description: 'Raise to priority 1 and take ownership.',
    changes: { priority: 1, status: 'open', assign_to_caller: true },
  },
  {
    key: 'waiting_on_customer',
    name: 'Waiting on customer',
    description: 'Pause the ticket and ask the requester for information.',
    changes: {
      status: 'pending',
      email_template: {
        subject: 'We need your reply: {{ticket.summary}} [#{{ticket.id}}]',
        body: 'Hello {{requester.name}},\n\nTo carry on with ticket #{{ticket.id}} we need some information from you; please see the latest update and reply to this e-mail.\n\n{{agent.name}}\nService Desk',
      },
    },
  },
  {
    key: 'close_with_email',
    name: 'Close with e-mail',
    description: 'Close the ticket and send the requester a closing e-mail.',
    changes: {
      status: 'closed',
      email_template: {
        subject: 'Closed: {{ticket.summary}} [#{{ticket.id}}]',
        body: 'Hello {{requester.name}},\n\nTicket #{{ticket.id}} is now closed. Thank you for your patience. If you need anything else, raise a new ticket.\n\n{{agent.name}}\nService Desk',
      },
    },
  },
];
