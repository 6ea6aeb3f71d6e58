import type { KbArticleSeed } from './kb-article-seed.js';

/** Knowledge-base articles about phishing, lost devices, software and equipment requests. */
export const securityKbArticles: readonly KbArticleSeed[] = [
  {
    slug: 'report-a-phishing-email',
    title: 'Report a phishing e-mail',
    category: 'Security',
    tags: ['phishing', 'email', 'security', 'report'],
    body: `Phishing e-mails try to make you click a link, open an attachment or send money or details. Reporting them takes seconds and protects everyone, because the Security team removes the same message from every mailbox.

## Signs of phishing

- urgency or threats: *your account will be closed today*, *invoice overdue*;
- a sender address that does not match the name, or a look-alike domain such as *acc0unts@* or *micros0ft-support.example*;
- a link whose real address (hover over it without clicking) is not where it claims to go;
- unexpected attachments, especially *.html*, *.zip* or documents asking you to *Enable content*;
- requests to change bank details, buy gift cards or approve an MFA prompt.

Messages from outside the company carry an **[EXTERNAL]** tag in the subject. Be extra careful when an external message claims to come from a colleague.

## How to report

1. In Outlook, select the message and click **Report → Phishing** on the ribbon (in Outlook on the web and on phones: *… → Report → Report phishing*).
2. The message moves out of your inbox and a copy goes to the Security team. You will get a short reply thanking you; there is no need to raise a ticket as well.
3. Do **not** forward the message to colleagues to warn them, and do not reply to the sender.

## Already clicked?

If you clicked a link, opened an attachment or entered a password, see *I clicked a link in a phishing e-mail* straight away. It is never a disciplinary matter to report your own mistake quickly; a late report is what causes damage.

## Phone and text scams

Calls or texts claiming to be from IT asking for codes or passwords are scams. Hang up and call the desk on the number on the intranet.`,
  },
  {
    slug: 'clicked-a-phishing-link',
    title: 'I clicked a link in a phishing e-mail',
    category: 'Security',
    tags: ['phishing', 'security-incident', 'password', 'malware'],
    body: `Act now: the first ten minutes matter most. Nobody will blame you for reporting it, and quick reports stop attacks.

## If you entered your password on the page

1. **Change your password immediately** from a different device if you can (see *Reset your password*). Choosing a new one signs out every session, including the attacker's.
2. **Call the service desk** and say *possible account compromise*. We revoke your sessions and check your mailbox for rules the attacker may have added, such as forwarding to an outside address.
3. **Deny any MFA prompts** you did not start. If you approved one after clicking, tell us; it means the attacker signed in.

## If you opened an attachment or downloaded a file

1. **Disconnect the laptop from the network**: turn off Wi-Fi (airplane mode) and unplug the network cable. Do **not** shut it down; the Security team may need what is in memory.
2. **Call the service desk** and keep the laptop as it is until we call back. A technician may connect remotely or ask you to bring it in.

## If you only clicked and closed the page

Report the e-mail (*Report → Phishing*) and raise a Security incident noting the time you clicked. The web filter blocks most known bad pages, but we check the address you visited.

## What to tell us

- the time of the click and what you did on the page;
- whether you entered a password, approved a prompt, or opened a file;
- the device you used.

## Afterwards

Watch for unusual messages in *Sent Items*, replies to e-mails you did not send, and unexpected MFA prompts over the next few days, and tell us about any of them.`,
  },
  {
    slug: 'lost-or-stolen-device',
    title: 'Lost or stolen laptop or phone',
    category: 'Security',
    tags: ['lost-device', 'stolen', 'security', 'intune', 'wipe'],
    body: `Report a lost or stolen company laptop, company phone, or personal phone with work apps as soon as you notice, even if you think you may find it again.

## Report it

1. **Call the service desk** (do not wait for a ticket reply). Tell us what was lost, when and where you last had it, and whether it was locked.
2. We immediately sign you out of every session and block the device from company systems. A laptop is encrypted with BitLocker, so its data cannot be read without your sign-in.
3. For phones, we remove the company apps and data. On a personal phone we wipe **only** Outlook, Teams and other work apps; your photos and personal apps are untouched. Company phones are wiped completely.
4. **If stolen, report it to the police** and send us the crime reference number; insurance and the data protection team need it.

## Change your password

Change your password from another device, especially if the device was unlocked or your password was written down with it.

## Getting a replacement

The Hardware team sends a replacement laptop, normally within one working day, or two for home delivery. Your files in OneDrive and SharePoint are available as soon as you sign in. Files saved only on the lost laptop's desktop cannot be recovered, which is why everything should be in OneDrive.

A replacement company phone keeps the same number. Allow two working days.

## If you find it again

Tell the desk before turning it on. A laptop that was blocked needs to be reconnected by the desk, and a wiped phone has to be set up again.

Loss of a device holding personal data may need to be reported to the regulator within 72 hours; the desk informs the data protection team for you.`,
  },
  {
    slug: 'software-install-request',
    title: 'Installing software on a company laptop',
    category: 'Software',
    tags: ['software', 'company-portal', 'install', 'licence'],
    body: `You cannot install software as an administrator on company laptops; this keeps laptops secure and licensed. Most software is available at once from **Company Portal**.

## Install from Company Portal

1. Open *Company Portal* from the Start menu.
2. Browse or search, for example *Adobe Acrobat Reader*, *7-Zip*, *Zoom*, *Visio Viewer*, *Power BI Desktop*.
3. Click the app and *Install*. It installs in the background; you can keep working.

Apps marked **Approval required** (for example *Visio*, *Project*, *Adobe Acrobat Pro*, *AutoCAD*) create a request automatically; your manager approves because a licence costs money.

## Software that is not in Company Portal

Raise a *Software install request* in the service catalogue with:

- the product name, vendor and version, and a link to the vendor's site;
- why you need it and how many people will use it;
- whether it needs a licence and who pays for it (cost centre);
- whether it will handle customer or personal data.

The Applications team checks the software for security and licensing, then packages it for Company Portal. A simple free tool takes about three working days; anything that handles personal data or connects to company systems needs a security review, which takes longer.

## Things that are not allowed

- browser extensions that are not in the approved list;
- personal cloud storage clients, remote-control tools and VPN apps;
- pirated software, key generators, or trial versions used past their trial.

## Temporary admin rights

Developers and engineers who need to install tools regularly can request *Privileged access (time-limited)*, which grants admin rights for one hour at a time after approval.`,
  },
  {
    slug: 'windows-update-restart-required',
    title: 'Windows updates and "Restart required"',
    category: 'Software',
    tags: ['windows-update', 'patching', 'restart', 'security'],
    body: `Security updates are released monthly and installed on every company laptop within seven days. Updates download in the background; the only thing needed from you is a restart.

## When you see "Restart required"

1. Save your work and close applications.
2. Click *Start → Power → Update and restart*. Do not choose *Shut down* and walk away: some updates only finish when the laptop restarts.
3. Keep the laptop on mains power. The restart usually takes 5 to 15 minutes; large feature updates can take 45.

## Deadlines

You can postpone the restart for up to **seven days** (*Settings → Windows Update → Pause updates* is not available on company laptops). After the deadline, the laptop restarts by itself outside working hours if it is switched on and plugged in, or at the next opportunity with a 15-minute warning. Set your *Active hours* (*Settings → Windows Update → Advanced options*) so it never restarts during your working day.

## An update keeps failing

If the same update shows *Install error* repeatedly:

1. Restart the laptop, connect to the office network or the VPN, and click *Check for updates*.
2. Make sure you have at least 15 GB free (see *Disk full or low storage*).
3. Run *Fix Windows Update* from Company Portal, then restart.

Raise an Incident with the update name and error code (for example *0x800f0922*) if it still fails. Laptops more than 30 days behind on updates are blocked from company e-mail until they are patched, so do not ignore repeated failures.

## After an update

If the screen stays black after an update restart, see *Black screen after a Windows update*.`,
  },
  {
    slug: 'request-new-equipment',
    title: 'Requesting a monitor, headset, keyboard or other equipment',
    category: 'Hardware',
    tags: ['equipment', 'peripherals', 'headset', 'monitor', 'catalogue'],
    body: `Standard equipment is requested through the service catalogue and delivered to your desk or home. Requests within the standard list need no further approval than your manager's.

## Standard items

- **Headset**: a wired USB headset or a wireless headset with a USB dongle, both certified for Teams.
- **Monitor**: one 24-inch monitor for office staff, two for finance and engineering roles; home workers may have one.
- **Docking station**: USB-C dock with power supply.
- **Keyboard and mouse**: standard wired or wireless set; ergonomic keyboards and vertical mice are also standard.
- **Laptop bag or backpack**, **webcam** (for use with monitors without a camera), **cables and adapters**.

## How to request

1. Open the service catalogue and choose *Equipment request*.
2. Pick the items, the delivery location (office and desk number, or home address) and the cost centre.
3. Your manager approves. Non-standard items (larger monitors, specialist mice, tablets) also need approval from the Hardware team lead and a reason.

Office deliveries arrive within three working days; home deliveries within five.

## Health and safety needs

If you need specialist equipment after a workstation assessment (for example a vertical mouse, split keyboard or monitor arm), attach the assessment to the request. These items are fast-tracked.

## Faulty equipment

A broken headset, mouse or dock is an *Incident*, not a new request; the faulty item is swapped free of charge. Keep the faulty item until the replacement arrives so it can be returned in the same box.

## Returning equipment

Equipment belongs to the company. When you leave or no longer need it, return it to the desk or request a returns box.`,
  },
  {
    slug: 'webcam-not-working',
    title: 'Webcam not working in Teams or other apps',
    category: 'Hardware',
    tags: ['webcam', 'camera', 'teams', 'privacy'],
    body: `When the camera shows a black image, a crossed-out camera icon or *We can't find your camera*, check the privacy settings and physical switches first.

1. **Check the privacy shutter.** Many laptops have a small sliding cover above the screen or a camera key on the keyboard (a camera symbol with a line through it, often F8 or F10). Slide the cover open or press the key.
2. **Close other apps using the camera.** Only one app can use the camera at a time. Quit Zoom, the Camera app and browser tabs with video calls, then try Teams again.
3. **Allow camera access.** Open *Settings → Privacy & security → Camera* and make sure *Camera access* and *Let apps access your camera* are on, and that *Microsoft Teams* is allowed.
4. **Select the right camera.** In Teams, *Settings → Devices → Camera*, pick the built-in camera or your external webcam. With a laptop closed on a dock, only the external camera is available.
5. **Restart Teams** completely by right-clicking its taskbar icon and choosing *Quit*, then start it again.
6. **Restart the laptop.** Camera drivers occasionally fail after sleep.
7. **Update the camera driver** from Company Portal (*Camera driver update*), or for external webcams, try a different USB port directly on the laptop.

## Test outside Teams

Open the *Camera* app from the Start menu. If the camera works there, the problem is in Teams' settings; if it fails there too, it is the device or driver.

## Still not working

Raise an Incident with the laptop's asset tag, the camera in use (built-in or the external model) and a screenshot of any error. If you have an important meeting, the desk can courier a USB webcam the next working day.`,
  },
  {
    slug: 'antivirus-threat-detected',
    title: 'Antivirus says a threat was found',
    category: 'Security',
    tags: ['antivirus', 'defender', 'malware', 'security-incident'],
    body: `Microsoft Defender protects every company laptop. When it shows *Threats found* or *Threat quarantined*, it has usually already dealt with the file. Here is what to do.

## "Threat quarantined" or "Threat removed"

Defender stopped the file before it could run. The Security team is alerted automatically.

1. Note what you were doing: opening an attachment, downloading a file, plugging in a USB stick.
2. If it came from an e-mail, report the e-mail as phishing (see *Report a phishing e-mail*).
3. You do not need to raise a ticket unless the alert appears again.

## "Action needed" or repeated alerts

1. **Do not** restore or allow the file, even if you expected it; legitimate installers are sometimes bundled with unwanted software.
2. Disconnect from the network (turn on airplane mode), leave the laptop switched on, and **call the service desk**.
3. Tell us the name of the threat shown (open *Windows Security → Virus & threat protection → Protection history* to see it), the time, and where the file came from.

## USB sticks

USB storage from outside the company is blocked from running programs. If a customer gives you files on a USB stick, ask for them by e-mail or SharePoint instead. Never plug in a USB stick you found.

## False positives

Developers and engineers sometimes see tools flagged that are part of their work. Raise a Service Request with the file name and why you need it; the Security team may add an exclusion after review. Do not turn off Defender or add exclusions yourself; it is blocked and attempts are logged.

## Warning signs to report anyway

Report files with strange extensions (*.locked*, *.encrypted*), ransom notes on the desktop, or a laptop that suddenly works very hard with nothing open. Disconnect it and call us straight away.`,
  },
];
