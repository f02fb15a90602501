// The UI test harness: the built renderer served with the app's CSP, in Debian's Chromium, with window.countersign
// bridged to the real main-process services.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { build as viteBuild } from 'vite';
import type { Bounds } from '@shared/ipc/contract';
import { APP_ENTRY_URL, APP_ORIGIN } from '@shared/ipc/origin';
import { AppCore } from '@main/app/app-core';
import type { PowerPort } from '@main/app/auto-lock';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { appHandlers } from '@main/ipc/handlers/all-handlers';
import { registerHandlers, type InvokeListener } from '@main/ipc/register-handlers';
import { servePracticeSites } from '@main/practice/practice-sites';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import type { Printer } from '@main/printing/printer';
import { serveAppFile } from '@main/protocol';
import { systemClock } from '@main/services/clock';
import { workerVerifier } from '@main/verify/bundle-verifier';
import { repoPath } from '@test/helpers/repo';
import { scanScreen, type Violation } from './a11y';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER_ROOT = join(REPO, 'renderer');
const SHARED_ROOT = join(REPO, 'shared');
export const SCREENS_DIR = join(REPO, 'docs', 'screens');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Low key-derivation cost: the same code paths, fast enough for tests. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export const VIEWPORT = { width: 1280, height: 800 } as const;

const APP_CONTENTS_ID = 1;

const sourceStamp = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceStamp(path)));
    else
      out.push(
        `${relative(REPO, path)}:${createHash('sha256')
          .update(await readFile(path))
          .digest('hex')}`,
      );
  }
  return out;
};

/**
 * Builds the renderer as the app ships it (the same Vite and React plugin), once per change of its sources:
 * test files running in parallel share the build, which is written aside and renamed into place.
 */
