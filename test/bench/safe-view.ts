// Benchmark: loading a page of photographs with safe view on (every picture blurred by sharp on its way in) beside the
// same page with it off, and the time to blur one large photograph, first and from the cache.
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { startChromium } from '@main/browser/chromium-evidence-browser';
import { StandInCache } from '@main/browser/safe-view-blur';
import { startFixtureServer } from '@test/fixtures/server';
import { median } from '@test/helpers/median';

const RUNS = Number(process.env.RUNS ?? 5);
const PHOTOS = Number(process.env.PHOTOS ?? 30);

const fmt = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

/** NOISE=1: pure noise, the worst case (about 1.2 MB a photo); otherwise shapes with grain, about a camera's size. */
const NOISE = process.env.NOISE === '1';

/** A photograph-sized JPEG, different for each seed. */
const photo = async (width: number, height: number, seed: number): Promise<Buffer> => {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const p = Math.floor(i / 3);
    const shape = 128 + 100 * Math.sin((p % width) / (40 + seed)) * Math.cos(Math.floor(p / width) / (30 + (i % 3)));
    raw[i] = NOISE ? x >>> 24 : Math.max(0, Math.min(255, shape + ((x >>> 24) - 128) / 8));
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
};

const photos = await Promise.all(Array.from({ length: PHOTOS }, (_, i) => photo(1600, 1200, i + 1)));
const large = await photo(4000, 3000, 999);
const page = `<!doctype html><title>Photos</title><body>${photos
  .map((_, i) => `<img src="/photo/${i}.jpg" width="320" height="240">`)
  .join('')}</body>`;

const server = await startFixtureServer(undefined, {
  routes: {
    '/photos': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    },
    ...Object.fromEntries(
      photos.map((p, i) => [
        `/photo/${i}.jpg`,
        (_q: unknown, res: import('node:http').ServerResponse) => {
          res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' });
          res.end(p);
        },
      ]),
    ),
  },
});
const engine = await startChromium({ settle: { quietMs: 100 } });
try {
  const load = async (safeView: boolean): Promise<number> => {
    const b = await engine.open({ safeView });
    try {
      const t = performance.now();
      await b.navigate(`${server.url}/photos`);
      return performance.now() - t;
    } finally {
      await b.teardown('closed');
    }
  };
  const off: number[] = [];
  const on: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    off.push(await load(false));
    on.push(await load(true));
  }
  const cache = new StandInCache();
  let t = performance.now();
  await cache.get(large, 'svg');
  const first = performance.now() - t;
  t = performance.now();
  await cache.get(large, 'svg');
  const cached = performance.now() - t;

  const mb = photos.reduce((n, p) => n + p.length, 0) / 1e6;
  console.log(`Page of ${PHOTOS} photographs of 1600×1200 (${mb.toFixed(1)} MB in all), to settled`);
  console.log(`(median of ${RUNS}; includes 100 ms quiet):`);
  console.log(`  safe view off ${fmt(median(off))}`);
  console.log(`  safe view on  ${fmt(median(on))}   ratio ${(median(on) / median(off)).toFixed(2)}×`);
  console.log(`One 4000×3000 photograph (${(large.length / 1e6).toFixed(1)} MB) blurred:`);
  console.log(`  first ${fmt(first)}   again (cached) ${cached.toFixed(2)} ms`);
} finally {
  await engine.close();
  await server.close();
}
