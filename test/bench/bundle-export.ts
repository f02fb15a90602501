// Benchmark helper, run in its own process by bundle.ts: exports one incident from a vault and reports the time and
// the process's peak memory (resident set, sampled every 20 ms) as one line of JSON.
import { performance } from 'node:perf_hooks';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import { unlockVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { exportIncident } from '@main/services/exporting';
import { systemSleep } from '@main/services/keyring/keyring';

const [dataDir, outDir, ref, passphrase, password] = process.argv.slice(2);
if (!dataDir || !outDir || !ref || !passphrase)
  throw new Error('usage: bundle-export DATA OUT REF PASSPHRASE [PASSWORD]');

let peak = process.memoryUsage().rss;
let detail = process.memoryUsage();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak) [peak, detail] = [m.rss, m];
}, 20);
const open = await unlockVault(dataDir, passphrase, { clock: systemClock, sleep: systemSleep });
const store = await open.vault.openIncident(ref);
const printer = await ChromiumPrinter.launch();
const before = process.memoryUsage().rss;
const t0 = performance.now();
const r = await exportIncident(open, store, printer, {
  exporterPassphrase: passphrase,
  recipient: 'police',
  outDir,
  version: 'bench',
  ...(password ? { password } : {}),
});
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await printer.close();
if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
process.stdout.write(
  `${JSON.stringify({ ms, peakRss: peak, detail, startRss: before, path: r.value.path, bytes: r.value.bytes })}\n`,
);
