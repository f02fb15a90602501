// After a halt, no image of the halted page exists on disk while the browser is still running, and the search would
// find one if it did.
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChromium } from '@main/browser/chromium-evidence-browser';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@main/chromium-engine';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { Investigation } from '@main/services/investigation';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { filesContaining } from '@test/helpers/search';
import { refusalCode } from '@test/helpers/refusals';
import { incidentInReview, newVault, tempDir } from '@test/helpers/vault';

const MARKER = `CS-MARKER-${randomBytes(12).toString('hex')}`;
let server: FixtureServer;

beforeAll(async () => {
  const png = Buffer.concat([
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#777' } })
      .png()
      .toBuffer(),
    Buffer.from(MARKER),
  ]);
  server = await startFixtureServer(undefined, {
    routes: {
      '/suspect/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Suspect</title><p>${MARKER}</p><img src="/suspect/image.png" alt="">`);
      },
      '/suspect/image.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
        res.end(png);
      },
    },
  });
});
afterAll(() => server?.close());

const withTmpdir = async <T>(dir: string, work: () => Promise<T>): Promise<T> => {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
};

describe('halt leaves no image on disk', () => {
  it(
    'finds no trace of the halted page under the data ' + 'or temporary folder, with the browser still running',
    async () => {
      const tmp = await tempDir('cs-halt-tmp-');
      const vault = await newVault();
      const store = await incidentInReview(vault);
      const engine = await withTmpdir(tmp, () => startChromium());
      try {
        const inv = new Investigation({ store, launchBrowser: () => engine.open() });
        await inv.browse('ah', 'navigate', `${server.url}/suspect/`);
        const shot = await inv.capture('ah', 'fullpage', 'Image on the page');
        await inv.halt('ds', `${server.url}/suspect/`);
        expect(await inv.purge('ds', [shot.sha256])).toEqual({ purged: [shot.sha256] });
        // The browser's profile lives in tmp, so a disk cache would be there: the search covers it.
        expect((await readdir(tmp)).some((n) => n.startsWith('playwright'))).toBe(true);
        expect(await filesContaining(tmp, MARKER)).toEqual([]);
        expect(await filesContaining(vault.dataDir, MARKER)).toEqual([]);
        expect(await readdir(join(store.dir, 'files'))).toEqual([]);
      } finally {
        await engine.close();
      }
    },
  );

  it('control: a browser with an on-disk profile does leave the image behind, and the search finds it', async () => {
    const profile = await tempDir('cs-control-profile-');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/suspect/`, { waitUntil: 'load' });
    await context.close();
    expect((await filesContaining(profile, MARKER)).length).toBeGreaterThan(0);
  });

  it('a real Chromium capture held open while the halt is pressed is discarded and never written', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const engine = await startChromium();
    try {
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let shotBytes: Uint8Array | null = null;
      const inv = new Investigation({
        store,
        launchBrowser: async () => {
          const real = await engine.open();
          // The real browser, except that its capture is held open after Chromium has produced the PNG.
          const holding: EvidenceBrowser = {
            onEvent: (l) => real.onEvent(l),
            navigate: (u) => real.navigate(u),
            back: () => real.back(),
            forward: () => real.forward(),
            reload: () => real.reload(),
            stop: () => real.stop(),
            click: (sel) => real.click(sel),
            settle: () => real.settle(),
            currentUrl: () => real.currentUrl(),
            currentTitle: () => real.currentTitle(),
            teardown: (reason) => real.teardown(reason),
            safeView: () => real.safeView(),
            reveal: (u) => real.reveal(u),
            capture: async (mode) => {
              const shot = await real.capture(mode);
              shotBytes = Uint8Array.from(shot.png);
              await held;
              return shot;
            },
          };
          return holding;
        },
      });
      await inv.browse('ah', 'navigate', `${server.url}/suspect/`);
      const inFlight = refusalCode(inv.capture('ah', 'viewport'));
      while (!shotBytes) await new Promise((r) => setTimeout(r, 10));
      const halting = refusalCode(inv.halt('ds', `${server.url}/suspect/`));
      release();
      expect(await Promise.all([inFlight, halting])).toEqual(['CAPTURE_LOCKED', 'RESOLVED']);
      const kinds = store.journal.entries.map((e) => e.kind);
      expect(kinds).toContain('capture.discarded');
      expect(kinds).not.toContain('capture.taken');
      expect(await readdir(join(store.dir, 'files')).catch(() => [])).toEqual([]);
      const sha = createHash('sha256')
        .update(shotBytes ?? new Uint8Array())
        .digest('hex');
      expect(JSON.stringify(store.journal.entries)).not.toContain(sha);
    } finally {
      await engine.close();
    }
  });
});
