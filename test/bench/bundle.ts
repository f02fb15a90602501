// Benchmark: export and verify of incidents of 50, 200 and 500 captures of incompressible 1280 × 800 pages, beside
// `7zz a` plus `sha256sum` of the same PNG files (export; the locked export also beside `7zz a` writing AES-256) and
// bagit-python (verify). Prints one table.
//   npm run bench:bundle                      BENCH_SIZES=50,200 to choose the sizes
//   BENCH_RUNS=5                              each export and yardstick run 5 times, alternating; medians are shown
//   BEFORE=<checkout>                         also exports with that checkout's built helper (out/bench), alternating
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { exportInChild, makeNoiseIncident, type ChildExport } from '@test/helpers/noise-incident';
import { BAGIT_VALIDATE } from '@test/helpers/outside-tools';
import { REPO_ROOT as ROOT } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';
import { median } from '@test/helpers/median';

const exec = promisify(execFile);
/** bagit-python beside the repository, or where BAGIT_VALIDATE says (a worktree has no ../shared of its own). */
const BAGIT = process.env.BAGIT_VALIDATE ?? BAGIT_VALIDATE;
const SIZES = (process.env.BENCH_SIZES ?? '50,200,500').split(',').map(Number);
const PASSWORD = 'amber lantern crossing the quiet harbour 4417';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
/** Another checkout's export helper, built there by an earlier run of this benchmark. */
const BEFORE = process.env.BEFORE ? join(process.env.BEFORE, 'out', 'bench', 'bundle-export.mjs') : undefined;
if (BEFORE && !existsSync(BEFORE)) throw new Error(`${BEFORE} is missing: run bench:bundle in that checkout first.`);

