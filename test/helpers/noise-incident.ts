// Large incidents for memory and speed measurements: every capture a fresh 1280 × 800 page of random pixels (about
// 3.2 MB of PNG that no zip can shrink), stored through the services into an encrypted vault; and their export in a
// process of its own, whose peak memory is the export's alone.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import sharp from 'sharp';
import type { CaptureMode, CaptureResult } from '@main/browser/evidence-browser';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import type { PdfOptions } from '@main/printing/printer';
import { runScenario } from '@main/scenario/runner';
import { systemClock } from '@main/services/clock';
import { sha256Hex } from '@main/services/crypto';
import { FakeBrowser } from './fake-browser';
import { REPO_ROOT } from './repo';

export const NOISE_PASSPHRASE = 'amber kettle walks north 42';
const WIDTH = 1280;
const HEIGHT = 800;

/** Each capture a fresh page of random pixels, also written as a plain file (for a yardstick) when given a folder. */
class NoiseBrowser extends FakeBrowser {
  constructor(private readonly pngDir?: string) {
    super();
  }

  override async capture(_mode: CaptureMode): Promise<CaptureResult> {
    const raw = randomBytes(WIDTH * HEIGHT * 3);
    const png = await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    if (this.pngDir) await writeFile(join(this.pngDir, `${sha256Hex(png)}.png`), png);
    return { png, width: WIDTH, height: HEIGHT, url: this.currentUrl(), title: 'Busy feed' };
  }
}

const scenario = (n: number) => ({
  version: 1,
  organisation: 'Bench School',
  computer: { name: 'BENCH-1', location: 'Office' },
  staff: [
    { id: 'ah', name: 'A. Head', role: 'Headteacher', passphrase: NOISE_PASSPHRASE },
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

/** A signed-off incident of `n` noise captures in a vault under `dir`/data; returns its reference. */
export const makeNoiseIncident = async (n: number, dir: string, pngDir?: string): Promise<string> => {
  if (pngDir) await mkdir(pngDir, { recursive: true });
  const result = await runScenario(scenario(n), join(dir, 'data'), join(dir, 'run'), {
    clock: systemClock,
    launchBrowser: async () => new NoiseBrowser(pngDir),
    printer: () => ChromiumPrinter.launch(),
    version: 'bench',
  });
  if (!result.incident.ok || result.steps.some((s) => !s.ok)) throw new Error('the incident could not be made');
  return result.incident.ref;
};

export interface ChildExport {
  ms: number;
  /** The processor time it used, all its threads together. */
  cpuMs: number;
  /** The exporting process's peak resident set, passphrase checks (scrypt, 128 MiB for a moment) included. */
  peakRss: number;
  /** Its peak while the bundle's files were being written. */
  writingPeakRss: number;
  /** The live JavaScript heap (after a full collection) near the end of screenshots.pdf, when asked for. */
  liveHeap?: number;
  path: string;
  bytes: number;
}

/** The export helper built like the command line (plain JavaScript), so that its memory is the export's, not tsx's. */
const CHILD = join(REPO_ROOT, 'out', 'bench', 'bundle-export.mjs');
let built: Promise<unknown> | undefined;
const buildChild = () =>
  (built ??= build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['test/bench/bundle-export.ts'],
    outfile: CHILD,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.base.json',
    packages: 'external',
    logLevel: 'warning',
  }));

/**
 * Exports the incident in a process of its own and reports its time and peak memory. The form is printed here, by
 * Chromium, and sent back over IPC: in the app Electron's renderer prints it, outside the exporting process.
 */
export const exportInChild = async (
  dataDir: string,
  outDir: string,
  ref: string,
  password?: string,
  opts: { liveHeap?: boolean; /** Another build of the export helper (a benchmark's "before"). */ child?: string } = {},
): Promise<ChildExport> => {
  if (!opts.child) await buildChild();
  // Started before the export, as `countersign run` does (it awaits its printer before the export step) and as the
  // app's renderer is: a browser starting up beside it is no part of an export's time.
  const printer = await ChromiumPrinter.launch();
  try {
    return await new Promise<ChildExport>((resolve, reject) => {
      const args = [dataDir, outDir, ref, NOISE_PASSPHRASE, ...(password ? [password] : [])];
      const child = fork(opts.child ?? CHILD, args, {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        // Plain Node, as the command line runs (not tsx's loader, which the parent may be running under); its collector
        // exposed only when the live heap is asked for.
        execArgv: [
          ...(opts.liveHeap ? ['--expose-gc'] : []),
          // BENCH_EXPORT_ARGS: flags for the exporting process, such as --cpu-prof to see where its time goes.
          ...(process.env.BENCH_EXPORT_ARGS ?? '').split(' ').filter(Boolean),
        ],
      });
      let text = '';
      child.stdout?.on('data', (d) => (text += d));
      child.on('message', (m: { html: string; opts: PdfOptions }) => {
        printer.pdf(m.html, m.opts).then(
          (pdf) => child.send({ pdf: Buffer.from(pdf).toString('base64') }),
          (e: unknown) => child.send({ error: String(e) }),
        );
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve(JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as ChildExport)
          : reject(new Error(`export exited ${code}`)),
      );
    });
  } finally {
    await printer.close();
  }
};
