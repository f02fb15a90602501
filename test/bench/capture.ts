// Benchmark: capture time from the reviewer's click to a durable journal entry, beside the raw Chromium screenshot time
// of the same page.
import { performance } from 'node:perf_hooks';
import { startChromium } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { Investigation } from '@main/services/investigation';
import { startFixtureServer } from '@test/fixtures/server';
import { incidentInReview, newVault } from '@test/helpers/vault';

const RUNS = Number(process.env.RUNS ?? 30);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
};
const fmt = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

/** A page of coloured lines of text, as long as the number of lines makes it. */
const benchPage = (title: string, lines: number, hueStep: number, text: (i: number) => string): string => {
  const style = (i: number) => `font:16px sans-serif;margin:0 20px;height:20px;color:hsl(${i * hueStep},60%,35%)`;
  const body = Array.from({ length: lines }, (_, i) => `<p style="${style(i)}">${text(i)}</p>`).join('');
  return `<!doctype html><title>${title}</title><body style="margin:0">${body}</body>`;
};

const server = await startFixtureServer(undefined, {
  routes: {
    '/bench/viewport': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        benchPage('Viewport', 40, 9, (i) => `Line ${i} of a page that fills the visible area with text and colour.`),
      );
    },
    '/bench/long': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        benchPage(
          'Long',
          250,
          3,
          (i) => `Post ${i}: a comment in a long thread, for a full-page capture of about 5000 pixels.`,
        ),
      );
    },
  },
});
const engine = await startChromium();
try {
  const vault = await newVault();
  const store = await incidentInReview(vault);
  let browser: EvidenceBrowser | null = null;
  const inv = new Investigation({ store, launchBrowser: async () => (browser = await engine.open()) });

  // Time to durable entry: when the journal's append of capture.taken has resolved (fsynced).
  let durableAt = 0;
  const append = store.journal.append.bind(store.journal);
  store.journal.append = async (cmd, refuseIf) => {
    const r = await append(cmd, refuseIf);
    if (cmd.kind === 'capture.taken') durableAt = performance.now();
    return r;
  };

  console.log(`Capture benchmark: ${RUNS} runs each, Chromium ${engine ? 'headless' : ''}, vault on ${vault.dataDir}`);
  console.log('case                         raw CDP median    p95   | click→durable entry median    p95   | size');
  for (const [name, path, mode] of [
    ['visible area 1280x800', '/bench/viewport', 'viewport'],
    ['full page ~5000 px', '/bench/long', 'fullpage'],
  ] as const) {
    await inv.browse('ah', 'navigate', `${server.url}${path}`);
    const b = browser as EvidenceBrowser | null;
    if (!b) throw new Error('no browser');
    const raw: number[] = [];
    const pipeline: number[] = [];
    let size = '';
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const shot = await b.capture(mode);
      raw.push(performance.now() - t0);
      size = `${shot.width}x${shot.height}, ${(shot.png.length / 1024).toFixed(0)} KiB`;
      const t1 = performance.now();
      await inv.capture('ah', mode, `benchmark ${i}`);
      pipeline.push(durableAt - t1);
    }
    const a = stats(raw);
    const p = stats(pipeline);
    console.log(
      `${name.padEnd(28)} ${fmt(a.median)} ${fmt(a.p95)} | ${fmt(p.median)} ${fmt(p.p95)}          | ${size}`,
    );
  }
  await inv.close();
} finally {
  await engine.close();
  await server.close();
}
