#!/usr/bin/env node
// `npm start`: builds the app if out/ is missing or older than its sources, fetches Electron the first time (through
// `require('electron')`), then starts the built app with `electron-vite preview`. Arguments after `--` go to the app
// (`npm start -- --practice`). `npm run dev` (this script with `--dev` first) runs `electron-vite dev` instead.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import { outOfDate } from './out-of-date.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(join(root, 'package.json'));
const APP_OUTPUTS = ['out/main', 'out/preload', 'out/renderer'];
const APP_SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
const TICK_MS = 15_000;

/** Ends `npm start` with one paragraph saying what went wrong and what to do. */
const stop = (paragraph) => {
  process.stderr.write(`\n${paragraph}\n\n`);
  process.exit(1);
};

const electronVersion = () => {
  try {
    return requireHere('electron/package.json').version;
  } catch {
    return stop(
      'Countersign could not start: Electron, the program the app runs inside, is not installed in node_modules. ' +
        'Run `npm ci` in this folder, then `npm start` again.',
    );
  }
};

const downloadFailed = (version, reason) =>
  stop(
    `Countersign could not start: Electron ${version}, the program the app runs inside, is not on this computer ` +
      `yet, and downloading it failed (${reason}). Electron is downloaded once, from github.com, the first time the ` +
      'app starts: connect this computer to the internet (or ask for github.com to be let through the web filter) ' +
      'and run `npm start` again. If github.com cannot be reached from here, set ELECTRON_MIRROR to a copy of ' +
      `Electron's releases that can, or ELECTRON_OVERRIDE_DIST_PATH to a folder that already holds Electron ` +
      `${version}, then run \`npm start\` again.`,
  );

/** The error line of what the download printed, e.g. "fetch failed" or "Response code 404 (Not Found) for …". */
const reasonIn = (stderr) => {
  const line = stderr.split('\n').find((l) => /^\w*Error: /.test(l));
  return line ? line.replace(/^\w*Error: /, '').trim() : 'no reason given';
};

/**
 * The Electron executable, from `require('electron')`, which downloads it on first use. That runs in a child process
 * so that its stack traces are kept back and only a plain message is shown if it fails.
 */
const resolveElectron = (version) =>
  new Promise((resolve) => {
    const entry = requireHere.resolve('electron');
    const child = spawn(process.execPath, ['-e', "process.stdout.write('\\n' + require(process.argv[1]))", entry], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ticker;
    const started = Date.now();
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!ticker && stdout.includes('Downloading Electron')) {
        console.log(
          `Downloading Electron ${version}, the program the app runs inside (about 100 MB, only this once)...`,
        );
        ticker = setInterval(
          () => console.log(`  still downloading (${Math.round((Date.now() - started) / 1000)} s)...`),
          TICK_MS,
        );
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => downloadFailed(version, e.message));
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code !== 0) return downloadFailed(version, reasonIn(stderr));
      const path = stdout.split('\n').pop() ?? '';
      if (!existsSync(path)) {
        return stop(
          `Countersign could not start: there is no Electron program at ${path}. ` +
            'If ELECTRON_OVERRIDE_DIST_PATH is set, point it at the folder that holds the Electron executable, ' +
            'or unset it so that Electron is downloaded; then run `npm start` again.',
        );
      }
      resolve(path);
    });
  });

/** Runs a Node script in the repository with the terminal attached; resolves with its exit code. */
const runNode = (args, env = process.env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });

const electronVite = join(dirname(requireHere.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const version = electronVersion();
const electronPath = process.env.ELECTRON_EXEC_PATH || (await resolveElectron(version));

const [mode, ...rest] = process.argv.slice(2);
const dev = mode === '--dev';
const appArgs = dev ? rest : process.argv.slice(2);
const passThrough = appArgs.length > 0 ? ['--', ...appArgs] : [];
const withElectron = { ...process.env, ELECTRON_EXEC_PATH: electronPath };

if (dev) {
  process.exitCode = await runNode([electronVite, 'dev', ...passThrough], withElectron);
} else {
  if (await outOfDate(root, APP_OUTPUTS, APP_SOURCES)) {
    console.log('Building the app first (out/ is missing or older than the source files)...');
    const built = await runNode([electronVite, 'build']);
    if (built !== 0) stop('Countersign could not start: the build failed (see the messages above).');
  }
  process.exitCode = await runNode([electronVite, 'preview', '--skipBuild', ...passThrough], withElectron);
}
