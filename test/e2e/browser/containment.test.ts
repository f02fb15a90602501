// Hostile pages are contained: popups, downloads, permission requests and other schemes are refused and each attempt is
// recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { documentRequests, expectCode, record, type Recording } from './browser-harness';

let engine: ChromiumEngine;
let site: FixtureServer;
let browser: EvidenceBrowser;
let rec: Recording;
let U: string;

// One evidence browser for the file, as in a review: each test starts from wherever the last one left it.
beforeAll(async () => {
  [engine, site] = await Promise.all([startChromium({ clickTimeoutMs: 1000 }), startFixtureServer()]);
  U = site.url;
  browser = await engine.open();
  rec = record(browser);
});

afterAll(async () => {
  await browser?.teardown('closed');
  await engine?.close();
  await site?.close();
});

beforeEach(() => {
  rec.clear();
  site.log.length = 0;
});

test(
  'popups (target=_blank, window.open, and a window ' + 'written into) are refused, recorded, and never load',
  async () => {
    await browser.navigate(`${U}/popups.html`);
    await browser.click('#blank');
    await browser.click('#open');
    await browser.click('#open-empty');

    expect(rec.of('browser.popup-blocked')).toEqual([
      { url: `${U}/landing.html?from=blank`, opener: `${U}/popups.html` },
      { url: `${U}/landing.html?from=window-open`, opener: `${U}/popups.html` },
      { url: 'about:blank', opener: `${U}/popups.html` },
    ]);
    expect(documentRequests(site.log).map((r) => r.path)).toEqual(['/popups.html']);
    expect(browser.currentUrl()).toBe(`${U}/popups.html`);
    // The page under review is still the one the reviewers see.
    const shot = await browser.capture('viewport');
    expect(shot.title).toBe('Popups');
  },
);

test('a download, by link or by address, is cancelled and recorded with its file name', async () => {
  await browser.navigate(`${U}/download.html`);
  await browser.click('#dl');
  await browser.navigate(`${U}/download/report.bin`);

  expect(rec.of('browser.download-blocked')).toEqual([
    { url: `${U}/download/report.bin`, filename: 'report.bin' },
    { url: `${U}/download/report.bin`, filename: 'report.bin' },
  ]);
  expect(browser.currentUrl()).toBe(`${U}/download.html`);
});

test('permission requests are denied by the engine and each is recorded with the asking origin', async () => {
  await browser.navigate(`${U}/permissions.html`);
  for (const id of ['#geo', '#notify', '#camera', '#mic', '#clipboard']) await browser.click(id);

  expect(rec.of('browser.permission-denied')).toEqual(
    ['geolocation', 'notifications', 'camera', 'microphone', 'clipboard-read'].map((permission) => ({
      permission,
      origin: U,
    })),
  );
  // What the page itself was told, as it reported to the server.
  const told = site.log
    .filter((r) => r.path.startsWith('/echo?'))
    .map((r) => decodeURIComponent(r.path.slice('/echo?'.length)));
  expect(told).toEqual(
    expect.arrayContaining(['geo: User denied Geolocation', 'notifications: denied', 'clipboard: NotAllowedError']),
  );
  expect(told.filter((t) => t.endsWith('granted'))).toEqual([]);
  expect(told).toHaveLength(5);
});

describe('other schemes', () => {
  test(
    'navigate() to any scheme but http(s) is refused ' + 'with NAVIGATION_BLOCKED, recorded, and loads nothing',
    async () => {
      await browser.navigate(`${U}/landing.html`);
      site.log.length = 0;
      const urls = [
        'file:///etc/passwd',
        'data:text/html,<h1>x</h1>',
        'javascript:alert(1)',
        'ms-settings:privacy',
        'chrome://settings',
        'about:blank',
      ];
      for (const url of urls) {
        rec.clear();
        await expectCode(browser.navigate(url), 'NAVIGATION_BLOCKED');
        expect(rec.events.map((e) => e.kind)).toEqual(['browser.navigation-blocked']);
        expect(rec.of('browser.navigation-blocked')[0]?.url).toBe(url);
      }
      await browser.settle();
      expect(browser.currentUrl()).toBe(`${U}/landing.html`);
      expect(site.log).toEqual([]);
    },
  );

  test(
    'a page that tries file:, data:, javascript:, a custom scheme ' +
      'or chrome: is stopped each time, and each attempt recorded',
    async () => {
      await browser.navigate(`${U}/schemes.html`);
      const attempts = [
        ['#file', 'file:///etc/passwd'],
        ['#data', 'data:text/html,%3Ch1%3EData%20URL%3C%2Fh1%3E'],
        ['#js', "javascript:document.title='javascript ran'"],
        ['#custom', 'ms-settings:privacy'],
        ['#chrome', 'chrome://settings/'],
        ['#script-file', 'file:///etc/passwd'],
      ] as const;
      for (const [selector, url] of attempts) {
        rec.clear();
        await browser.click(selector);
        expect(rec.of('browser.navigation-blocked'), selector).toEqual([{ url, reason: expect.any(String) }]);
        expect(rec.of('browser.navigated'), selector).toEqual([]);
        expect(browser.currentUrl(), selector).toBe(`${U}/schemes.html`);
      }
      // The javascript: link did not run: the title is the page's own.
      expect(browser.currentTitle()).toBe('Other schemes');
      // And the page still answers a person's click.
      await browser.click('a.next');
      expect(browser.currentUrl()).toBe(`${U}/landing.html?from=schemes`);
    },
  );

  test(
    'a script that sends the page to another program’s ' + 'scheme on a click is recorded, and the page stays',
    async () => {
      // Its own browser: Chromium answers this with an (invisible, headless) "open this program?" prompt that launches
      // nothing but leaves that page deaf to the mouse. Electron's will-frame-navigate refuses it before any prompt.
      const own = await engine.open();
      const ownRec = record(own);
      try {
        await own.navigate(`${U}/schemes.html`);
        ownRec.clear();
        await own.click('#script-custom');
        expect(ownRec.of('browser.navigation-blocked')).toEqual([
          { url: 'ms-settings:privacy', reason: expect.any(String) },
        ]);
        expect(own.currentUrl()).toBe(`${U}/schemes.html`);
      } finally {
        await own.teardown('closed');
      }
    },
  );

  test('a server redirect to another program’s scheme is recorded and goes nowhere', async () => {
    await browser.navigate(`${U}/landing.html`);
    await browser.navigate(`${U}/redirect-to-custom`);

    expect(rec.of('browser.redirected')).toEqual([
      { from: `${U}/redirect-to-custom`, to: 'ms-settings:privacy', how: 'http', status: 302 },
    ]);
    expect(rec.of('browser.navigation-blocked')).toEqual([{ url: 'ms-settings:privacy', reason: expect.any(String) }]);
    expect(browser.currentUrl()).toBe(`${U}/landing.html`);
    await browser.click('a.next');
    expect(browser.currentUrl()).toBe(`${U}/long.html`);
  });
});

describe('clicking', () => {
  test('click() on nothing is NOT_FOUND and on a broken selector is INVALID_INPUT', async () => {
    await browser.navigate(`${U}/landing.html`);
    await expectCode(browser.click('#no-such-element'), 'NOT_FOUND');
    await expectCode(browser.click('a[[['), 'INVALID_INPUT');
  });

  test('click() follows a link as a person would, and waits for the next page', async () => {
    await browser.navigate(`${U}/landing.html`);
    await browser.click('a.next');
    expect(browser.currentUrl()).toBe(`${U}/long.html`);
    expect(browser.currentTitle()).toBe('Long page');
  });
});
