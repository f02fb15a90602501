// Benchmark: export and verify of incidents of 50, 200 and 500 captures of incompressible 1280 × 800 pages, beside
// `7zz a` plus `sha256sum` of the same PNG files (export) and bagit-python (verify). Prints one table.
//   npm run bench:bundle                      BENCH_SIZES=50,200 to choose the sizes
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import sharp from 'sharp';
import type { CaptureMode, CaptureResult } from '@main/browser/evidence-browser';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import { runScenario } from '@main/scenario/runner';
import { systemClock } from '@main/services/clock';
import { sha256Hex } from '@main/services/crypto';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { BAGIT_VALIDATE } from '@test/helpers/outside-tools';
import { tempDir } from '@test/helpers/vault';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** bagit-python beside the repository, or where BAGIT_VALIDATE says (a worktree has no ../shared of its own). */
const BAGIT = process.env.BAGIT_VALIDATE ?? BAGIT_VALIDATE;
const SIZES = (process.env.BENCH_SIZES ?? '50,200,500').split(',').map(Number);
const PASSPHRASE = 'amber kettle walks north 42';
const WIDTH = 1280;
const HEIGHT = 800;

/** Each capture a fresh 1280 × 800 page of random pixels, also written as a plain file for the yardstick. */
class NoiseBrowser extends FakeBrowser {
  constructor(private readonly pngDir: string) {
    super();
  }

  override async capture(_mode: CaptureMode): Promise<CaptureResult> {
    const raw = randomBytes(WIDTH * HEIGHT * 3);
    const png = await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    await writeFile(join(this.pngDir, `${sha256Hex(png)}.png`), png);
    return { png, width: WIDTH, height: HEIGHT, url: this.currentUrl(), title: 'Busy feed' };
  }
}

const scenario = (n: number) => ({
  version: 1,
  organisation: 'Bench School',
  computer: { name: 'BENCH-1', location: 'Office' },
  staff: [
    { id: 'ah', name: 'A. Head', role: 'Headteacher', passphrase: PASSPHRASE },
    { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead', passphrase: 'seven quiet owls by the river' },
  ],
  incident: {
    reviewers: ['ah', 'ds'],
    reason: 'Benchmark',
    subject: { kind: 'pupil', ref: 'P-1' },
    category: 'Cyberbullying',
    steps: [
      { do: 'triage', illegalSuspected: false },
      ...Array.from({ length: n }, (_, i) => [
        { do: 'navigate', url: `https://example.org/feed/${i + 1}` },
        { do: 'capture', mode: 'viewport', concern: `Post ${i + 1}` },
      ]).flat(),
      { do: 'judge', substance: true, actions: ['internal'] },
      { do: 'conclude', text: 'Benchmark.' },
      { do: 'signoff' },
    ],
  },
});

const timed = async (f: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

/** Runs a command; its output is not wanted, only that it succeeded. */
const sh = (cmd: string, args: string[], cwd?: string) =>
  exec(cmd, args, { maxBuffer: 256 * 1024 * 1024, ...(cwd ? { cwd } : {}) });

interface ExportRun {
  ms: number;
  peakRss: number;
  path: string;
  bytes: number;
}

/** The export helper built like the command line (plain JavaScript), so that its memory is the export's, not tsx's. */
const CHILD = join(ROOT, 'out', 'bench', 'bundle-export.mjs');
await build({
  absWorkingDir: ROOT,
  entryPoints: ['test/bench/bundle-export.ts'],
  outfile: CHILD,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: 'tsconfig.base.json',
  packages: 'external',
  logLevel: 'warning',
});

const exportInChild = (data: string, out: string, ref: string, password?: string): Promise<ExportRun> =>
  new Promise((resolve, reject) => {
    const args = [CHILD, data, out, ref, PASSPHRASE, ...(password ? [password] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(text.trim().split('\n').at(-1) ?? '{}'))
        : reject(new Error(`export exited ${code}`)),
    );
  });

const row = async (n: number) => {
  const dir = await tempDir('cs-bench-bundle-');
  const data = join(dir, 'data');
  const pngs = join(dir, 'pngs');
  await mkdir(pngs);
  process.stderr.write(`${n} captures: making the incident…\n`);
  const result = await runScenario(scenario(n), data, join(dir, 'run'), {
    clock: systemClock,
    launchBrowser: async () => new NoiseBrowser(pngs),
    printer: () => ChromiumPrinter.launch(),
    version: 'bench',
  });
  if (!result.incident.ok || result.steps.some((s) => !s.ok)) throw new Error('the incident could not be made');
  const ref = result.incident.ref;
  const files = (await readdir(pngs)).map((f) => join(pngs, f));

  process.stderr.write(`${n} captures: exporting…\n`);
  await mkdir(join(dir, 'plain'));
  await mkdir(join(dir, 'aes'));
  const plain = await exportInChild(data, join(dir, 'plain'), ref);
  const aes = await exportInChild(data, join(dir, 'aes'), ref, 'amber lantern crossing the quiet harbour 4417');
  const yardstick = await timed(async () => {
    await sh('7zz', ['a', '-bd', join(dir, 'yardstick.zip'), ...files]);
    await sh('sha256sum', files);
  });

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
  return { n, plain, aes, yardstick, verifyZip, verifyFolder, bagit };
};

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const rows = [];
for (const n of SIZES) rows.push(await row(n));
const HEADINGS = [
  'Captures',
  'Bundle',
  'Export (plain)',
  'Export (AES-256)',
  'Peak memory (plain / AES)',
  '7zz a + sha256sum',
  'Export ÷ yardstick (plain / AES)',
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
  s(r.yardstick),
  `${ratio(r.plain.ms, r.yardstick)} / ${ratio(r.aes.ms, r.yardstick)}`,
  s(r.verifyZip),
  s(r.verifyFolder),
  r.bagit === null ? 'not found' : s(r.bagit),
  r.bagit === null ? '–' : ratio(r.verifyFolder, r.bagit),
];
const lines = [
  `| ${HEADINGS.join(' | ')} |`,
  `| ${HEADINGS.map(() => '---:').join(' | ')} |`,
  ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (!existsSync(BAGIT)) process.stdout.write(`bagit-python was not found at ${BAGIT}: its column is left out.\n`);
