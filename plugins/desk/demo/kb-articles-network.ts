import type { KbArticleSeed } from './kb-article-seed.js';

/** Knowledge-base articles about VPN, Wi-Fi, certificates and network drives. */
export const networkKbArticles: readonly KbArticleSeed[] = [
  {
    slug: 'vpn-keeps-dropping',
    title: 'VPN keeps dropping every few minutes',
    category: 'Network',
    tags: ['vpn', 'globalprotect', 'remote-working', 'disconnect'],
    body: `If the VPN connects but drops after a few minutes, the cause is almost always the local network rather than your account. Work through these steps in order and note which one fixed it.

1. **Check the home connection first.** Open a browser with the VPN off and load two or three sites. If pages stall, restart your router (unplug it for 30 seconds) before going further.
2. **Move off 2.4 GHz Wi-Fi or plug in a cable.** Crowded 2.4 GHz networks lose packets, and the VPN client treats a burst of lost packets as a dead tunnel. A network cable is the most reliable fix.
3. **Turn off other VPNs and "privacy" features.** Browser VPN extensions, antivirus web shields and phone-hotspot "data saver" modes all interfere with the tunnel.
4. **Switch the VPN gateway.** In the VPN client, open *Settings → Gateway* and choose the gateway nearest you instead of *Best available*.
5. **Sign out and in again.** Click the VPN icon in the system tray, choose *Disconnect*, then *Sign out*, and connect again. This refreshes the session certificate.
6. **Restart the laptop** if it has not been restarted for more than a week; pending updates can hold on to the network driver.

If the VPN still drops, raise a ticket and include: the time of the last drop, whether you were on Wi-Fi or cable, your internet provider, and a screenshot of *Settings → Troubleshooting → Logs*. The Network team can then see the disconnect reason on the gateway.`,
  },
  {
    slug: 'vpn-will-not-connect',
    title: 'VPN will not connect ("authentication failed" or "gateway unreachable")',
    category: 'Network',
    tags: ['vpn', 'authentication', 'password', 'mfa'],
    body: `The VPN client shows one of two errors when it cannot connect. The wording tells you where to look.

## "Authentication failed"

- **You changed your password recently.** The VPN uses your network password. If you changed it on another device, sign out of the VPN client (*tray icon → Settings → Sign out*) and sign in with the new one.
- **Your MFA prompt timed out.** Approve the prompt in the authenticator app within 60 seconds. If no prompt arrives, open the app and pull down to refresh.
- **Your account is locked.** After five wrong attempts the account locks for 15 minutes. Wait, then try once, carefully. See *Account locked out* if it keeps happening.

## "Gateway unreachable"

- Confirm you have internet access without the VPN: open any public website.
- Hotel, airport and guest networks often require you to accept terms in a browser page first. Open a browser, accept the page, then connect.
- Some public networks block VPN traffic entirely. Use your phone's hotspot instead.
- Check the service status page on the intranet; planned maintenance is announced there and in the desk's announcements.

## Still stuck?

Restart the laptop, then try once more. If it still fails, raise an Incident with the exact error text, the time you tried and the network you were on (home, hotel, office, hotspot). Do not reinstall the VPN client yourself; a reinstall removes the machine certificate and makes the problem harder to diagnose.`,
  },
  {
    slug: 'wifi-keeps-dropping',
    title: 'Wi-Fi keeps dropping on a laptop',
    category: 'Network',
    tags: ['wifi', 'wireless', 'laptop', 'driver'],
    body: `When the Wi-Fi icon keeps disconnecting and reconnecting, try the steps below. Most people are fixed by step 3 or 4.

1. **Is it just you?** Ask a colleague nearby, or check your phone on the same network. If everyone is affected, report it as an office network outage and say which floor or room.
2. **Forget the network and rejoin.** Go to *Settings → Network & internet → Wi-Fi → Manage known networks*, select the network, choose *Forget*, then connect again. In the office, choose *CORP-WIFI* and sign in with your work account, never *GUEST*.
3. **Stop Windows turning the adapter off.** Open *Device Manager → Network adapters*, right-click the wireless adapter, choose *Properties → Power Management* and untick *Allow the computer to turn off this device to save power*.
4. **Update the wireless driver.** Open *Company Portal*, search for *Wireless driver update* for your laptop model and install it. Restart afterwards.
5. **Prefer 5 GHz.** In the adapter's *Advanced* tab set *Preferred band* to *Prefer 5 GHz band*. It is faster and less crowded than 2.4 GHz.
6. **Reset the network stack** as a last step: *Settings → Network & internet → Advanced network settings → Network reset*. This removes saved networks and VPN settings, so note your home Wi-Fi password first.

If the laptop still drops, raise a ticket with your laptop's asset tag, the room or desk number and the times of the drops. The Network team will check the access point logs for your device.`,
  },
  {
    slug: 'certificate-error-in-browser',
    title: 'Certificate error: "Your connection is not private"',
    category: 'Network',
    tags: ['certificate', 'browser', 'ssl', 'tls', 'security'],
    body: `A certificate warning means the browser could not prove the site is who it says it is. Sometimes that is harmless, sometimes it is an attack, so do not click *Continue anyway* on a site where you type a password.

## Check the simple causes

1. **The laptop clock is wrong.** Certificates are valid for set dates. If the date or time in the taskbar is wrong, open *Settings → Time & language → Date & time*, turn on *Set time automatically* and click *Sync now*.
2. **You are on a hotel or guest network** that has not yet shown its sign-in page. Open a plain website such as example.com to bring the sign-in page up, then retry.
3. **The address is mistyped.** Internal sites end in *.corp.example*; an extra letter can lead to a different, untrusted site.

## Internal sites

If the warning appears on an internal site (intranet, timesheets, the HR portal), your laptop may be missing the company root certificate. Connect to the VPN or the office network, restart, and let the laptop pick up its settings. Then open *Company Portal → Sync*.

## Public sites

For a well-known public site, a warning on a trusted network is suspicious. Close the tab, do not enter credentials, and report it.

## Raise a ticket with

- the full address shown in the address bar,
- a screenshot of the warning including the error code (for example *NET::ERR_CERT_DATE_INVALID*),
- the network you were on.

The Network team will check whether the site's certificate has expired or whether something on the network is intercepting traffic.`,
  },
  {
    slug: 'mapped-drive-missing',
    title: 'Mapped network drive is missing or shows a red cross',
    category: 'Network',
    tags: ['network-drive', 'file-share', 'mapped-drive', 'vpn'],
    body: `Departmental shares (for example *S: Shared* and *P: Projects*) are connected when you sign in. If a drive is missing or shows a red cross, work through the following.

1. **Are you connected to the office network or the VPN?** Drives only connect on the company network. Connect the VPN, wait until it shows *Connected*, then open File Explorer again.
2. **Click the drive.** A red cross often only means Windows has not checked the connection yet. Double-clicking the drive reconnects it within a few seconds.
3. **Refresh the drive mappings.** Open the Start menu, type *Refresh drives* and run the shortcut. It re-applies the drive map for your department without signing out.
4. **Sign out and back in** if the shortcut is missing. Drives are mapped at sign-in, so connecting the VPN after signing in can leave them disconnected.
5. **Check you still have access.** If you moved team recently, your access may have been changed. Ask your manager whether you should still have the share, and if so, request access through the *Shared folder access* catalogue item.

## Reconnecting a drive by hand

In File Explorer choose *This PC → Map network drive*, pick the letter, enter the path from the intranet's *File shares* page (for example \`\\\\files.corp.example\\projects\`) and tick *Reconnect at sign-in*.

If none of this works, raise an Incident with the drive letter, the path and the exact error message. Do not copy files to your desktop as a workaround; files there are not backed up.`,
  },
  {
    slug: 'slow-internet-working-from-home',
    title: 'Slow internet when working from home',
    category: 'Network',
    tags: ['remote-working', 'broadband', 'vpn', 'performance'],
    body: `Video calls freezing and files taking minutes to open at home usually come down to the home connection or Wi-Fi, not the company network. These checks take ten minutes.

1. **Measure the connection.** With the VPN *disconnected*, run a speed test in the browser. For video calls you need at least 10 Mbps down, 3 Mbps up and a ping below 50 ms. Write the results down.
2. **Measure again with the VPN connected.** A small drop is normal. If the speed falls by more than half, note the gateway the VPN client shows and include it in any ticket.
3. **Get closer to the router or use a cable.** Walls, floors and microwaves weaken Wi-Fi. A cable or a mesh system often doubles the usable speed.
4. **Check who else is using the line.** Streaming, game downloads and cloud backups on other devices share your upload. Pause them during important calls.
5. **Restart the router** once a week; many home routers slow down after long uptimes.
6. **Teams and Outlook do not need the VPN.** They connect directly over the internet, so you can disconnect the VPN when you are not using internal systems. This halves the load on a slow line.

## When to contact your provider

If the speed test without the VPN is well below what you pay for, contact your broadband provider; the service desk cannot fix home lines.

## When to contact us

Raise a ticket if the connection is fast without the VPN but slow with it, and include both speed test results, the VPN gateway name and the time of day.`,
  },
  {
    slug: 'guest-wifi-access',
    title: 'Getting Wi-Fi access for visitors and contractors',
    category: 'Network',
    tags: ['wifi', 'guest', 'visitor', 'contractor'],
    body: `Visitors must never be given your own Wi-Fi credentials or connected to *CORP-WIFI*. Use the guest network, which is separated from company systems.

## Short visits (one day)

1. The visitor connects to the *GUEST* network.
2. A sign-in page opens. They enter their name, e-mail address and the name of the person they are visiting (you).
3. You receive an e-mail asking you to approve the visitor. Click *Approve*; access lasts until midnight.

If the page does not open on the visitor's device, ask them to open a browser and go to any plain website, which brings the page up.

## Longer visits (contractors, auditors)

For access longer than one day, request *Guest Wi-Fi (extended)* in the service catalogue at least two working days ahead. Give the contractor's name, company, e-mail address, start and end dates, and a sponsor (normally you or your manager). The desk sends a voucher code that works for the dates requested.

## Contractors who need company systems

A contractor who needs e-mail, file shares or business applications needs an account, not guest Wi-Fi. Ask their manager to raise a *New starter* request with the contract end date, so the account expires automatically.

## What the guest network does not allow

- printing on office printers,
- reaching internal sites or file shares,
- more than 20 Mbps per device.

If a visitor needs to present from their laptop, use the meeting room's wireless presentation screen, which works from the guest network.`,
  },
  {
    slug: 'website-blocked-by-web-filter',
    title: 'A website is blocked by the web filter',
    category: 'Network',
    tags: ['web-filter', 'proxy', 'blocked-site', 'security'],
    body: `The company web filter blocks sites in categories such as malware, gambling, file-sharing and newly registered domains. Sometimes it blocks a legitimate site you need for work. Here is how to get it reviewed.

1. **Read the block page.** It names the category the site was placed in, for example *Newly registered domain* or *Personal storage*. Take a screenshot; it contains a reference code the Network team needs.
2. **Check the address.** Phishing sites often imitate real ones with a slightly different spelling. If you reached the site from an e-mail link, stop here and report the e-mail instead (see *Report a phishing e-mail*).
3. **Request a review.** Raise a *Service Request* with the category *Web filter exception* and give:
   - the full address of the site,
   - the screenshot of the block page,
   - why you need it for work and for how long,
   - your manager's name if the site is in a restricted category.
4. **Wait for the review.** Straightforward miscategorisations are usually unblocked within one working day. Sites in restricted categories (personal storage, anonymisers) need approval from the Information Security team and may be refused.

## Things that are never unblocked

Sites that the filter classes as malware or phishing stay blocked. If you think such a site is safe, the Network team can ask the filter vendor to recategorise it, which takes a few days.

## Do not work around the filter

Do not use a personal hotspot, a browser VPN extension or a proxy site to reach a blocked page from a company laptop. These bypass protection that exists to stop ransomware, and using them breaches the acceptable use policy.`,
  },
];
