// Benchmark: from the halt being pressed to the evidence view being gone (no further frame of the page painted), in
// Chromium, beside one frame (16 ms) as the goal. The page animates every frame. Two bounds: a screencast reports each
// frame the compositor paints with its time (the last one reported after the press; a frame painted just before the
// page closed can be lost with it), and the moment the page and its context are closed (nothing can paint after it).
import { performance } from 'node:perf_hooks';
import { startChromium } from '@main/browser/chromium-evidence-browser';
import { Investigation } from '@main/services/investigation';
import { startFixtureServer } from '@test/fixtures/server';
import { incidentInReview, newVault } from '@test/helpers/vault';

const RUNS = Number(process.env.RUNS ?? 50);
const FRAME_MS = 16;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN };
};
const fmt = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
/** Wall-clock milliseconds since the epoch, at sub-millisecond resolution, comparable with the screencast's stamps. */
const epochNow = () => performance.timeOrigin + performance.now();

const ANIMATED =
  '<!doctype html><title>Animated</title><body style="margin:0;font:64px sans-serif">' +
  '<p id="n">0</p><script>let n = 0; const step = () => { document.getElementById("n").textContent = String(n++); ' +
  'document.body.style.background = `hsl(${n % 360},60%,80%)`; requestAnimationFrame(step); }; ' +
  'requestAnimationFrame(step);</script>';

const server = await startFixtureServer(undefined, {
  routes: {
    '/bench/animated': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(ANIMATED);
    },
  },
});
/** Paint times (epoch ms) of the page open now. */
let frames: number[] = [];
const engine = await startChromium({
  settle: { quietMs: 50 },
  watchPage: async (page) => {
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Page.screencastFrame', ({ sessionId, metadata }) => {
      if (metadata.timestamp !== undefined) frames.push(metadata.timestamp * 1000);
      // The page may be gone by the time the acknowledgement goes out.
      cdp.send('Page.screencastFrameAck', { sessionId }).catch(() => undefined);
    });
    await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 20, everyNthFrame: 1 });
  },
});
try {
  const lastFrame: number[] = [];
  const closed: number[] = [];
  const recorded: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const store = await incidentInReview(await newVault());
    let closedAt = 0;
    const inv = new Investigation({
      store,
      launchBrowser: async () => {
        const b = await engine.open();
        const teardown = b.teardown.bind(b);
        b.teardown = async (reason) => {
          await teardown(reason);
          closedAt = epochNow();
        };
        return b;
      },
    });
    frames = [];
    await inv.browse('ah', 'navigate', `${server.url}/bench/animated`);
    // Somewhere within a frame when the halt is pressed, not always at its start.
    await new Promise((r) => setTimeout(r, 150 + (i % 5) * 7));
    const pressed = epochNow();
    await inv.halt('ds', `${server.url}/bench/animated`);
    recorded.push(epochNow() - pressed);
    await new Promise((r) => setTimeout(r, 100));
    lastFrame.push(Math.max(0, ...frames.map((t) => t - pressed)));
    closed.push(closedAt - pressed);
  }
  const row = (label: string, xs: number[], goal: string) => {
    const s = stats(xs);
    console.log(`${label.padEnd(44)} ${fmt(s.median)} ${fmt(s.p95)} ${fmt(s.max)} | ${goal}`);
    return s;
  };
  console.log(`Halt benchmark: ${RUNS} runs, headless Chromium, a page repainting every frame (${FRAME_MS} ms)`);
  console.log(`${''.padEnd(44)}  median       p95       max  | goal`);
  const f = row('pressed → last frame of the page painted', lastFrame, fmt(FRAME_MS));
  const c = row('pressed → page and its session closed', closed, fmt(FRAME_MS));
  row('pressed → halt recorded in the journal', recorded, '');
  console.log(
    `ratio to one frame: last frame ${(f.median / FRAME_MS).toFixed(2)}× (p95 ${(f.p95 / FRAME_MS).toFixed(2)}×), ` +
      `page closed ${(c.median / FRAME_MS).toFixed(2)}× (p95 ${(c.p95 / FRAME_MS).toFixed(2)}×)`,
  );
} finally {
  await engine.close();
  await server.close();
}
