import type { DeskUserRole } from '../schema/tables.js';

/** A customer (or the desk's own staff organisation) of the demo data. */
export interface DemoOrganisation {
  readonly name: string;
  readonly domain: string;
  /** The desk's own staff; agents and the admin belong to it. */
  readonly staff?: boolean;
  /** E-mail of the agent who manages the customer account. */
  readonly accountManager?: string;
}

/** A demo user; `password` is set only for the documented demo accounts. */
export interface DemoUser {
  readonly email: string;
  readonly name: string;
  readonly role: DeskUserRole;
  readonly organisation: string;
  readonly title: string;
  readonly phone: string | null;
  readonly teams: readonly DemoTeamKey[];
  readonly password?: string;
}

export type DemoTeamKey = 'service-desk' | 'network' | 'hardware' | 'applications';

export const staffOrganisationName = 'Helpdesk Services';

export const demoOrganisations: readonly DemoOrganisation[] = [
  { name: staffOrganisationName, domain: 'helpdesk.example', staff: true },
  {
    name: 'Acorn Construction',
    domain: 'acorn-construction.example',
    accountManager: 'priya.shah@helpdesk.example',
  },
  {
    name: 'Birch Legal',
    domain: 'birch-legal.example',
    accountManager: 'priya.shah@helpdesk.example',
  },
  {
    name: 'Cedar Health',
    domain: 'cedar-health.example',
    accountManager: 'omar.haddad@helpdesk.example',
  },
  {
    name: 'Delta Logistics',
    domain: 'delta-logistics.example',
    accountManager: 'omar.haddad@helpdesk.example',
  },
  {
    name: 'Elm Street Architects',
    domain: 'elm-architects.example',
    accountManager: 'leo.fischer@helpdesk.example',
  },
];

export const demoTeams: readonly { readonly key: DemoTeamKey; readonly name: string }[] = [
  { key: 'service-desk', name: 'Service Desk' },
  { key: 'network', name: 'Network' },
  { key: 'hardware', name: 'Hardware' },
  { key: 'applications', name: 'Applications' },
];

// "Name|Job title" per customer; e-mail addresses are first.last@<domain>.
const customerPeople: Readonly<Record<string, readonly string[]>> = {
  'Acorn Construction': [
    'Ben Okafor|Site Manager',
    'Chloe Wright|Quantity Surveyor',
    'Dan Murphy|Health and Safety Officer',
    'Erin Walsh|Accounts Assistant',
    'Felix Grant|Project Engineer',
    'Hannah Price|Office Manager',
    'Ivan Petrov|Estimator',
    'Jade Collins|Site Administrator',
  ],
  'Birch Legal': [
    'Amelia Hart|Partner',
    'Callum Reid|Senior Associate',
    'Daisy Moore|Paralegal',
    'Edward Kent|Legal Secretary',
    'Farah Khan|Trainee Solicitor',
    'George Lowe|Practice Manager',
    'Isla Bennett|Associate',
  ],
  'Cedar Health': [
    'Aisha Rahman|Practice Manager',
    'Brian Doyle|General Practitioner',
    'Clara Nunes|Practice Nurse',
    'Dev Mistry|Receptionist',
    'Ellie Shaw|Healthcare Assistant',
    'Frank Osei|Pharmacist',
    'Gemma Hill|Medical Secretary',
    'Hugo Lam|Operations Lead',
  ],
  'Delta Logistics': [
    'Adam Clarke|Warehouse Manager',
    'Bella Ortiz|Transport Planner',
    'Carl Jensen|Fleet Coordinator',
    'Dina Aziz|Customer Service Lead',
    'Ethan Brooks|Finance Controller',
    'Fiona Gray|HR Advisor',
    'Gavin Stone|Shift Supervisor',
  ],
  'Elm Street Architects': [
    'Alex Romero|Director',
    'Beth Nolan|Architect',
    'Cormac Flynn|Architectural Technologist',
    'Diana Fox|Studio Manager',
    'Eli Turner|Graduate Architect',
  ],
};

function customerUsers(): DemoUser[] {
  return Object.entries(customerPeople).flatMap(([organisation, people], orgIndex) => {
    const domain = demoOrganisations.find((o) => o.name === organisation)?.domain ?? '';
    return people.map((entry, index): DemoUser => {
      const [name = '', title = ''] = entry.split('|');
      return {
        email: `${name.toLowerCase().replace(/ /g, '.')}@${domain}`,
        name,
        role: 'end_user',
        organisation,
        title,
        phone: `+44 20 7946 ${String(100 + orgIndex * 20 + index).padStart(4, '0')}`,
        teams: [],
      };
    });
  });
}

function staff(
  name: string,
  teams: readonly DemoTeamKey[],
  extra: Partial<Pick<DemoUser, 'email' | 'role' | 'title' | 'password'>> = {},
): DemoUser {
  return {
    email: extra.email ?? `${name.toLowerCase().replace(/ /g, '.')}@helpdesk.example`,
    name,
    role: extra.role ?? 'agent',
    organisation: staffOrganisationName,
    title: extra.title ?? 'Service Desk Analyst',
    phone: null,
    teams,
    ...(extra.password === undefined ? {} : { password: extra.password }),
  };
}

/**
 * Every demo user. The documented demo accounts (see {@link demoAccounts}) carry a password:
 * `alice@example.com` is the end user of the demo dev token, `sam@helpdesk.example` the agent.
 */
export const demoUsers: readonly DemoUser[] = [
  {
    email: 'alice@example.com',
    name: 'Alice Carter',
    role: 'end_user',
    organisation: 'Acorn Construction',
    title: 'Project Coordinator',
    phone: '+44 20 7946 0099',
    teams: [],
    password: 'demo-password-alice',
  },
  ...customerUsers(),
  staff('Sam Taylor', ['service-desk'], {
    email: 'sam@helpdesk.example',
    password: 'demo-password-sam',
  }),
  staff('Priya Shah', ['service-desk'], { title: 'Senior Service Desk Analyst' }),
  staff('Tom Reid', ['service-desk']),
  staff('Nina Kowalski', ['network'], {
    title: 'Network Engineer',
    password: 'demo-password-nina',
  }),
  staff('Omar Haddad', ['network'], { title: 'Senior Network Engineer' }),
  staff('Harry Evans', ['hardware'], {
    title: 'Desktop Support Engineer',
    password: 'demo-password-harry',
  }),
  staff('Grace Lee', ['hardware'], { title: 'Field Engineer' }),
  staff('Ava Martin', ['applications'], {
    title: 'Applications Specialist',
    password: 'demo-password-ava',
  }),
  staff('Leo Fischer', ['applications'], { title: 'Microsoft 365 Engineer' }),
  staff('Morgan Blake', ['service-desk'], {
    email: 'admin@helpdesk.example',
    role: 'admin',
    title: 'Service Desk Manager',
    password: 'demo-password-admin',
  }),
];

/** The demo accounts that can sign in, with their documented passwords (demo data only). */
export const demoAccounts: readonly {
  readonly email: string;
  readonly password: string;
  readonly role: DeskUserRole;
  readonly description: string;
}[] = demoUsers
  .filter((user) => user.password !== undefined)
  .map((user) => ({
    email: user.email,
    password: user.password ?? '',
    role: user.role,
    description:
      user.role === 'end_user'
        ? `end user at ${user.organisation}`
        : `${user.role} in ${user.teams.join(', ')}`,
  }));
