import { demoCustomerServices, demoServices } from './demo-catalogue.js';
import type { TicketTemplate } from './ticket-template.js';

// Why a customer without the service would want it, in the words of an account manager.
const pitches: Readonly<Record<string, string>> = {
  'backup-recovery':
    'They lost files last quarter that were past the recycle bin. Nightly backup with one-year retention would have recovered them.',
  'security-monitoring':
    'Several phishing incidents this year; 24/7 sign-in monitoring would catch compromised accounts within minutes.',
  'phishing-training':
    'Staff clicked links in recent phishing e-mails. Quarterly simulations cut click rates sharply.',
  'mobile-device-management':
    'Staff read e-mail on personal phones with no app protection; MDM lets us wipe work data from lost phones.',
  'vpn-remote-access': 'More staff now work from home and use remote desktop over the internet.',
  'office-wifi': 'Their office Wi-Fi is self-managed and unreliable according to recent tickets.',
  'managed-printing':
    'They lease printers separately and raise toner and jam issues with us anyway.',
  'managed-laptops': 'Laptops are bought ad hoc and many are over five years old.',
};

/** Customer organisations and, for each, the services it does not have yet. */
export const serviceGaps: readonly {
  readonly organisation: string;
  readonly services: string[];
}[] = Object.entries(demoCustomerServices).map(([organisation, held]) => ({
  organisation,
  services: demoServices.map((s) => s.key).filter((key) => !held.includes(key)),
}));

/** A template for an opportunity to sell `serviceKey` to `organisation`. */
export function opportunityTemplate(organisation: string, serviceKey: string): TicketTemplate {
  const name = demoServices.find((s) => s.key === serviceKey)?.name ?? serviceKey;
  const pitch = pitches[serviceKey] ?? 'The customer asked about it during the service review.';
  return {
    type: 'opportunity',
    category: 'Account Management',
    team: 'service-desk',
    service: serviceKey,
    priorities: [4],
    summaries: [`${organisation}: offer ${name}`, `${name} for ${organisation}`],
    details: [`${organisation} does not have ${name}. ${pitch}`],
    resolutions: [
      `Proposal for ${name} sent to ${organisation}; they accepted and onboarding is booked.`,
      `${organisation} declined ${name} for this financial year; revisit at the next service review.`,
    ],
  };
}
