// Safe view through the review service in real Chromium: the choice recorded at the opening, each reveal journaled
// before the picture is served sharp, captures that say what was revealed, and a halt that lands mid-interception.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { Investigation } from '@main/services/investigation';
import { HOSTILE_ROOT, startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { refusalCode } from '@test/helpers/refusals';
import { incidentInReview, newVault } from '@test/helpers/vault';

let engine: ChromiumEngine;
let site: FixtureServer;
let U: string;
/** Set by the slow picture's route when its request arrives; the test halts then. */
let slowArrived: () => void = () => undefined;

beforeAll(async () => {
  const checker = await readFile(`${HOSTILE_ROOT}safe-view/checker.png`);
  [engine, site] = await Promise.all([
    startChromium(),
    startFixtureServer(HOSTILE_ROOT, {
      routes: {
        // A picture that takes its time, then a page that asks for another once it has loaded.
        '/slow.png': (_req, res) => {
          slowArrived();
          setTimeout(() => {
            res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
            res.end(checker);
          }, 400);
        },
        '/slow.html': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>Slow</title><img src="/slow.png" onload="new Image().src=\'/after.png\'">');
        },
      },
    }),
  ]);
  U = site.url;
});

afterAll(async () => {
  await engine?.close();
  await site?.close();
});

/** Mean difference between neighbouring pixels in the top-left 256 px: about 30 sharp, near 0 blurred. */
async function sharpness(png: Uint8Array): Promise<number> {
  const px = await sharp(png).extract({ left: 16, top: 16, width: 224, height: 224 }).grayscale().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i + 1 < px.length; i++) if ((i + 1) % 224 !== 0) sum += Math.abs((px[i + 1] ?? 0) - (px[i] ?? 0));
  return sum / (224 * 223);
}

const review = async () => {
  const store = await incidentInReview(await newVault());
  const opened: EvidenceBrowser[] = [];
  const inv = new Investigation({
    store,
    launchBrowser: async (options) => {
      const b = await engine.open(options);
      opened.push(b);
      return b;
    },
  });
  return { store, inv, opened };
};

describe('safe view in the review', () => {
  test('blurred in the capture until revealed; the reveal is journaled first, then the capture is sharp', async () => {
    const { store, inv } = await review();
    try {
      await inv.browse('ah', 'navigate', `${U}/safe-view/plain.html`);
      const picture = `${U}/safe-view/checker.png`;
      expect(inv.safeView()?.hidden).toContainEqual({ url: picture, kind: 'image' });

      const blurred = await inv.capture('ah', 'viewport');
      expect(await sharpness(await store.getFile(blurred.sha256))).toBeLessThan(3);

      await inv.reveal('ds', picture);
      const sharpShot = await inv.capture('ah', 'viewport');
      expect(await sharpness(await store.getFile(sharpShot.sha256))).toBeGreaterThan(20);

      const entries = store.journal.entries;
      const revealedAt = entries.findIndex((e) => e.kind === 'media.revealed');
      expect(entries[revealedAt]).toMatchObject({ actor: 'ds', data: { url: picture, kind: 'image' } });
      const captures = entries.filter((e) => e.kind === 'capture.taken');
      expect(captures.map((e) => (e.data as { revealed?: string[] }).revealed)).toEqual([[], [picture]]);
      expect(captures[1]?.seq).toBeGreaterThan(entries[revealedAt]?.seq ?? Infinity);
    } finally {
      await inv.close();
    }
  });

  test('an address not blurred on the page is not revealed, and nothing is journaled', async () => {
    const { store, inv } = await review();
    try {
      await inv.browse('ah', 'navigate', `${U}/safe-view/plain.html`);
      const before = store.journal.entries.length;
      expect(await refusalCode(inv.reveal('ah', `${U}/elsewhere.png`))).toBe('NOT_FOUND');
      expect(store.journal.entries.filter((e) => e.kind === 'media.revealed')).toHaveLength(0);
      expect(store.journal.entries.length).toBe(before);
    } finally {
      await inv.close();
    }
  });

  test('a halt while a picture is being intercepted leaves nothing loaded and nothing to reveal', async () => {
    const { store, inv, opened } = await review();
    const arrived = new Promise<void>((r) => (slowArrived = r));
    const browsing = refusalCode(inv.browse('ah', 'navigate', `${U}/slow.html`));
    await arrived;
    const seen = site.log.length;
    await inv.halt('ds', `${U}/slow.html`);
    expect(await browsing).toBe('PROCEDURE_FORBIDS');
    // The picture's answer arrives after the halt: nothing more is asked for by a page that no longer exists.
    await new Promise((r) => setTimeout(r, 800));
    expect(site.log.slice(seen).map((r) => r.path)).not.toContain('/after.png');
    expect(inv.safeView()).toBeNull();
    expect(await refusalCode(inv.reveal('ah', `${U}/slow.png`))).toBe('PROCEDURE_FORBIDS');
    expect(() => opened[0]?.safeView()).toThrow();
    expect(store.journal.entries.map((e) => e.kind)).toContain('review.halted');
    expect(store.journal.entries.map((e) => e.kind)).not.toContain('media.revealed');
    await inv.close();
  });
});
