import type { KbArticleSeed } from './kb-article-seed.js';

/** Knowledge-base articles about passwords, MFA, access and joiners and leavers. */
export const accountKbArticles: readonly KbArticleSeed[] = [
  {
    slug: 'reset-your-password',
    title: 'Reset your password',
    category: 'Accounts',
    tags: ['password', 'self-service', 'sspr', 'account'],
    body: `You can reset your own password at any time, from any device, without calling the desk. You need the authenticator app or the mobile number registered on your account.

## Reset a forgotten password

1. Go to the self-service password page (*Forgotten password?* link on the sign-in screen, or *passwordreset.example* from any browser).
2. Enter your work e-mail address and the characters shown in the picture.
3. Verify yourself with **two** of: an authenticator app notification, a code by text message, or your security questions.
4. Choose a new password. It must be at least 14 characters and not one of your last ten. A short sentence such as *Three green buses at dawn* is easier to remember than a complex word.
5. Wait two minutes, then sign in with the new password.

## After the reset

- **Laptop:** if you are away from the office, connect to the VPN with the *new* password, then lock (Windows key + L) and unlock the laptop with it so Windows stores it.
- **Phone:** Outlook and Teams ask for the new password within an hour. Enter it when asked; do not ignore the prompt, or repeated old-password attempts will lock your account.
- **Wi-Fi:** on the office *CORP-WIFI*, forget and rejoin the network on your phone.

## If self-service does not work

If you never registered a phone or the app, call the service desk. We verify your identity with your manager on a call, then set a temporary password that you must change at first sign-in. We never ask for your current password, and we never send a new one by e-mail.`,
  },
  {
    slug: 'account-locked-out',
    title: 'Account locked out',
    category: 'Accounts',
    tags: ['lockout', 'password', 'account', 'active-directory'],
    body: `Your account locks for 15 minutes after five wrong passwords in a row. If it keeps locking after you know you typed the right password, a device somewhere is still trying an old one.

## Unlock now

- **Wait 15 minutes.** The lock releases by itself; do not keep trying, each attempt restarts the timer.
- **Or reset your password** through self-service (see *Reset your password*). A reset unlocks the account at once.

## Find the device using an old password

Repeated lockouts almost always follow a password change. Check, in this order:

1. **Your phone.** Outlook, the native mail app and Teams keep retrying the old password. Open each and sign in again, or remove and re-add the work account.
2. **A second laptop or tablet** you rarely use, even if it is in a drawer and switched on.
3. **Mapped drives saved with credentials.** Open *Credential Manager* from the Start menu, choose *Windows Credentials* and remove entries for *files.corp.example* and similar company names.
4. **Wi-Fi on your phone.** *CORP-WIFI* signs in with your work password; forget and rejoin the network.
5. **Scheduled tasks or scripts** that run under your account, if you are in IT or Finance.

## Ask us to find it

If it still locks, raise an Incident. The desk can see which device and address sent the wrong passwords in the last 24 hours and will tell you. Include roughly when the lockouts started and whether you changed your password recently.

Never share your password with a colleague to work around a lockout; it must be changed afterwards and it breaches policy.`,
  },
  {
    slug: 'mfa-authenticator-new-phone',
    title: 'Moving the authenticator app to a new phone',
    category: 'Accounts',
    tags: ['mfa', 'authenticator', 'new-phone', 'sign-in'],
    body: `The authenticator app is tied to the phone it was set up on. Move it **before** you wipe or hand in the old phone; that way you never get locked out.

## While you still have the old phone

1. Install the Microsoft Authenticator app on the new phone.
2. On a laptop, go to *My Sign-ins → Security info* (*mysignins.example*), and sign in. Approve the prompt on the **old** phone.
3. Choose *Add sign-in method → Authenticator app*, then *Next* until a QR code appears.
4. On the new phone, open the app, tap *+ → Work or school account → Scan QR code*, and scan it.
5. Approve the test notification on the new phone.
6. Back on *Security info*, set *Default sign-in method* to the new phone's app notification.
7. Delete the old phone's entry from the list. Only then reset the old phone.

## Update your phone number too

If your number changed, edit the *Phone* entry on the same page so text-message codes still reach you.

## If the old phone is already gone

Call the service desk; you cannot add the new phone yourself without a second method. We verify your identity (a call back to your manager or a video call showing your ID) and issue a **Temporary Access Pass**, a one-time code valid for one hour. Sign in with it at *Security info* and follow steps 3 to 6 above.

## Good to know

- Cloud backup in the app (iCloud or Google) restores personal accounts, but work accounts still need to be re-approved.
- Each approval prompt shows a number; type it in the app. Never approve a prompt you did not start, and report it as a possible phishing attempt.`,
  },
  {
    slug: 'mfa-prompts-not-arriving',
    title: 'MFA prompts are not arriving on my phone',
    category: 'Accounts',
    tags: ['mfa', 'authenticator', 'notifications', 'sign-in'],
    body: `If the sign-in screen waits for an approval that never arrives, the notification is usually blocked on the phone. These steps fix most cases in a few minutes.

1. **Open the authenticator app directly.** Pending requests often appear inside the app even when no notification popped up. Pull down on the account list to refresh.
2. **Use the code instead.** On the sign-in screen choose *I can't use my Microsoft Authenticator app right now → Use a verification code*, and type the six-digit code shown under your work account in the app.
3. **Check notifications are allowed.** On iPhone: *Settings → Notifications → Authenticator → Allow Notifications*. On Android: *Settings → Apps → Authenticator → Notifications*, and turn off battery optimisation for the app.
4. **Check the phone's date and time** are set automatically. Codes and approvals fail when the clock is wrong by more than a minute or two.
5. **Turn off focus or do-not-disturb modes** while signing in, or add Authenticator to the allowed apps.
6. **Update the app** from the App Store or Google Play.

## Prompts you did not ask for

If you receive approval requests you did not start, **deny** them and choose *Report* in the app. Someone has your password. Reset it straight away (see *Reset your password*) and raise a Security incident so we can check recent sign-ins.

## Still not working

Raise an Incident from a colleague's laptop or call the desk. Give your phone model, whether codes work while notifications do not, and when it started. We can send a Temporary Access Pass so you can sign in while we fix it.`,
  },
  {
    slug: 'shared-mailbox-access',
    title: 'Getting access to a shared mailbox',
    category: 'Accounts',
    tags: ['shared-mailbox', 'outlook', 'permissions', 'exchange'],
    body: `Shared mailboxes (for example *accounts@*, *hr@*, *info@*) let a team read and send from one address. Access is granted per person and must be approved by the mailbox owner.

## Request access

1. Open the service catalogue and choose *Shared mailbox access*.
2. Enter the mailbox address, the access you need and a short reason:
   - **Read and manage**: read, file and delete messages.
   - **Send as**: send messages that appear to come from the mailbox itself.
   - **Send on behalf**: messages show "You on behalf of Mailbox".
3. The request goes to the mailbox owner for approval. Once approved, the Applications team adds you, normally the same working day.

## Seeing the mailbox in Outlook

Outlook for Windows adds the mailbox automatically, but it can take up to **two hours** after the access is granted. Restart Outlook after that time. It appears below your own mailbox in the folder list.

If it has not appeared after two hours, add it yourself: *File → Account Settings → Account Settings → Change → More Settings → Advanced → Add*, type the mailbox name and click *OK*.

## Sending from the mailbox

In a new message click *From* (if you cannot see it, *Options → Show From*), choose *Other e-mail address* and type the mailbox address. Sent items are saved in the shared mailbox's *Sent Items*.

## Outlook on the web and phones

In Outlook on the web, right-click *Folders → Add shared folder or mailbox*. The Outlook mobile app supports shared mailboxes under *Add account → Add a shared mailbox*.

## Removing access

When you change team, ask the mailbox owner to remove you, or raise a request yourself.`,
  },
  {
    slug: 'new-starter-request',
    title: 'Requesting an account and laptop for a new starter',
    category: 'Accounts',
    tags: ['new-starter', 'onboarding', 'laptop', 'account'],
    body: `Managers request everything a new starter needs with one catalogue item, *New starter*. Submit it at least **five working days** before the start date so the laptop can be built and delivered.

## What the request asks for

- full name as it should appear in the address book, job title, department and start date;
- manager and office location, or *home-based* with a delivery address;
- contract type and, for contractors and fixed-term staff, the end date (the account expires automatically);
- the role template to copy access from, for example *Site Manager* or *Accounts Assistant*;
- extra software, shared mailboxes and distribution lists;
- a mobile phone if the role needs one.

## What happens next

1. The Service Desk creates the account and e-mail address on approval.
2. The Hardware team assigns and builds a laptop with the standard image and the software listed. Home-based starters receive it by tracked courier.
3. The Applications team adds licences and business system access requested.
4. The manager receives an e-mail on the working day before the start with the user name and instructions to collect the temporary password from the desk by phone. For security, we never send passwords by e-mail.

## On the first day

The new starter signs in on the laptop while connected to the office network or the VPN, sets a new password, and registers the authenticator app (see *Moving the authenticator app to a new phone* for the steps). The desk offers a 15-minute welcome call to help.

Late requests are handled as quickly as possible, but a laptop may not be ready on day one.`,
  },
  {
    slug: 'leaver-process',
    title: 'What to do when someone leaves',
    category: 'Accounts',
    tags: ['leaver', 'offboarding', 'account', 'mailbox'],
    body: `Raise a *Leaver* request as soon as the leaving date is known. It protects company data and makes sure nothing the person owned is lost.

## Information the request needs

- the leaver's name and last working day (and time, if they should lose access during the day);
- who should receive their e-mail and files, normally their manager;
- whether an out-of-office reply should be set and what it should say;
- equipment to collect: laptop, phone, monitors, dock, security token, building pass;
- shared mailboxes, distribution lists or systems they own that need a new owner.

## What the desk does

1. **On the last day**, at the time given, the account is disabled and all sessions signed out, including phones.
2. The mailbox is converted to a shared mailbox and the manager given access for 90 days; after that it is archived.
3. OneDrive files are shared with the manager for 90 days. Ask the leaver to move team files to SharePoint before they go.
4. Licences are removed, and the phone number ported or reassigned if requested.
5. Equipment is logged as returned once it reaches the desk, and the laptop is wiped for reuse.

## Urgent or sensitive leavers

If access must be removed immediately, for example after a dismissal, **call** the service desk rather than raising a ticket, and mark the request as confidential. We disable the account while you are on the phone.

## Returning equipment by post

Home-based leavers are sent a pre-paid returns box. Ask them to include the charger and dock, and not to wipe the laptop themselves.`,
  },
  {
    slug: 'shared-folder-access',
    title: 'Requesting access to a shared folder or SharePoint site',
    category: 'Accounts',
    tags: ['permissions', 'file-share', 'sharepoint', 'access'],
    body: `Access to team folders and SharePoint sites is granted by group membership, so that it can be reviewed and removed cleanly. Please do not ask colleagues to share folders with you directly.

## Request access

1. Find the exact location. For a file share, right-click the folder in File Explorer and choose *Copy as path*. For SharePoint, copy the site address from the browser.
2. In the service catalogue choose *Shared folder access*.
3. Paste the path or address, choose **Read** or **Edit**, and explain what you need it for.
4. The folder owner receives the approval request. The Service Desk applies the change once it is approved, normally within four working hours.

## After access is granted

- **File shares:** sign out of Windows and back in (or lock and unlock while on the VPN) so your new group membership is picked up. Until then you still see *Access denied*.
- **SharePoint:** the site appears at once in the browser. To see it in File Explorer, open the site's document library and click *Sync*.

## If you cannot find the owner

Every share and site has a named owner listed on the intranet's *File shares* page. If the owner has left, say so in the request; the desk will find the department head to approve.

## Giving access to someone outside the company

External sharing is only possible from SharePoint sites marked for external collaboration. Use *Share* on the file and enter the person's e-mail address. External links expire after 30 days. Never copy confidential files to personal storage to share them.`,
  },
];
