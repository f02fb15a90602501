// Benchmark (npm run bench:web-verifier): the stand-alone HTML verifier in Chromium beside `countersign verify`, on the
// same exported bundle, alternately. Prints each one's median wall time, their ratio, the command line's peak memory
// (RSS), and the page's peak JavaScript heap and its renderer process's peak memory (RSS), sampled every 50 ms.
//   RUNS=3 SHOTS=20 npm run bench:web-verifier      (SHOTS noise images of 1280x800; 20 make a bundle of about 120 MB)
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';
import { exportedIncident } from './bench-bundle';
import { median } from '@test/helpers/median';

const RUNS = Number(process.env.RUNS ?? 3);
const SHOTS = Number(process.env.SHOTS ?? 20);
const BIN = join(REPO_ROOT, 'bin/countersign.mjs');

const parentOf = async (pid: string): Promise<string | null> =>
  /PPid:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''))?.[1] ?? null;

/** The largest resident memory (MB) of a Chromium renderer process started by this benchmark. */
const rendererRss = async (): Promise<number> => {
  let mb = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.includes('--type=renderer')) continue;
    let up: string | null = pid;
    for (let depth = 0; up !== null && up !== String(process.pid) && depth < 8; depth++) up = await parentOf(up);
    if (up !== String(process.pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    mb = Math.max(mb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  }
  return mb;
};

const work = await tempDir('cs-bench-web-');
execFileSync('node', [join(REPO_ROOT, 'scripts/build-web-verifier.mjs'), '--out', work]);
const zip = await exportedIncident(work, SHOTS, [1280, 800]);
const size = (await stat(zip)).size;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

const inBrowser = async (): Promise<{ ms: number; heapMb: number; rssMb: number; status: string }> => {
  await page.goto(pathToFileURL(join(work, 'countersign-verifier.html')).href);
  await page.setInputFiles('#bundle', zip);
  let heapMb = 0;
  let rssMb = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapTotalSize')?.value ?? 0;
      heapMb = Math.max(heapMb, heap / 1024 / 1024);
      rssMb = Math.max(rssMb, await rendererRss());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const start = performance.now();
  await page.click('#check');
  await page.waitForSelector('#result:not([hidden])', { timeout: 600_000 });
  const ms = performance.now() - start;
  done = true;
  await sampling;
  return { ms, heapMb, rssMb, status: (await page.getAttribute('#result', 'data-status')) ?? '' };
};

const inCli = (): { ms: number; mb: number } => {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', BIN, 'verify', zip], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`countersign verify exited ${r.status}: ${r.stdout}${r.stderr}`);
  return { ms, mb: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
};

const web: Awaited<ReturnType<typeof inBrowser>>[] = [];
const cli: ReturnType<typeof inCli>[] = [];
for (let i = 0; i < RUNS; i++) {
  cli.push(inCli());
  web.push(await inBrowser());
}
await browser.close();
if (web.some((w) => w.status !== 'valid')) throw new Error('the HTML verifier did not find the bundle VALID');

const webMs = median(web.map((w) => w.ms));
const cliMs = median(cli.map((c) => c.ms));
console.log(`Bundle: ${(size / 1e6).toFixed(1)} MB zip, ${SHOTS} screenshots; median of ${RUNS} runs each`);
const cliMb = median(cli.map((c) => c.mb)).toFixed(0);
console.log(`  countersign verify:          ${(cliMs / 1000).toFixed(2)} s, peak RSS ${cliMb} MB`);
console.log(
  `  HTML verifier (Chromium):    ${(webMs / 1000).toFixed(2)} s, peak JS heap ` +
    `${Math.max(...web.map((w) => w.heapMb)).toFixed(0)} MB, peak renderer RSS ` +
    `${Math.max(...web.map((w) => w.rssMb)).toFixed(0)} MB`,
);
console.log(`  ratio HTML / command line:   ${(webMs / cliMs).toFixed(2)}x`);
