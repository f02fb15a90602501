// Where Debian's Chromium is and how every headless Chromium the app starts is launched: offline, no background
// traffic.
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * No background fetches, updates or sync while evidence is on screen; no GPU on a headless machine; UK English, as the
 * app's own engine is set to.
 */
export const CHROMIUM_ARGS = [
  '--lang=en-GB',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;
