import type { TicketTemplate } from './ticket-template.js';

/** Incidents with laptops, printers and Microsoft 365 applications. */
export const deviceTemplates: readonly TicketTemplate[] = [
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-laptops',
    priorities: [2, 2, 3],
    kb: 'black-screen-after-windows-update',
    summaries: [
      'Black screen after Windows update',
      'Laptop shows black screen with cursor',
      'Screen stays black after restart',
    ],
    details: [
      'The laptop installed updates overnight and now shows a black screen with a mouse pointer. Asset {asset}.',
      'After the update restart {when} the screen is black. I can hear the fan. I have a client meeting at 2pm.',
    ],
    resolutions: [
      'Windows + Ctrl + Shift + B restarted the graphics driver and the desktop came back. The display was being sent to the disconnected dock monitor; we set the display mode back to extend.',
      'The graphics driver in the cumulative update failed. We booted into Safe Mode, rolled back the update and installed the fixed driver; the laptop starts normally.',
    ],
  },
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-laptops',
    priorities: [3, 3, 4],
    kb: 'laptop-running-slowly',
    summaries: [
      'Laptop very slow',
      'Everything takes ages to open',
      'Laptop freezes when opening Excel',
    ],
    details: [
      'My laptop {asset} has been very slow {when}. Opening Outlook takes minutes and Excel freezes.',
      'The laptop is slow in the mornings; the fan runs constantly.',
    ],
    resolutions: [
      'The laptop had not been restarted for 41 days and had pending updates. After the restart and updates, start-up and Excel are back to normal speed.',
      'Memory was full with 8 GB installed. We upgraded the laptop to 16 GB under the managed laptop service; performance is good now.',
    ],
  },
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-laptops',
    priorities: [3, 4],
    kb: 'disk-full-low-storage',
    summaries: [
      'C: drive full',
      'Low disk space warning',
      'Cannot install updates: not enough space',
    ],
    details: [
      'Windows says the C: drive is almost full and updates fail. Laptop {asset}.',
      'I keep getting "low disk space" and Outlook has stopped syncing.',
    ],
    resolutions: [
      'Storage Sense removed 18 GB of update files and the Downloads folder held 25 GB of installers. OneDrive now keeps files online; 62 GB free.',
      'A 40 GB Outlook offline file was the cause; we reduced the offline period to 12 months and the drive now has plenty of space.',
    ],
  },
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-laptops',
    priorities: [2, 2, 3],
    kb: 'bitlocker-recovery-key',
    summaries: ['BitLocker recovery key requested', 'Laptop asks for recovery key at start-up'],
    details: [
      'The laptop asks for a BitLocker recovery key {when}. Key ID starts with the letters shown on screen.',
      'After a BIOS update my laptop {asset} wants a 48-digit key.',
    ],
    resolutions: [
      'Identity verified and the recovery key read out on the call. After sign-in we suspended and resumed BitLocker so the firmware update is trusted; no prompt on the next two restarts.',
      'Key retrieved from the My Account page. The prompt came from starting the laptop on a different dock; it has not returned.',
    ],
  },
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-laptops',
    priorities: [3, 3, 4],
    kb: 'docking-station-not-working',
    summaries: [
      'Monitors not working through dock',
      'Docking station not detected',
      'External monitor says no signal',
    ],
    details: [
      'Neither monitor shows anything when I connect to the dock at {site}. Keyboard and mouse also dead.',
      'The second monitor says "No signal" {when}. It works if I plug it straight into the laptop.',
    ],
    resolutions: [
      'Power-cycling the dock (power cable out for 30 seconds) brought everything back. We updated the dock firmware to stop it recurring.',
      'The dock had failed; the Hardware team swapped it for a new one the next morning.',
      'The DisplayPort cable was faulty; replaced it and both monitors are working.',
    ],
  },
  {
    type: 'incident',
    category: 'Hardware',
    team: 'hardware',
    service: 'managed-printing',
    priorities: [3, 3, 4],
    kb: 'printer-offline',
    summaries: ['Printer offline', 'Cannot print to FollowMe-Print', 'Print jobs stuck in queue'],
    details: [
      'The printer shows offline on my laptop and nothing prints at {site}.',
      'Jobs sit in the queue with "Error - Printing". I need to print contracts {when}.',
    ],
    resolutions: [
      'The laptop still had an old direct printer queue. We removed it and re-added FollowMe-Print via the "Fix printing" tool; printing works.',
      'A stuck job was blocking the spooler. We cleared the queue and restarted the spooler; test page printed.',
      'The printer on that floor had a paper jam in tray 2. Cleared it and released the waiting jobs.',
    ],
  },
  {
    type: 'incident',
    category: 'Email & Collaboration',
    team: 'applications',
    service: 'microsoft-365',
    priorities: [2, 3, 3],
    kb: 'outlook-will-not-open',
    summaries: [
      'Outlook stuck on loading profile',
      'Outlook will not open',
      'Outlook crashes on start',
    ],
    details: [
      'Outlook hangs on "Loading profile" {when}. Outlook on the web works fine.',
      'Outlook opens then closes straight away. Laptop {asset}.',
    ],
    resolutions: [
      'Outlook started in Safe Mode, so an add-in was the cause: the old PDF add-in. We disabled it and Outlook opens normally.',
      'The Outlook profile was corrupt. We created a new profile; the mailbox downloaded again and shared mailboxes reappeared.',
    ],
  },
  {
    type: 'incident',
    category: 'Email & Collaboration',
    team: 'applications',
    service: 'microsoft-365',
    priorities: [3, 3, 4],
    kb: 'teams-audio-problems',
    summaries: ['Nobody can hear me on Teams', 'No sound in Teams calls', 'Echo on Teams meetings'],
    details: [
      'In Teams meetings people cannot hear me {when}, though the headset works in other apps.',
      'I get no audio in Teams calls when docked at {site}.',
    ],
    resolutions: [
      'Teams was using the monitor speakers and the laptop microphone. We set the headset explicitly as speaker and microphone in Teams device settings; test call is clear.',
      'Microphone access for Teams was off in Windows privacy settings. Enabled it; colleagues can hear you now.',
    ],
  },
  {
    type: 'incident',
    category: 'Email & Collaboration',
    team: 'applications',
    service: 'microsoft-365',
    priorities: [3, 3, 4],
    kb: 'onedrive-sync-problems',
    summaries: [
      'OneDrive not syncing',
      'OneDrive shows red cross',
      'Files not uploading to OneDrive',
    ],
    details: [
      'OneDrive shows a red cross {when} and says some files cannot sync.',
      'Changes I make on the laptop are not showing on SharePoint. The cloud icon is grey.',
    ],
    resolutions: [
      'Three files had names with characters OneDrive cannot sync and one path was over 400 characters. Renamed them; sync completed.',
      'OneDrive was signed out after the password change. Signed back in and the backlog uploaded.',
    ],
  },
  {
    type: 'incident',
    category: 'Email & Collaboration',
    team: 'applications',
    service: 'microsoft-365',
    priorities: [2, 3],
    kb: 'mailbox-full',
    summaries: ['Mailbox full, cannot send', 'Mailbox almost full warning'],
    details: [
      'I cannot send e-mail; Outlook says my mailbox is full.',
      'I keep getting "your mailbox is almost full" messages {when}.',
    ],
    resolutions: [
      'Moved mail older than a year to the online archive and emptied Deleted Items; the mailbox is now at 31 GB of 50 GB and sending works.',
      'Sent Items held 12 GB of attachments. We saved the needed ones to OneDrive and archived the rest.',
    ],
  },
  {
    type: 'incident',
    category: 'Software',
    team: 'applications',
    service: 'managed-laptops',
    priorities: [3, 4],
    kb: 'windows-update-restart-required',
    summaries: ['Windows update keeps failing', 'Update error 0x800f0922'],
    details: ['The same update fails every night with error 0x800f0922. Laptop {asset}.'],
    resolutions: [
      'The update needed the VPN to reach the update server. We ran "Fix Windows Update" while connected and the update installed.',
    ],
  },
];
