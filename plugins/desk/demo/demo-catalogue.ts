import type { DemoTeamKey } from './demo-directory.js';

/** A service the desk sells; customers hold some of them (desk_customer_services). */
export interface DemoService {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
}

export const demoServices: readonly DemoService[] = [
  {
    key: 'service-desk-support',
    name: 'Service Desk Support',
    description: 'Phone, e-mail and portal support for end users, 08:00–18:00 on working days.',
    category: 'Support',
  },
  {
    key: 'managed-laptops',
    name: 'Managed Laptops',
    description: 'Laptop supply, build, patching and replacement with next-day swap-out.',
    category: 'Devices',
  },
  {
    key: 'microsoft-365',
    name: 'Microsoft 365',
    description: 'E-mail, Teams, OneDrive and SharePoint administration and licensing.',
    category: 'Collaboration',
  },
  {
    key: 'vpn-remote-access',
    name: 'VPN and Remote Access',
    description: 'Always-on VPN for remote staff, with gateways in London and Manchester.',
    category: 'Network',
  },
  {
    key: 'office-wifi',
    name: 'Office Wi-Fi and LAN',
    description: 'Managed switches, access points and guest Wi-Fi in customer offices.',
    category: 'Network',
  },
  {
    key: 'managed-printing',
    name: 'Managed Printing',
    description: 'Follow-Me print queues, printer leasing, toner and repairs.',
    category: 'Devices',
  },
  {
    key: 'backup-recovery',
    name: 'Backup and Recovery',
    description: 'Nightly backup of Microsoft 365 and file servers with one-year retention.',
    category: 'Security',
  },
  {
    key: 'security-monitoring',
    name: 'Security Monitoring',
    description: '24/7 monitoring of sign-ins and endpoint alerts, with incident response.',
    category: 'Security',
  },
  {
    key: 'phishing-training',
    name: 'Phishing Awareness Training',
    description: 'Quarterly simulated phishing campaigns and short training modules.',
    category: 'Security',
  },
  {
    key: 'mobile-device-management',
    name: 'Mobile Device Management',
    description: 'Company and personal phones enrolled for e-mail with app protection.',
    category: 'Devices',
  },
];

/**
 * Which services each customer has. Gaps are deliberate, so a whitespace report has something to
 * find: Acorn Construction has no backup, security monitoring, phishing training or MDM.
 */
export const demoCustomerServices: Readonly<Record<string, readonly string[]>> = {
  'Acorn Construction': [
    'service-desk-support',
    'managed-laptops',
    'microsoft-365',
    'vpn-remote-access',
    'office-wifi',
    'managed-printing',
  ],
  'Birch Legal': [
    'service-desk-support',
    'managed-laptops',
    'microsoft-365',
    'vpn-remote-access',
    'backup-recovery',
    'security-monitoring',
    'phishing-training',
    'managed-printing',
  ],
  'Cedar Health': [
    'service-desk-support',
    'managed-laptops',
    'microsoft-365',
    'office-wifi',
    'backup-recovery',
    'security-monitoring',
    'mobile-device-management',
  ],
  'Delta Logistics': [
    'service-desk-support',
    'microsoft-365',
    'vpn-remote-access',
    'office-wifi',
    'managed-printing',
    'mobile-device-management',
  ],
  'Elm Street Architects': ['service-desk-support', 'managed-laptops', 'microsoft-365'],
};

/** A request form in the service catalogue. */
export interface DemoCatalogueItem {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly service: string | null;
  readonly ticketType: string;
  readonly team: DemoTeamKey;
}

export const demoCatalogueItems: readonly DemoCatalogueItem[] = [
  {
    key: 'new-starter',
    name: 'New starter',
    description: 'Account, e-mail, laptop and access for someone joining. Five working days.',
    service: 'service-desk-support',
    ticketType: 'service_request',
    team: 'service-desk',
  },
  {
    key: 'leaver',
    name: 'Leaver',
    description: 'Disable the account, hand over mailbox and files, collect equipment.',
    service: 'service-desk-support',
    ticketType: 'service_request',
    team: 'service-desk',
  },
  {
    key: 'shared-mailbox-access',
    name: 'Shared mailbox access',
    description: 'Read, send-as or send-on-behalf access to a shared mailbox; owner approves.',
    service: 'microsoft-365',
    ticketType: 'service_request',
    team: 'applications',
  },
  {
    key: 'shared-folder-access',
    name: 'Shared folder access',
    description: 'Read or edit access to a file share or SharePoint site; owner approves.',
    service: 'microsoft-365',
    ticketType: 'service_request',
    team: 'service-desk',
  },
  {
    key: 'software-install',
    name: 'Software install request',
    description: 'Software not in Company Portal: checked, licensed and packaged for you.',
    service: 'managed-laptops',
    ticketType: 'service_request',
    team: 'applications',
  },
  {
    key: 'equipment-request',
    name: 'Equipment request',
    description: 'Monitors, headsets, docks, keyboards and mice from the standard list.',
    service: 'managed-laptops',
    ticketType: 'service_request',
    team: 'hardware',
  },
  {
    key: 'replacement-laptop',
    name: 'Replacement laptop',
    description: 'A new laptop for one older than four years or beyond repair.',
    service: 'managed-laptops',
    ticketType: 'service_request',
    team: 'hardware',
  },
  {
    key: 'guest-wifi-extended',
    name: 'Guest Wi-Fi (extended)',
    description: 'A guest Wi-Fi voucher for contractors and visitors staying more than a day.',
    service: 'office-wifi',
    ticketType: 'service_request',
    team: 'network',
  },
  {
    key: 'web-filter-exception',
    name: 'Web filter exception',
    description: 'Ask for a blocked website to be reviewed and unblocked.',
    service: 'office-wifi',
    ticketType: 'service_request',
    team: 'network',
  },
  {
    key: 'vpn-access',
    name: 'VPN access',
    description: 'Remote access for a user or a contractor, with an end date.',
    service: 'vpn-remote-access',
    ticketType: 'service_request',
    team: 'network',
  },
  {
    key: 'restore-request',
    name: 'Restore deleted files or e-mail',
    description: 'Restore from backup for items beyond the recycle bin (30 or 93 days).',
    service: 'backup-recovery',
    ticketType: 'service_request',
    team: 'applications',
  },
  {
    key: 'standard-change',
    name: 'Standard change',
    description: 'A pre-approved, low-risk change such as a firewall rule or a new Wi-Fi SSID.',
    service: null,
    ticketType: 'change',
    team: 'network',
  },
];