export const buildRenderer = async (): Promise<string> => {
  const stamp = [...(await sourceStamp(RENDERER_ROOT)), ...(await sourceStamp(SHARED_ROOT))].sort().join('\n');
  const dir = join(tmpdir(), `countersign-ui-${createHash('sha256').update(stamp).digest('hex').slice(0, 16)}`);
  if (
    await stat(join(dir, 'index.html')).then(
      () => true,
      () => false,
    )
  )
    return dir;
  const work = `${dir}.part-${process.pid}-${Date.now()}`;
  await viteBuild({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { '@shared': SHARED_ROOT } },
    build: { outDir: work, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  await rename(work, dir).catch(async () => {
    // Another test file finished the same build first.
    await rm(work, { recursive: true, force: true });
  });
  return dir;
};

/**
 * The page side of the bridge: window.countersign built from the shared contract, as the preload builds it over IPC.
 */
const bridgeScript = async (): Promise<string> => {
  const out = await esbuild({
    entryPoints: [join(REPO, 'test', 'e2e', 'ui', 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    alias: { '@shared': SHARED_ROOT },
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bridge script');
  return file.text;
};

/** Serves the built renderer over HTTP with exactly the headers (CSP included) the app's own protocol sends. */
const serveRenderer = async (root: string): Promise<{ url: string; close(): Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const response = await serveAppFile(root, { method: req.method ?? 'GET', url: `${APP_ORIGIN}${req.url ?? '/'}` });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        headers[key] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

export interface UiOptions {
  /** Start in practice mode (as `--practice`). */
  practice?: boolean;
  /** An existing data folder; a new temporary one otherwise. */
  dataDir?: string;
  /** A power monitor the test drives (idle time, sleep, screen lock); none otherwise, as in the harness. */
  power?: PowerPort;
  /** The timer of the idle lock and the clock watch, when the test drives it. */
  every?: (ms: number, tick: () => void) => () => void;
}

export interface Ui {
  page: Page;
  core: AppCore;
  dataDir: string;
  /** A folder for outputs and bundles. */
  outDir: string;
  /** Where the evidence view sits now (what the review screen last sent), or null. */
  viewBounds(): Bounds | null;
  /**
   * Saves docs/screens/<name>.png (the evidence page drawn where the app shows it) and scans the screen for
   * accessibility
   * problems. The screen is shot from its top, as a person first sees it, unless a part to show is given.
   */
  screen(name: string, show?: Locator): Promise<void>;
  /** Accessibility problems found on the screens scanned so far. */
  violations: Violation[];
  /** Reloads the app page (as if the window were closed and opened again); the main-process services keep running. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export const startUi = async (options: UiOptions = {}): Promise<Ui> => {
  const [root, script] = await Promise.all([buildRenderer(), bridgeScript()]);
  const base = await mkdtemp(join(tmpdir(), 'cs-ui-'));
  const dataDir = options.dataDir ?? join(base, 'data');
  const outDir = join(base, 'out');
  await mkdir(outDir, { recursive: true });

  let engine: ChromiumEngine | null = null;
  let evidence: EvidenceBrowser | null = null;
  let printer: Printer | null = null;
  let bounds: Bounds | null = null;

  const core = new AppCore({
    dataDir,
    clock: systemClock,
    version: '0.1.0',
    practice: options.practice ?? false,
    scrypt: TEST_SCRYPT,
    sleep: async () => undefined,
    launchBrowser: async (options) => {
      engine ??= await startChromium();
      evidence = await engine.open(options);
      return evidence;
    },
    printer: async () => {
      printer ??= await ChromiumPrinter.launch();
      return printer;
    },
    practiceSites: () => servePracticeSites(),
    // As in the app: bundles are checked in a worker thread (the one the command line's build puts in out/cli).
    verifier: workerVerifier(new URL(`file://${repoPath('out/cli/verify-worker.mjs')}`)),
    onViewBounds: (b) => {
      bounds = b;
    },
    ...(options.power ? { power: options.power } : {}),
    ...(options.every ? { every: options.every } : {}),
  });

  const listeners = new Map<string, InvokeListener>();
  registerHandlers(
    { handle: (channel, listener) => listeners.set(channel, listener) },
    appHandlers(core, {
      version: '0.1.0',
      platform: 'linux',
      canPrint: false,
      defaultFolder: outDir,
      canChooseFiles: false,
      verifierFolder: repoPath('out/verifier'),
    }),
    { isAppContents: (id) => id === APP_CONTENTS_ID },
  );

  const site = await serveRenderer(root);
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--lang=en-GB'],
    headless: true,
  });
  // A school laptop in England: dates and times as staff there see them.
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  // Generous: every step writes and fsyncs the journal, which can be slow while other suites load the disk.
  page.setDefaultTimeout(30_000);
  await page.exposeBinding('__countersignInvoke', async (source, channel: unknown, request: unknown) => {
    // The harness's sender check: only the app page's own top frame reaches the handlers, which then see the app's
    // origin.
    if (source.frame !== page.mainFrame())
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Not the app page.' } };
    const listener = listeners.get(String(channel));
    if (!listener) return { ok: false, error: { code: 'INVALID_INPUT', message: `No channel ${String(channel)}.` } };
    return listener({ sender: { id: APP_CONTENTS_ID }, senderFrame: { url: APP_ENTRY_URL, parent: null } }, request);
  });
  await page.addInitScript({ content: script });
  await page.goto(site.url);

  const violations: Violation[] = [];
  await mkdir(SCREENS_DIR, { recursive: true });

  return {
    page,
    core,
    dataDir,
    outDir,
    violations,
    viewBounds: () => bounds,
    async screen(name, show) {
      if (show) await show.scrollIntoViewIfNeeded();
      else {
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          for (const el of Array.from(document.querySelectorAll('.side, .visits, .preview-frame'))) el.scrollTop = 0;
        });
      }
      // Let the review screen send the placeholder's new position, as it does on every scroll.
      await page.waitForTimeout(100);
      let png: Buffer = await page.screenshot();
      const at = bounds;
      if (at && at.width > 0 && at.height > 0 && evidence) {
        // The app shows the evidence view over the placeholder; the harness's engine is separate, so its page is drawn
        // in.
        const shot = await evidence.capture('viewport').catch(() => null);
        if (shot) {
          const height = Math.min(at.height, VIEWPORT.height - at.y);
          const view = await sharp(shot.png)
            .resize({ width: at.width, height, fit: 'cover', position: 'top' })
            .png()
            .toBuffer();
          png = await sharp(png)
            .composite([{ input: view, left: at.x, top: at.y }])
            .png()
            .toBuffer();
        }
      }
      await writeFile(join(SCREENS_DIR, `${name}.png`), png);
      violations.push(...(await scanScreen(page, name)));
    },
    async reload() {
      await page.reload();
    },
    async close() {
      await core.close();
      await context.close();
      await browser.close();
      await site.close();
      await (engine as ChromiumEngine | null)?.close();
      await (printer as Printer | null)?.close();
      await rm(base, { recursive: true, force: true });
    },
  };
};
