import type { KbArticleSeed } from './kb-article-seed.js';

/** Knowledge-base articles about laptops, screens, docks, BitLocker and storage. */
export const hardwareKbArticles: readonly KbArticleSeed[] = [
  {
    slug: 'black-screen-after-windows-update',
    title: 'Black screen after a Windows update',
    category: 'Hardware',
    tags: ['windows-update', 'black-screen', 'display', 'startup'],
    body: `After an update restart, a laptop sometimes shows a black screen, with or without a mouse pointer. In most cases Windows is still finishing the update or the display output went to the wrong screen.

1. **Wait 20 minutes.** Large updates keep working behind a black screen. If the drive light flickers or the fan runs, leave it alone and do not hold the power button.
2. **Wake the display.** Press **Windows key + Ctrl + Shift + B** together. The screen flickers and the graphics driver restarts; this fixes many black screens at once.
3. **Switch the display output.** Press **Windows key + P**, then press **P** again once or twice and **Enter**. If the laptop was last used on a dock, it may be sending the picture to a monitor that is no longer connected.
4. **Unplug everything** except the charger: dock, USB devices, external monitors. Then restart with **Ctrl + Alt + Delete → power icon → Restart**.
5. **Force a restart** only if nothing has changed after 20 minutes: hold the power button for 10 seconds, wait, then press it again.
6. **Use Safe Mode** if the black screen returns at every start: restart three times during start-up to reach *Automatic Repair*, then *Advanced options → Startup Settings → Restart → 4*. In Safe Mode, open *Settings → Windows Update → Update history → Uninstall updates* and remove the latest update.

You may be asked for a BitLocker recovery key during these steps; see *BitLocker recovery key* for how to get it.

If the laptop still shows a black screen, raise an Incident with the asset tag and the last update you saw. The Hardware team can swap the laptop the same day for people who cannot work.`,
  },
  {
    slug: 'laptop-running-slowly',
    title: 'Laptop running slowly',
    category: 'Hardware',
    tags: ['performance', 'slow', 'laptop', 'windows'],
    body: `A slow laptop is usually short of memory, short of disk space, or busy with something in the background. Try these steps in order; each takes a few minutes.

1. **Restart properly.** Closing the lid is not a restart. Use *Start → Power → Restart*. Laptops left running for weeks slow down as memory fills up and updates wait to install.
2. **Check what is using the laptop.** Press **Ctrl + Shift + Esc** to open Task Manager and sort by *Memory* and then *CPU*. Browsers with dozens of tabs and large Excel files are the usual culprits. Close what you are not using.
3. **Install pending updates.** Open *Settings → Windows Update*. If it says *Restart required*, restart now; half-installed updates slow the laptop down.
4. **Free disk space.** If the system drive has less than 10 GB free, see *Disk full or low storage*.
5. **Trim start-up apps.** In Task Manager open *Startup apps* and disable anything you do not need at sign-in (music players, chat apps, updaters). Do not disable security software.
6. **Run on mains power** with the power mode set to *Best performance* (*Settings → System → Power & battery*). On battery, laptops slow themselves down to save charge.
7. **Check the antivirus scan time.** A full scan during working hours slows everything. If it happens every day, tell us the time it runs.

If the laptop is still slow, raise an Incident with the asset tag, what is slow (starting up, opening files, a specific application) and a screenshot of Task Manager's *Performance* tab. Laptops older than four years are eligible for replacement through the *Replacement laptop* catalogue item.`,
  },
  {
    slug: 'disk-full-low-storage',
    title: 'Disk full or low storage space',
    category: 'Hardware',
    tags: ['disk-space', 'storage', 'cleanup', 'onedrive'],
    body: `When the system drive (C:) is nearly full, Windows cannot install updates, Outlook stops syncing and the laptop slows down. Keep at least 15 GB free.

## See what is using the space

Open *Settings → System → Storage*. Windows lists the biggest categories: apps, temporary files, documents, others. Click each to see details.

## Free space safely

1. **Run Storage Sense.** In the same page, click *Temporary files*, tick *Windows Update Cleanup*, *Temporary files*, *Delivery Optimization Files* and *Recycle Bin*, and click *Remove files*. This often frees 5–20 GB.
2. **Let OneDrive keep files online.** Right-click the OneDrive folder in File Explorer and choose *Free up space*. Files stay visible and download again when opened.
3. **Empty the Downloads folder.** Installers and old attachments collect there. Move anything you need to OneDrive, then delete the rest.
4. **Move personal media off the laptop.** Photos and videos from phones take a lot of space and should not be on a company device.
5. **Shrink Outlook's offline copy.** In Outlook, *File → Account Settings → Account Settings → double-click your account* and set *Download e-mail for the past* to 6 or 12 months.
6. **Remove apps you no longer use** from *Settings → Apps → Installed apps*. Company software can be reinstalled from Company Portal at any time.

## Do not

- delete anything from the *Windows*, *Program Files* or *ProgramData* folders;
- use third-party "cleaner" tools, which are blocked and can damage Windows.

If the drive is still full after these steps, raise an Incident with a screenshot of the Storage page. The Hardware team can check for large hidden files or offer a laptop with a bigger drive.`,
  },
  {
    slug: 'bitlocker-recovery-key',
    title: 'BitLocker recovery key requested at start-up',
    category: 'Hardware',
    tags: ['bitlocker', 'encryption', 'recovery-key', 'startup'],
    body: `Company laptops are encrypted with BitLocker. At start-up Windows may ask for a 48-digit *recovery key* instead of starting normally. This is a security feature, not a fault; it happens after firmware updates, hardware changes or when the laptop is started on a different dock.

## Get your recovery key

1. On another device (a phone is fine), go to *My Account → Devices* (*myaccount.example*) and sign in with your work account.
2. Find the laptop by its name, which is on the recovery screen as well as on the asset label underneath (for example *ACN-LT-0421*).
3. Choose *View BitLocker keys* and then *Show recovery key*.
4. Match the **Key ID** shown on the laptop's screen with the one on the page. Laptops can have more than one key; only the matching one works.
5. Type the 48 digits on the laptop. The number keys along the top of the keyboard work; the dashes are added for you.

## If you cannot reach the page

Call the service desk. We confirm your identity and read out the key. We never send recovery keys by e-mail or chat.

## If it asks every time

A key prompt at every start usually means the laptop's security chip needs resetting after a firmware update. Once you are signed in, raise an Incident with the laptop name. Do not turn BitLocker off yourself.

## Never

- write the key on the laptop or keep it in the laptop bag;
- share it with anyone who contacts you first, even if they say they are from IT. The desk only reads a key to you on a call you started.`,
  },
  {
    slug: 'monitor-not-detected',
    title: 'External monitor not detected',
    category: 'Hardware',
    tags: ['monitor', 'display', 'dock', 'hdmi'],
    body: `If an external monitor stays black or shows *No signal*, check the connection chain from the laptop to the screen. Most problems are a loose cable or the wrong input selected.

1. **Check the monitor is on and on the right input.** Press the monitor's input or source button and choose the input you plugged into (HDMI 1, HDMI 2, DisplayPort, USB-C).
2. **Reseat both ends of the cable.** DisplayPort plugs have a catch; press it to remove and push in until it clicks.
3. **Ask Windows to look for it.** Open *Settings → System → Display* and click *Detect* under *Multiple displays*.
4. **Choose how screens are used.** Press **Windows key + P** and select *Extend*.
5. **Try a different cable or port.** If you have two monitors, swap their cables over. If the problem moves with the cable, the cable is faulty; the desk can send a new one.
6. **Connect the monitor directly** to the laptop instead of through the dock. If it works directly, see *Docking station not working*.
7. **Update the graphics and dock drivers.** Open Company Portal and install *Display and dock driver update* for your laptop model, then restart.

## Hot desks and meeting rooms

Hot-desk monitors are connected to the dock on the desk. If the monitor still shows *No signal* after these steps, report the desk number so the next person does not hit the same fault. For meeting room screens, use the room's control panel to select *Laptop* before connecting.

Raise an Incident if nothing works, with the monitor model, the cable type and whether you use a dock.`,
  },
  {
    slug: 'docking-station-not-working',
    title: 'Docking station not working',
    category: 'Hardware',
    tags: ['dock', 'usb-c', 'monitor', 'peripherals'],
    body: `When a dock stops passing through monitors, keyboard, mouse or network, reset it before anything else. A dock is a small computer of its own and occasionally needs a restart.

## Reset the dock

1. Unplug the dock's USB-C or Thunderbolt cable from the laptop.
2. Unplug the dock's **power** cable and wait 30 seconds.
3. Plug the power back in, wait until the dock's light is on, then reconnect the laptop.

This fixes most docks straight away.

## If it is still not working

- **Use the right port on the laptop.** Only the ports marked with a lightning bolt or a display symbol support docks. On most company laptops this is the port nearest the hinge.
- **Check the power supply.** Docks need their own charger; if the laptop says *Slow charger*, the wrong one is connected. Use the supply that came with the dock.
- **Update the dock firmware.** Open Company Portal and install *Display and dock driver update*. Keep the laptop connected to the dock and on mains power while it installs.
- **Try the laptop on another dock** (a colleague's or a hot desk). If it works there, the dock is faulty; if not, it is the laptop's port.

## Network through the dock

If monitors work but the network does not, unplug and replug the network cable at the dock and check its light is on. Wi-Fi works as a fallback.

## Replacement

Raise an Incident with the dock model and serial number (on the underside). Faulty docks are swapped by the Hardware team, normally the next working day; home-based staff receive one by courier.`,
  },
  {
    slug: 'printer-offline',
    title: 'Printer shows as offline',
    category: 'Hardware',
    tags: ['printer', 'offline', 'printing', 'follow-me'],
    body: `Office printers use *Follow-Me* printing: you print to one queue, *FollowMe-Print*, and collect the job from any printer by tapping your badge. If Windows says the printer is offline, the laptop cannot reach the print server.

1. **Check you are on the company network.** Printing needs the office network or the VPN. On guest Wi-Fi you cannot print.
2. **Choose the right printer.** In the print dialog choose *FollowMe-Print*, not an old printer name with a model number. Direct printer queues were removed in the last upgrade.
3. **Restart the print spooler.** Open Company Portal and run *Fix printing*. It restarts the spooler and re-adds *FollowMe-Print*. If you cannot find it, restart the laptop instead.
4. **Re-add the printer.** Open *Settings → Bluetooth & devices → Printers & scanners*, remove *FollowMe-Print*, then click *Add device* and select it again from the list.
5. **Check the printer itself** if the job reaches it but will not release: look at its screen for paper jams, empty trays or *Toner low*. Tap your badge again after clearing the problem.

## Badge not recognised

If the printer does not recognise your badge, register it once: tap the badge, enter your network user name and password when asked, and tap again.

## Report a broken printer

Raise an Incident with the printer's name (on the sticker on its front, for example *ACN-LDN-PR03*), the floor and what the screen shows. Jobs waiting for you are kept for 24 hours, so you can collect them from another printer meanwhile.`,
  },
  {
    slug: 'print-queue-stuck',
    title: 'Print job stuck in the queue',
    category: 'Hardware',
    tags: ['printer', 'print-queue', 'spooler', 'printing'],
    body: `A single stuck job can block everything you print after it. Here is how to clear the queue on your laptop.

## Clear the queue

1. Open *Settings → Bluetooth & devices → Printers & scanners* and select *FollowMe-Print*.
2. Click *Open print queue*.
3. Right-click the first job (usually the one showing *Error* or *Deleting*) and choose *Cancel*. Then choose *Printer → Cancel all documents*.
4. If the jobs stay in the list as *Deleting*, open Company Portal and run *Fix printing*, which stops the spooler, removes the stuck files and starts it again. Restarting the laptop has the same effect.
5. Print a one-page test document.

## Why jobs get stuck

- **Very large documents**: PDFs with high-resolution images or hundreds of pages. Print a page range first, or use *Print as image* in Acrobat.
- **Printing while the VPN reconnects**: the job is half-sent. Cancel and resend once the VPN is stable.
- **Documents open in Protected View**: enable editing first, then print.

## The job is at the printer but will not release

If the queue on your laptop is empty but nothing prints when you tap your badge, the job reached the print server. Try a different printer; jobs can be released on any Follow-Me printer for 24 hours. If no printer releases it, raise an Incident with the time you printed and the document name, so the Hardware team can look it up on the server.

Never print confidential documents twice to work around a stuck job without checking the printer tray; the first copy may print later.`,
  },
];
