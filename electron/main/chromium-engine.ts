// Where Debian's Chromium is and how every headless Chromium the app starts is launched and ended: offline, no
// background traffic, and never left running after its owner is done with it.
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { CodedError } from '@shared/result';

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

/** How long a Chromium that still answers is given to close before its process is killed. */
export const CHROMIUM_CLOSE_GRACE_MS = 2000;

export interface HeadlessChromium {
  browser: Browser;
  /** Closes Chromium, and kills its process if it does not end in time or no longer answers. Safe to call twice. */
  close(): Promise<void>;
}

const within = (p: Promise<unknown>, ms: number): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });

/** Lines Chromium itself wrote to its error stream, as Playwright's launch log quotes them. */
const CHROMIUM_SAID = /^\[pid=\d+\]\[err\] (.*)$/;

/**
 * A Chromium that would not start, told in words a school's IT technician can act on, with what Chromium itself said
 * (a few lines) rather than Playwright's launch log of flags and process ids.
 */
export const chromiumStartError = (e: unknown, executablePath: string): CodedError => {
  const raw = e instanceof Error ? e.message : String(e);
  const missing = raw.includes("executable doesn't exist");
  const said = raw
    .split('\n')
    .map((l) => CHROMIUM_SAID.exec(l)?.[1]?.trim() ?? '')
    .filter((l) => l !== '')
    .slice(0, 3);
  const why = missing
    ? `there is no Chromium at ${executablePath}. Install it (on Debian or Ubuntu: apt-get install chromium).`
    : `Chromium at ${executablePath} stopped as it started.` +
      (said.length > 0 ? ` It said: ${said.join(' / ')}` : ' It gave no reason.');
  return new CodedError('IO_ERROR', `The built-in browser could not be started: ${why}`);
};

/**
 * Launches a headless Chromium whose process this side owns. A browser from `chromium.launch` whose DevTools pipe
 * Chromium itself closed (it does at 100 MB of pending data) is left running, its pid out of reach, and keeps the
 * command line from exiting; launched as a server, its process can always be killed.
 */
export const launchHeadlessChromium = async (
  args: readonly string[],
  executablePath: string = CHROMIUM_PATH,
): Promise<HeadlessChromium> => {
  const server: BrowserServer = await chromium
    .launchServer({ executablePath, headless: true, args: [...args] })
    .catch((e: unknown) => {
      throw chromiumStartError(e, executablePath);
    });
  let browser: Browser;
  try {
    browser = await chromium.connect(server.wsEndpoint());
  } catch (e) {
    await server.kill();
    throw e;
  }
  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    if (browser.isConnected()) await within(browser.close(), CHROMIUM_CLOSE_GRACE_MS);
    await within(server.close(), CHROMIUM_CLOSE_GRACE_MS);
    await server.kill();
  };
  return { browser, close: () => (closing ??= close()) };
};
