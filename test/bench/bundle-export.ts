// Benchmark helper, run in its own process by bundle.ts: exports one incident from a vault and reports the time and
// the process's peak memory (resident set, sampled every 20 ms) as one line of JSON. The form is printed by the parent
// over IPC, as the app's form is printed by Electron's own renderer: Chromium's driver is no part of the exporting
// process's memory.
import { performance } from 'node:perf_hooks';
import type { PdfOptions, Printer } from '@main/printing/printer';
import { unlockVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { exportIncident } from '@main/services/exporting';
import { systemSleep } from '@main/services/keyring/keyring';

const [dataDir, outDir, ref, passphrase, password] = process.argv.slice(2);
if (!dataDir || !outDir || !ref || !passphrase)
  throw new Error('usage: bundle-export DATA OUT REF PASSPHRASE [PASSWORD]');

/** Asks the parent process to print: the HTML goes out, the PDF comes back in base64. */
const parentPrinter: Printer = {
  pdf: (html: string, opts: PdfOptions = {}) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const send = process.send?.bind(process);
      if (!send) return reject(new Error('bundle-export prints through its parent: start it with an IPC channel.'));
      process.once('message', (m: { pdf?: string; error?: string }) =>
        m.pdf !== undefined ? resolve(Buffer.from(m.pdf, 'base64')) : reject(new Error(m.error ?? 'printing failed')),
      );
      send({ html, opts });
    }),
  close: async () => undefined,
};

let peak = process.memoryUsage().rss;
/** The peak while the bundle's files are written, after the passphrases' scrypt (128 MiB for a moment) is done. */
let writingPeak = 0;
let writing = false;
/** Where the memory was at the writing peak: the JavaScript heap, and the buffers outside it. */
let detail = process.memoryUsage();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  if (writing && m.rss > writingPeak) [writingPeak, detail] = [m.rss, m];
}, 20);
/** Run with --expose-gc: the export's live JavaScript heap is measured once, near the end of screenshots.pdf. */
const gc = (globalThis as { gc?: () => void }).gc;
/** The live heap (after a full collection) once this share of the bundle's bytes is written. */
const LIVE_AT = 0.95;
let liveHeap: number | undefined;
const open = await unlockVault(dataDir, passphrase, { clock: systemClock, sleep: systemSleep });
const store = await open.vault.openIncident(ref);
const before = process.memoryUsage().rss;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const r = await exportIncident(open, store, parentPrinter, {
  exporterPassphrase: passphrase,
  // As `countersign run` does, which knows who its scenario's export step names.
  exporter: open.keyring.staffList().find((s) => s.name === 'A. Head')?.id ?? '',
  recipient: 'police',
  outDir,
  version: 'bench',
  onProgress: (done, total) => {
    writing = true;
    if (gc && liveHeap === undefined && done >= LIVE_AT * total) {
      gc();
      liveHeap = process.memoryUsage().heapUsed;
    }
  },
  ...(password ? { password } : {}),
});
const ms = performance.now() - t0;
// Processor time of the export (this process's threads: scrypt and file I/O on Node's pool included), steadier than
// the wall clock on a busy machine.
const { user, system } = process.cpuUsage(cpu0);
const cpuMs = (user + system) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
const { path, bytes } = r.value;
const report = {
  ms,
  cpuMs,
  peakRss: peak,
  writingPeakRss: writingPeak,
  detail,
  startRss: before,
  liveHeap,
  path,
  bytes,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
process.disconnect?.();