/** The median time and the highest peaks of several exports of one kind. */
const summary = (runs: readonly ChildExport[]): ChildExport => ({
  ...(runs[0] as ChildExport),
  ms: median(runs.map((r) => r.ms)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  peakRss: Math.max(...runs.map((r) => r.peakRss)),
  writingPeakRss: Math.max(...runs.map((r) => r.writingPeakRss)),
});

const timed = async (f: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

/** Runs a command; its output is not wanted, only that it succeeded. */
const sh = (cmd: string, args: string[], cwd?: string) =>
  exec(cmd, args, { maxBuffer: 256 * 1024 * 1024, ...(cwd ? { cwd } : {}) });

const row = async (n: number) => {
  const dir = await tempDir('cs-bench-bundle-');
  const data = join(dir, 'data');
  const pngs = join(dir, 'pngs');
  process.stderr.write(`${n} captures: making the incident…\n`);
  const ref = await makeNoiseIncident(n, dir, pngs);
  const files = (await readdir(pngs)).map((f) => join(pngs, f));

  process.stderr.write(`${n} captures: exporting…\n`);
  const times: Record<'plain' | 'aes' | 'beforePlain' | 'beforeAes', ChildExport[]> = {
    plain: [],
    aes: [],
    beforePlain: [],
    beforeAes: [],
  };
  const yardsticks: number[] = [];
  const aesYardsticks: number[] = [];
  /** Each export into a folder of its own, removed once measured; the last plain bundle is kept for verify. */
  const exportTo = async (name: string, password?: string, child?: string): Promise<ChildExport> => {
    const out = join(dir, name);
    await rm(out, { recursive: true, force: true });
    await mkdir(out);
    return exportInChild(data, out, ref, password, child ? { child } : {});
  };
  for (let i = 0; i < RUNS; i++) {
    if (BEFORE) times.beforePlain.push(await exportTo('before', undefined, BEFORE));
    times.plain.push(await exportTo('plain'));
    if (BEFORE) times.beforeAes.push(await exportTo('before', PASSWORD, BEFORE));
    times.aes.push(await exportTo('aes', PASSWORD));
    await rm(join(dir, 'yardstick.zip'), { force: true });
    yardsticks.push(
      await timed(async () => {
        await sh('7zz', ['a', '-bd', join(dir, 'yardstick.zip'), ...files]);
        await sh('sha256sum', files);
      }),
    );
    // The locked export's own yardstick: 7-Zip writing the same files into an AES-256 zip.
    await rm(join(dir, 'yardstick-aes.zip'), { force: true });
    aesYardsticks.push(
      await timed(async () => {
        await sh('7zz', [
          'a',
          '-bd',
          '-tzip',
          '-mem=AES256',
          `-p${PASSWORD}`,
          join(dir, 'yardstick-aes.zip'),
          ...files,
        ]);
        await sh('sha256sum', files);
      }),
    );
  }
  const plain = summary(times.plain);
  const aes = summary(times.aes);
  const before = BEFORE ? { plain: summary(times.beforePlain), aes: summary(times.beforeAes) } : undefined;
  const yardstick = median(yardsticks);
  const aesYardstick = median(aesYardsticks);

  process.stderr.write(`${n} captures: verifying…\n`);
  const verifyZip = await timed(() =>
    sh(process.execPath, [join(ROOT, 'bin', 'countersign.mjs'), 'verify', plain.path]),
  );
  const folder = join(dir, 'unzipped');
  await sh('7zz', ['x', '-y', `-o${folder}`, plain.path]);
  const bag = join(folder, ref);
  const verifyFolder = await timed(() => sh(process.execPath, [join(ROOT, 'bin', 'countersign.mjs'), 'verify', bag]));
  const bagit = existsSync(BAGIT) ? await timed(() => sh(BAGIT, [bag])) : null;
  if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dir} (incident ${ref})\n`);
  else await rm(dir, { recursive: true, force: true });
  return { n, plain, aes, before, yardstick, aesYardstick, verifyZip, verifyFolder, bagit };
};

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const HEADINGS = [
  'Captures',
  'Bundle',
  'Export (plain)',
  'Export (AES-256)',
  'Peak memory (plain / AES)',
  'Peak while writing (plain / AES)',
  '7zz a + sha256sum',
  'Export ÷ yardstick (plain / AES)',
  '7zz a AES-256 + sha256sum',
  'AES export ÷ AES yardstick',
  'Verify zip',
  'Verify folder',
  'bagit-python',
  'Verify folder ÷ bagit',
];
const cells = (r: Awaited<ReturnType<typeof row>>): string[] => [
  String(r.n),
  mb(r.plain.bytes),
  s(r.plain.ms),
  s(r.aes.ms),
  `${mb(r.plain.peakRss)} / ${mb(r.aes.peakRss)}`,
  `${mb(r.plain.writingPeakRss)} / ${mb(r.aes.writingPeakRss)}`,
  s(r.yardstick),
  `${ratio(r.plain.ms, r.yardstick)} / ${ratio(r.aes.ms, r.yardstick)}`,
  s(r.aesYardstick),
  ratio(r.aes.ms, r.aesYardstick),
  s(r.verifyZip),
  s(r.verifyFolder),
  r.bagit === null ? 'not found' : s(r.bagit),
  r.bagit === null ? '–' : ratio(r.verifyFolder, r.bagit),
];
// Each row as soon as it is measured: a long run cut short still gives the sizes it finished.
process.stdout.write(`| ${HEADINGS.join(' | ')} |\n| ${HEADINGS.map(() => '---:').join(' | ')} |\n`);
const befores: string[] = [];
for (const n of SIZES) {
  const r = await row(n);
  process.stdout.write(`| ${cells(r).join(' | ')} |\n`);
  if (r.before)
    befores.push(
      `${n} captures, the build in ${process.env.BEFORE}: plain ${s(r.before.plain.ms)} ` +
        `(now ÷ before ${ratio(r.plain.ms, r.before.plain.ms)}), AES-256 ${s(r.before.aes.ms)} ` +
        `(${ratio(r.aes.ms, r.before.aes.ms)}); peak ${mb(r.before.plain.peakRss)} / ${mb(r.before.aes.peakRss)}; ` +
        `processor time now ${s(r.plain.cpuMs)} / ${s(r.aes.cpuMs)}, before ${s(r.before.plain.cpuMs)} / ` +
        `${s(r.before.aes.cpuMs)}`,
    );
}
if (RUNS > 1) process.stdout.write(`Times are medians of ${RUNS} alternating runs; peaks are the highest.\n`);
for (const b of befores) process.stdout.write(`${b}\n`);
if (!existsSync(BAGIT)) process.stdout.write(`bagit-python was not found at ${BAGIT}: its column is left out.\n`);
