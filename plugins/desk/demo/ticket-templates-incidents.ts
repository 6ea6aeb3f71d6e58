import type { TicketTemplate } from './ticket-template.js';

/** Incidents: things that worked and stopped working. */
export const incidentTemplates: readonly TicketTemplate[] = [
  {
    type: 'incident',
    category: 'Network',
    team: 'network',
    service: 'vpn-remote-access',
    priorities: [2, 3, 3, 3],
    kb: 'vpn-keeps-dropping',
    summaries: [
      'VPN keeps disconnecting',
      'VPN drops every few minutes at {site}',
      'Lose VPN connection during calls',
    ],
    details: [
      'Working from {site}. The VPN connects but drops every 5–10 minutes {when}, and I lose access to the shared drives each time. Home broadband seems fine otherwise.',
      'Since {when} the VPN client disconnects and reconnects constantly. I am on Wi-Fi at {site}. Laptop {asset}.',
    ],
    resolutions: [
      'The VPN gateway logs showed the tunnel timing out on packet loss from the home Wi-Fi. We switched the client to the nearest gateway and asked you to use a cable; the connection has stayed up for a full day. See KB "VPN keeps dropping every few minutes" if it happens again.',
      'Your laptop was on an old VPN client version with a known keep-alive bug. We pushed the current version through Company Portal and restarted; no drops since.',
    ],
  },
  {
    type: 'incident',
    category: 'Network',
    team: 'network',
    service: 'vpn-remote-access',
    priorities: [2, 3, 3],
    kb: 'vpn-will-not-connect',
    summaries: [
      'VPN says authentication failed',
      'Cannot connect to VPN after password change',
      'VPN gateway unreachable from hotel',
    ],
    details: [
      'The VPN shows "authentication failed" {when}. I changed my password yesterday on my phone. Laptop {asset}.',
      'I am travelling and the VPN says gateway unreachable. Internet works in the browser.',
    ],
    resolutions: [
      'The VPN client had cached the old password. We signed out of the client, signed in with the new password and approved the MFA prompt; connected successfully.',
      'The hotel network blocked VPN traffic. Connecting through your phone hotspot worked; we added a note to the travel guide.',
    ],
  },
  {
    type: 'incident',
    category: 'Network',
    team: 'network',
    service: 'office-wifi',
    priorities: [2, 3, 3, 4],
    kb: 'wifi-keeps-dropping',
    summaries: [
      'Wi-Fi keeps dropping at {site}',
      'Laptop loses Wi-Fi connection',
      'No Wi-Fi on second floor',
    ],
    details: [
      'My laptop drops off CORP-WIFI several times an hour at {site}. Colleagues nearby seem fine. Asset {asset}.',
      'Wi-Fi has been unreliable {when}; Teams calls freeze and then the laptop reconnects.',
    ],
    resolutions: [
      'The wireless adapter was set to power-save. We disabled power management on the adapter and installed the latest wireless driver; the laptop has stayed connected since.',
      'An access point on that floor had failed and clients were roaming to a distant one. We replaced the access point; signal and connection are now stable.',
    ],
  },
  {
    type: 'incident',
    category: 'Network',
    team: 'network',
    service: 'vpn-remote-access',
    priorities: [3, 3, 4],
    kb: 'mapped-drive-missing',
    summaries: [
      'S: drive missing',
      'Mapped drives show red cross',
      'Cannot open the Projects drive',
    ],
    details: [
      'The shared S: drive has a red cross {when} and says it is unavailable. I am working from {site} on the VPN.',
      'My P: drive disappeared after I connected the VPN. I need the project files for a meeting.',
    ],
    resolutions: [
      'The drives were mapped at sign-in before the VPN connected. Running the "Refresh drives" shortcut reconnected them; you can run it yourself next time.',
      'Your account had been removed from the projects group during a team move. Your manager approved access again and we re-added you; drives appear after a lock and unlock.',
    ],
  },
  {
    type: 'incident',
    category: 'Network',
    team: 'network',
    service: 'office-wifi',
    priorities: [3, 3, 4],
    kb: 'certificate-error-in-browser',
    summaries: [
      'Certificate error on the intranet',
      'Browser says connection is not private',
      'Timesheet site shows security warning',
    ],
    details: [
      'Opening the intranet shows "Your connection is not private" {when}. Other sites work.',
      'The timesheet site shows a certificate warning (NET::ERR_CERT_DATE_INVALID). Laptop {asset}.',
    ],
    resolutions: [
      'The laptop clock was two days out after the battery ran flat. We enabled automatic time and synced it; the warning has gone.',
      'The certificate on the internal site had expired overnight. The Network team renewed it and the site loads without warnings.',
    ],
  },
  {
    type: 'incident',
    category: 'Accounts',
    team: 'service-desk',
    service: 'service-desk-support',
    priorities: [2, 3, 3],
    kb: 'account-locked-out',
    summaries: [
      'Account keeps locking',
      'Locked out of my account',
      'Account locked every morning',
    ],
    details: [
      'My account locks {when} even though I type the right password. I changed my password last week.',
      'Locked out again, third time today. I cannot sign in to the laptop at {site}.',
    ],
    resolutions: [
      'The lockout source was your phone, still trying the old password in the mail app. We removed and re-added the work account in Outlook mobile and unlocked you; no lockouts since.',
      'A saved credential for the file server in Credential Manager held your old password. We removed it and unlocked the account.',
    ],
  },
  {
    type: 'incident',
    category: 'Accounts',
    team: 'service-desk',
    service: 'microsoft-365',
    priorities: [2, 2, 3],
    kb: 'mfa-authenticator-new-phone',
    summaries: [
      'New phone, no MFA',
      'Authenticator not on my new phone',
      'Cannot approve sign-in after phone upgrade',
    ],
    details: [
      'I got a new phone {when} and traded in the old one. Now I cannot sign in because the approval goes to the old phone.',
      'Authenticator app lost when I reset my phone. I cannot get into e-mail.',
    ],
    resolutions: [
      'We verified your identity with your manager and issued a Temporary Access Pass. You registered the authenticator on the new phone and we removed the old device. Next time, move the app before replacing the phone (see the KB article).',
      'Identity confirmed on a video call; old authenticator removed and a new one registered using a Temporary Access Pass. Sign-in tested successfully.',
    ],
  },
  {
    type: 'incident',
    category: 'Accounts',
    team: 'service-desk',
    service: 'microsoft-365',
    priorities: [3, 3, 4],
    kb: 'reset-your-password',
    summaries: [
      'Forgot my password',
      'Password expired and reset page fails',
      'Need password reset',
    ],
    details: [
      'I have forgotten my password after leave and self-service reset says I am not registered.',
      'My password expired {when} and the reset page will not send a code to my phone.',
    ],
    resolutions: [
      'Identity verified by a call back to your manager. We set a temporary password that you changed at first sign-in, and registered your phone for self-service reset so you can do it yourself next time.',
      'Your registered mobile number was out of date. We updated it after verifying your identity and you completed the self-service reset.',
    ],
  },
  {
    type: 'incident',
    category: 'Security',
    team: 'service-desk',
    service: 'security-monitoring',
    priorities: [1, 2, 2],
    kb: 'clicked-a-phishing-link',
    summaries: [
      'Clicked a link in a suspicious e-mail',
      'Entered my password on a fake login page',
      'Possible phishing: gave details',
    ],
    details: [
      'I clicked a link in an e-mail about a shared invoice {when} and entered my password before I realised. I have not changed it yet.',
      'An e-mail from "{colleague}" asked me to review a document; the page asked for my password and I typed it.',
    ],
    resolutions: [
      'We reset your password, revoked all sessions and checked the mailbox: an inbox rule forwarding to an external address had been created and was removed. Sign-in logs show no further access. The message was purged from all mailboxes.',
      'Password reset and sessions revoked within minutes of your report. No sign-ins from unknown locations were found. Thank you for reporting quickly.',
    ],
  },
  {
    type: 'incident',
    category: 'Security',
    team: 'service-desk',
    service: 'security-monitoring',
    priorities: [2, 3],
    kb: 'report-a-phishing-email',
    summaries: [
      'Suspicious e-mail asking to change bank details',
      'Phishing e-mail received by the team',
    ],
    details: [
      'Finance received an e-mail from a supplier asking us to update their bank details. The sender domain looks slightly different.',
      'Several of us got an e-mail {when} claiming a voicemail is waiting, with an HTML attachment.',
    ],
    resolutions: [
      'Confirmed as phishing from a look-alike domain. We purged the message from all mailboxes, blocked the sender domain and reminded the team to use Report → Phishing.',
      'The attachment was a credential-harvesting page. Message removed from every mailbox and the domain blocked; nobody had entered details.',
    ],
  },
];
