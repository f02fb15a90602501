// Safe view in real Chromium: a known sharp checkerboard is blurred on screen and in the capture, whatever the page
// does to undo it, until a reviewer reveals its address; audio and video never leave the browser until revealed.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { HOSTILE_ROOT, startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { expectCode } from './browser-harness';

let engine: ChromiumEngine;
let site: FixtureServer;
let U: string;

beforeAll(async () => {
  const checker = await readFile(`${HOSTILE_ROOT}safe-view/checker.png`);
  [engine, site] = await Promise.all([
    startChromium(),
    startFixtureServer(HOSTILE_ROOT, {
      routes: {
        // No content type at all: the engine sniffs the bytes and shows the picture.
        '/untyped-picture': (_req, res) => {
          res.writeHead(404);
          res.end(checker);
        },
      },
    }),
  ]);
  U = `${site.url}/safe-view`;
});

afterAll(async () => {
  await engine?.close();
  await site?.close();
});

/**
 * High-frequency energy of a 256 px square of the capture: the mean difference between neighbouring pixels. The
 * sharp checkerboard (8 px squares, black and white) gives about 30; a blurred copy gives almost nothing.
 */
async function sharpness(png: Uint8Array, left: number, top: number): Promise<number> {
  const inset = 16;
  const size = 256 - 2 * inset;
  const px = await sharp(png)
    .extract({ left: left + inset, top: top + inset, width: size, height: size })
    .grayscale()
    .raw()
    .toBuffer();
  let sum = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x + 1 < size; x++) sum += Math.abs((px[y * size + x + 1] ?? 0) - (px[y * size + x] ?? 0));
  return sum / (size * (size - 1));
}

/** Lightest, darkest and mean grey of a square of the capture. */
async function tones(png: Uint8Array, left: number, top: number, size: number) {
  // Cut out first: stats() would describe the whole input, not the cut-out.
  const cut = await sharp(png).extract({ left, top, width: size, height: size }).grayscale().raw().toBuffer();
  let min = 255;
  let max = 0;
  let sum = 0;
  for (const v of cut) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { min, max, mean: sum / cut.length };
}

const SHARP = 20;
const BLURRED = 3;

const withBrowser = async (safeView: boolean, work: (b: EvidenceBrowser) => Promise<void>) => {
  const b = await engine.open({ safeView });
  try {
    await work(b);
  } finally {
    await b.teardown('closed');
  }
};

describe('safe view', () => {
  test('without safe view the fixture is sharp: the measure can tell the two apart', async () => {
    await withBrowser(false, async (b) => {
      await b.navigate(`${U}/plain.html`);
      expect(await sharpness((await b.capture('viewport')).png, 0, 0)).toBeGreaterThan(SHARP);
    });
  });

  test('a picture is blurred in the capture until its address is revealed, then sharp', async () => {
    await withBrowser(true, async (b) => {
      await b.navigate(`${U}/plain.html`);
      const before = await b.capture('viewport');
      expect(await sharpness(before.png, 0, 0)).toBeLessThan(BLURRED);
      // Greyed, too: no pure black or white is left of the checkerboard.
      const { min, max } = await tones(before.png, 0, 0, 256);
      expect(min).toBeGreaterThan(40);
      expect(max).toBeLessThan(230);
      const picture = `${U}/checker.png`;
      expect(b.safeView().hidden).toContainEqual({ url: picture, kind: 'image' });

      await b.reveal(picture);
      const after = await b.capture('viewport');
      expect(await sharpness(after.png, 0, 0)).toBeGreaterThan(SHARP);
      expect(b.safeView().revealed).toEqual([picture]);
      expect(b.safeView().hidden.map((h) => h.url)).not.toContain(picture);
    });
  });

  test('a video is held back: its request never reaches the server until revealed', async () => {
    await withBrowser(true, async (b) => {
      const seen = site.log.length;
      await b.navigate(`${U}/plain.html`);
      const clip = `${U}/clip.webm`;
      expect(site.log.slice(seen).some((r) => r.url === clip)).toBe(false);
      expect(b.safeView().hidden).toContainEqual({ url: clip, kind: 'video' });
      await b.reveal(clip);
      expect(site.log.slice(seen).some((r) => r.url === clip)).toBe(true);
    });
  });

  test('a hostile page cannot undo the blur: styles, scripts, canvas, blob:, data:, srcset, SVG, frames', async () => {
    await withBrowser(true, async (b) => {
      await b.navigate(`${U}/hostile.html`);
      for (let i = 0; i < 40 && !b.currentTitle().endsWith('(ready)'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(b.currentTitle()).toMatch(/\(ready\)$/);
      await b.settle();
      const shot = (await b.capture('viewport')).png;
      const cells: Record<string, [number, number]> = {
        plain: [0, 0],
        canvas: [256, 0],
        blob: [512, 0],
        data: [768, 0],
        background: [1024, 0],
        srcset: [0, 256],
        svg: [256, 256],
        frame: [512, 256],
        drawn: [768, 256],
        dataDrawn: [1024, 256],
        backgroundDrawn: [0, 512],
      };
      const measured: Record<string, number> = {};
      for (const [name, [x, y]] of Object.entries(cells)) measured[name] = await sharpness(shot, x, y);
      for (const [name, value] of Object.entries(measured)) expect(value, `${name} ${value}`).toBeLessThan(BLURRED);
      // Something is drawn in every cell (the stand-in), so a cell left empty does not pass for blurred.
      for (const [name, [x, y]] of Object.entries(cells)) {
        expect((await tones(shot, x + 16, y + 16, 224)).mean, name).toBeLessThan(250);
      }
    });
  });

  test('a picture opened as the page itself, or served without a content type, is blurred too', async () => {
    await withBrowser(true, async (b) => {
      // Chromium shows a picture opened directly in the middle of the view.
      await b.navigate(`${U}/checker.png`);
      expect(await sharpness((await b.capture('viewport')).png, 512, 272)).toBeLessThan(BLURRED);
      await b.navigate(`${site.url}/untyped-picture`);
      expect(await sharpness((await b.capture('viewport')).png, 512, 272)).toBeLessThan(BLURRED);
    });
  });

  test('after the teardown nothing is revealed', async () => {
    const b = await engine.open({ safeView: true });
    await b.navigate(`${U}/plain.html`);
    await b.teardown('halt');
    await expectCode(b.reveal(`${U}/checker.png`), 'PROCEDURE_FORBIDS');
    expect(() => b.safeView()).toThrow();
  });
});
