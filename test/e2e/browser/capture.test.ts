// Captures are the engine's exact PNG bytes at their true size, and teardown destroys the page for good.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromiumBrowser, startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import { hasPngSignature } from '@main/browser/guards';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { expectCode, record } from './browser-harness';

let engine: ChromiumEngine;
let site: FixtureServer;
let U: string;

beforeAll(async () => {
  [engine, site] = await Promise.all([startChromium(), startFixtureServer()]);
  U = site.url;
});

afterAll(async () => {
  await engine?.close();
  await site?.close();
});

describe('capture', () => {
  test('the visible area is a 1280×800 PNG, with the URL and title of the page', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${U}/landing.html`);
      const shot = await browser.capture('viewport');

      expect(hasPngSignature(shot.png)).toBe(true);
      expect(Buffer.from(shot.png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      expect([shot.width, shot.height]).toEqual([1280, 800]);
      // An independent decoder agrees with the header we read.
      const meta = await sharp(shot.png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1280, 800]);
      expect(shot.url).toBe(`${U}/landing.html`);
      expect(shot.title).toBe('Landing');
    } finally {
      await browser.teardown('closed');
    }
  });

  test('the full page of a 5000 px document is one PNG 5000 px tall, whatever was scrolled', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${U}/long.html`);
      const full = await browser.capture('fullpage');
      const view = await browser.capture('viewport');

      expect([full.width, full.height]).toEqual([1280, 5000]);
      const meta = await sharp(full.png).metadata();
      expect([meta.width, meta.height]).toEqual([1280, 5000]);
      // The page's bands really are in the image, far below the viewport: 4000–4500 px tinted, 4500–5000 px white.
      const pixel = async (top: number) => [
        ...(await sharp(full.png).extract({ left: 600, top, width: 1, height: 1 }).raw().toBuffer()).subarray(0, 3),
      ];
      expect(await pixel(4200)).toEqual([0xdd, 0xdd, 0xee]);
      expect(await pixel(4700)).toEqual([0xff, 0xff, 0xff]);
      // Capturing the full page does not change what the reviewers see.
      expect([view.width, view.height]).toEqual([1280, 800]);
    } finally {
      await browser.teardown('closed');
    }
  });

  test('two captures of an unchanged page are byte-identical, so the hash names the content', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${U}/long.html`);
      const a = await browser.capture('viewport');
      const b = await browser.capture('viewport');
      const sha = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');
      expect(sha(a.png)).toBe(sha(b.png));
    } finally {
      await browser.teardown('closed');
    }
  });

  test('an unknown capture mode is refused', async () => {
    const browser = await engine.open();
    try {
      await expectCode(browser.capture('everything' as 'viewport'), 'INVALID_INPUT');
    } finally {
      await browser.teardown('closed');
    }
  });
});

describe('teardown', () => {
  test('after a halt every method is refused, and "torn down" is the last fact', async () => {
    const browser = await engine.open();
    const rec = record(browser);
    await browser.navigate(`${U}/script-redirect.html`);
    await browser.teardown('halt');

    await expectCode(browser.capture('viewport'), 'PROCEDURE_FORBIDS');
    await expectCode(browser.capture('fullpage'), 'PROCEDURE_FORBIDS');
    await expectCode(browser.navigate(`${U}/landing.html`), 'PROCEDURE_FORBIDS');
    await expectCode(browser.back(), 'PROCEDURE_FORBIDS');
    await expectCode(browser.forward(), 'PROCEDURE_FORBIDS');
    await expectCode(browser.reload(), 'PROCEDURE_FORBIDS');
    await expectCode(browser.stop(), 'PROCEDURE_FORBIDS');
    await expectCode(browser.click('a'), 'PROCEDURE_FORBIDS');
    await expectCode(browser.settle(), 'PROCEDURE_FORBIDS');
    await expectCode(() => browser.currentUrl(), 'PROCEDURE_FORBIDS');
    await expectCode(() => browser.currentTitle(), 'PROCEDURE_FORBIDS');
    await browser.teardown('closed');

    expect(rec.of('browser.torn-down')).toEqual([{ reason: 'halt' }]);
    expect(rec.events.at(-1)?.kind).toBe('browser.torn-down');
  });

  test('a capture in flight when the halt comes is discarded, never returned', async () => {
    const browser = await engine.open();
    await browser.navigate(`${U}/long.html`);
    const inFlight = browser.capture('fullpage');
    const halted = browser.teardown('halt');

    await expectCode(inFlight, 'PROCEDURE_FORBIDS');
    await halted;
  });

  test('no page activity is recorded once teardown has begun', async () => {
    const browser = await engine.open();
    const rec = record(browser);
    await browser.navigate(`${U}/title.html`);
    rec.clear();
    // The page would change its title and the redirect page would move on, were it still alive.
    void browser.navigate(`${U}/script-redirect.html`).catch(() => undefined);
    await browser.teardown('halt');
    await new Promise((r) => setTimeout(r, 300));

    expect(rec.events.map((e) => e.kind)).toEqual(['browser.torn-down']);
  });

  test('the next review starts with nothing of the last: no cookies carried over', async () => {
    const first = await engine.open();
    await first.navigate(`${U}/set-cookie`);
    await first.navigate(`${U}/show-cookie`);
    expect(first.currentTitle()).toBe('Cookie: visited=yes');
    await first.teardown('review-ended');

    const second = await engine.open();
    try {
      await second.navigate(`${U}/show-cookie`);
      expect(second.currentTitle()).toBe('No cookie');
    } finally {
      await second.teardown('closed');
    }
  });
});

test('launchChromiumBrowser gives a ready browser and closes its Chromium', async () => {
  const { browser, close } = await launchChromiumBrowser();
  try {
    await browser.navigate(`${U}/landing.html`);
    expect(browser.currentTitle()).toBe('Landing');
  } finally {
    await close();
  }
});
