import type { KbArticleSeed } from './kb-article-seed.js';

/** Knowledge-base articles about Outlook, Teams and OneDrive. */
export const emailKbArticles: readonly KbArticleSeed[] = [
  {
    slug: 'outlook-will-not-open',
    title: 'Outlook will not open or is stuck on "Loading profile"',
    category: 'Email & Collaboration',
    tags: ['outlook', 'profile', 'email', 'startup'],
    body: `If Outlook stays on the *Loading profile* or *Processing* screen, or closes straight after opening, work through these steps. Your e-mail is safe on the server whatever happens to Outlook on the laptop.

1. **Close it completely.** Press **Ctrl + Shift + Esc**, find *Microsoft Outlook* in Task Manager and choose *End task*. Also end any *Microsoft Teams* process, which can hold Outlook's files open. Then start Outlook again.
2. **Start without add-ins.** Hold **Ctrl** while clicking the Outlook icon and answer *Yes* to start in Safe Mode. If Outlook opens, a faulty add-in is the cause: go to *File → Options → Add-ins → COM Add-ins → Go* and untick add-ins one at a time to find it.
3. **Check Outlook on the web.** Open *outlook.office.com* in a browser. If your mailbox opens there, the problem is on the laptop; if not, raise an Incident straight away, as it may be an account problem.
4. **Repair Office.** Open *Settings → Apps → Installed apps*, find *Microsoft 365 Apps*, choose *Modify → Quick Repair*. This takes about five minutes.
5. **Create a new profile.** Open *Control Panel → Mail (Microsoft Outlook) → Show Profiles → Add*, give it a name, sign in with your work e-mail, then select *Always use this profile* with the new one. Outlook downloads your mailbox again, which can take an hour on a large mailbox. Shared mailboxes reappear by themselves.

Do not delete *.ost* files by hand and do not reinstall Office yourself. If none of these steps help, raise an Incident with a screenshot of the point where Outlook stops and the time it happened.`,
  },
  {
    slug: 'mailbox-full',
    title: 'Mailbox full: "Your mailbox is almost full"',
    category: 'Email & Collaboration',
    tags: ['mailbox', 'quota', 'outlook', 'archive'],
    body: `Every mailbox has a 50 GB limit. At 49 GB you receive warnings; at 50 GB you can no longer send, and soon after you stop receiving. The online archive gives you another 100 GB, and most people never need to delete anything.

## See how full your mailbox is

In Outlook, *File → Info* shows *Mailbox Settings* with a bar. Click *Tools → Mailbox Cleanup → View Mailbox Size* for the size of each folder.

## Quick ways to free space

1. **Empty Deleted Items and Junk E-mail.** Right-click each folder and choose *Empty Folder*.
2. **Find large messages.** In the search box type *size:>10MB* and press Enter. Save attachments you need to OneDrive (*right-click the attachment → Save to OneDrive*), then delete the messages.
3. **Clear Sent Items.** Sent mail with attachments is often the biggest folder. Sort by size and delete or archive old items.

## Use the online archive

Your *Online Archive* appears below your mailbox in the folder list. Messages older than two years move there automatically each night. To move more now, drag folders into the archive, or right-click a folder, choose *Properties → AutoArchive* and set the policy *1 year move to archive*.

Archived mail is searchable in Outlook (choose *All mailboxes* in the search scope) and on your phone in Outlook on the web.

## Shared mailboxes

Shared mailboxes have the same limit. If a shared mailbox is full, the owner should clean it up the same way or raise a request for an archive.

## Still full?

Raise a Service Request if the mailbox is over 45 GB after archiving; the Applications team can review retention settings.`,
  },
  {
    slug: 'teams-audio-problems',
    title: 'Teams audio problems: no sound, echo or others cannot hear you',
    category: 'Email & Collaboration',
    tags: ['teams', 'audio', 'headset', 'microphone', 'meetings'],
    body: `Most Teams audio problems come from Teams using a different device than the one you expect. Check the devices first, then the connection.

## During the call

1. Click **More (…) → Settings → Device settings** in the meeting window.
2. Under *Audio devices*, choose your headset, or under *Speaker* and *Microphone* pick it explicitly. Do not leave *Default device* if you have a dock or monitor with speakers; Windows may choose the monitor.
3. Check you are not muted in Teams **and** on the headset. Many headsets have a mute button on the cable or earpiece.

## Before the next call

- **Make a test call.** *Settings → Devices → Make a test call* records a short message and plays it back.
- **Check Windows privacy.** *Settings → Privacy & security → Microphone* must allow *Microsoft Teams*.
- **Update the headset firmware** from Company Portal (*Headset updates*), and plug USB headsets directly into the laptop rather than into a monitor.

## Echo and robotic voice

- **Echo** that others hear usually comes from someone using laptop speakers with the microphone open. Use a headset, or mute when not speaking.
- **Robotic or broken voice** means lost packets. Move closer to the Wi-Fi or plug in a cable, switch off your video, and disconnect the VPN; Teams does not need it.

## Bluetooth headsets

Bluetooth headsets switch to a low-quality *hands-free* mode when the microphone is used. Choose the entry named *Headset* or *Hands-Free* for both speaker and microphone, or use the USB dongle supplied with company headsets.

If sound is still wrong, raise an Incident with the headset model and the time of the call; the Applications team can look at the call quality data.`,
  },
  {
    slug: 'teams-screen-sharing',
    title: 'Cannot share your screen in Teams',
    category: 'Email & Collaboration',
    tags: ['teams', 'screen-sharing', 'meetings', 'presentation'],
    body: `If the *Share* button is missing or others see a black window when you present, check the following.

## The Share button is missing or greyed out

- **The organiser has limited presenting.** In meetings from outside the company, or large meetings, only presenters can share. Ask the organiser to make you a presenter (*People → your name → Make a presenter*).
- **You joined in the browser.** Screen sharing in a browser works only in Edge and Chrome. Use the Teams app if you can.
- **You joined as a guest** from another organisation's link; sharing may be disabled by their policy.

## Others see a black screen

1. Share a **window** instead of the whole screen, or the other way round.
2. Protected content (some video players and banking sites) shows as black by design.
3. If you have two monitors, share the screen where the content is, not the laptop's screen.
4. Turn off hardware acceleration in Teams: *Settings → General → Disable GPU hardware acceleration*, then quit Teams from the tray icon and start it again.

## Sharing is slow or blurry

- Sharing a whole 4K screen uses a lot of bandwidth. Share a window or the PowerPoint file itself (*Share → PowerPoint Live*) instead; attendees then get a sharp picture and can read at their own pace.
- Switch off your camera while presenting on a slow connection.

## Sharing system sound

To play a video with sound, tick *Include sound* before choosing what to share.

If none of this helps, raise an Incident with the meeting time and whether it was an internal or external meeting.`,
  },
  {
    slug: 'onedrive-sync-problems',
    title: 'OneDrive is not syncing',
    category: 'Email & Collaboration',
    tags: ['onedrive', 'sync', 'files', 'sharepoint'],
    body: `The OneDrive cloud icon in the taskbar shows the sync state. A red cross, a pause symbol or a grey cloud means files are not being backed up. Click the icon to see the message, then use the matching step.

1. **Paused.** Click the icon, then *Resume syncing*. OneDrive pauses itself on metered connections and battery saver.
2. **Signed out (grey cloud).** Click the icon and sign in with your work e-mail.
3. **Sync conflicts.** Files edited in two places appear with your device name added, for example *Budget-LAPTOP01.xlsx*. Open both, keep the right content, and delete the copy.
4. **File names OneDrive cannot sync.** Names containing characters such as \`" * : < > ? / \\ |\`, names starting with a space, and paths longer than 400 characters are refused. Rename the file or shorten the folder structure.
5. **Files too big or locked.** Files over 250 GB cannot sync, and Outlook data files (.pst) are excluded on purpose. Close files that are open in other apps.
6. **Storage full.** Each person has 1 TB. Click the icon, then *Settings → Account* to check usage.
7. **Reset OneDrive** if nothing else works: press **Windows key + R**, type *%localappdata%\\Microsoft\\OneDrive\\onedrive.exe /reset* and press Enter. OneDrive restarts and rechecks every file. Nothing is deleted, but a large library can take hours to check.

## Synced SharePoint libraries

Team libraries synced through the *Sync* button behave the same way. If you lost access to a library, its folder shows an error until you remove it: *Settings → Account → Stop sync*.

Raise an Incident if files still do not sync, with a screenshot of the OneDrive message and the path of one affected file.`,
  },
  {
    slug: 'recover-deleted-email-or-file',
    title: 'Recovering a deleted e-mail or file',
    category: 'Email & Collaboration',
    tags: ['recovery', 'deleted-items', 'onedrive', 'outlook', 'restore'],
    body: `Deleted items can be recovered for a limited time. The sooner you look, the more likely they are still there.

## E-mail

1. Look in **Deleted Items** first. Right-click the message and choose *Move → Inbox*.
2. If Deleted Items was emptied, select the *Deleted Items* folder and click **Recover items recently removed from this folder** at the top (in Outlook on the web, *Recover items deleted from this folder*). Messages are kept here for 30 days.
3. Select the messages, then *Restore*. They return to Deleted Items; move them from there.

For shared mailboxes, the same steps work if you have full access to the mailbox.

## Files in OneDrive or SharePoint

1. Open OneDrive or the SharePoint site in the browser and choose **Recycle bin** in the left menu.
2. Select the file and click *Restore*. Files stay there for 93 days.
3. If the file was overwritten rather than deleted, right-click it and choose **Version history** to restore an earlier version.

If a whole library or many files were deleted or encrypted at once, for example by ransomware, do not try to restore them one by one; raise a P1 Incident and we restore the library to a point in time.

## Files on network drives

Network shares keep *previous versions* taken every four hours. Right-click the folder, choose *Properties → Previous Versions*, select a version and click *Open* to copy out what you need.

## Older than that

For items deleted more than 30 days (e-mail) or 93 days (files) ago, raise a Service Request with the exact name, location and rough date. Backups are kept for one year; restores take up to two working days.`,
  },
  {
    slug: 'out-of-office-reply',
    title: 'Setting an out-of-office reply',
    category: 'Email & Collaboration',
    tags: ['out-of-office', 'automatic-replies', 'outlook', 'absence'],
    body: `Set an automatic reply before any absence longer than a day, so customers and colleagues know who to contact.

## In Outlook for Windows

1. Click *File → Automatic Replies*.
2. Choose *Send automatic replies* and tick *Only send during this time range*. Set the start and end date and time; the reply then switches itself off when you return.
3. Write the message in the *Inside My Organization* tab. Keep it short: when you are back and who to contact meanwhile.
4. On the *Outside My Organization* tab, tick *Auto-reply to people outside my organization* and choose *Anyone outside my organization*. Do not include your mobile number or travel details in external replies.
5. Click *OK*.

## In Outlook on the web or on your phone

On the web: *Settings (gear) → Mail → Automatic replies*. In the Outlook mobile app: tap your profile picture, the gear, your account, then *Automatic replies*.

## A good message

> Thank you for your e-mail. I am out of the office until Monday 3 March with limited access to e-mail. For anything urgent please contact Priya Shah (priya.shah@example.com). I will reply when I return.

## Blocking your calendar

Automatic replies do not mark you as away. Add an *Out of office* event to your calendar for the same period and choose *Decline and cancel my meetings* if you will miss regular meetings.

## Setting a reply for someone else

If a colleague is unexpectedly absent and did not set a reply, their manager can raise a Service Request with the text, dates and reason; the Applications team sets it for them.`,
  },
  {
    slug: 'email-on-mobile-phone',
    title: 'Setting up work e-mail and Teams on a mobile phone',
    category: 'Email & Collaboration',
    tags: ['mobile', 'outlook', 'teams', 'intune', 'byod'],
    body: `Work e-mail on phones (company or personal) is only available through the Outlook and Teams apps, which keep company data separate from your own. The built-in mail apps are blocked.

## Set up

1. Install **Microsoft Authenticator**, **Microsoft Outlook** and **Microsoft Teams** from the App Store or Google Play.
2. Make sure the authenticator is set up for your work account (see *Moving the authenticator app to a new phone*).
3. Open Outlook and tap *Add account*. Enter your work e-mail and sign in. Approve the sign-in in the authenticator.
4. Outlook asks you to install **Company Portal** or to set a PIN. Follow the prompts; this applies the company's app protection policy.
5. Repeat the sign-in in Teams; it picks up the same account.

## What the app protection policy does

- asks for a PIN or your fingerprint to open Outlook and Teams;
- stops copying company text into personal apps, and saving attachments outside OneDrive;
- lets the company wipe **only** the work data in these apps if the phone is lost or you leave. Your photos and personal apps are never touched.

## Requirements

The phone must run a supported version of iOS or Android (the last two major versions) and must not be jailbroken or rooted.

## Common problems

- **"Your organisation requires the Company Portal app"**: install it from the store, open it once and sign in, then return to Outlook.
- **Calendar does not appear in the phone's calendar app**: this is by design; use the Outlook calendar.
- **No notifications**: allow them for Outlook in the phone's settings and turn off battery optimisation for the app.

Raise an Incident if sign-in fails, with the phone model, operating system version and a screenshot of the error.`,
  },
];
