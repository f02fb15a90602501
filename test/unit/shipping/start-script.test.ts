// `npm start` (scripts/start.mjs) on a copy of the app: it builds when out/ is missing or stale, hands the Electron
// that `require('electron')` gives to electron-vite preview with the app's arguments, and explains a failed download in
// one paragraph. A stand-in shell script plays Electron, through ELECTRON_OVERRIDE_DIST_PATH.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const COPIED = ['electron', 'shared', 'renderer', 'scripts', 'electron.vite.config.ts', 'package.json'];
const COPIED_TOO = ['tsconfig.base.json', 'tsconfig.json', 'test/tsconfig.json', 'verifier-web/tsconfig.json'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let base: string;
let app: string;
let standIn: string;
let record: string;

/**
 * The app's sources in a temporary folder, with a node_modules of links to the real packages except electron, which is
 * copied without its downloaded binary (dist/, path.txt): the real node_modules is never written to.
 */
const copyOfApp = async (): Promise<string> => {
  const dir = join(base, 'app');
  for (const name of [...COPIED, ...COPIED_TOO]) await cp(join(REPO, name), join(dir, name), { recursive: true });
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(join(REPO, 'node_modules'))) {
    if (name !== 'electron') await symlink(join(REPO, 'node_modules', name), join(dir, 'node_modules', name));
  }
  const electron = join(REPO, 'node_modules', 'electron');
  await cp(electron, join(dir, 'node_modules', 'electron'), {
    recursive: true,
    filter: (src) => src !== join(electron, 'dist') && src !== join(electron, 'path.txt'),
  });
  return dir;
};

/** A program named `electron` that writes the folder it was started in and its arguments, one per line, and exits 0. */
const electronStandIn = async (): Promise<string> => {
  const dir = join(base, 'stand-in');
  await mkdir(dir);
  await writeFile(join(dir, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > "$STAND_IN_RECORD"\n`);
  await chmod(join(dir, 'electron'), 0o755);
  return dir;
};

/** This process's environment without any Electron setting a developer may have made. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const { ELECTRON_OVERRIDE_DIST_PATH, ELECTRON_EXEC_PATH, ELECTRON_MIRROR, ELECTRON_ENTRY, ...env } = process.env;
  return env;
};

const run = (command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const withStandIn = (): NodeJS.ProcessEnv => ({
  ...cleanEnv(),
  ELECTRON_OVERRIDE_DIST_PATH: standIn,
  STAND_IN_RECORD: record,
});
const start = (...args: string[]): Promise<Run> =>
  run(process.execPath, [join(app, 'scripts', 'start.mjs'), ...args], withStandIn());
const started = async (): Promise<string[]> => (await readFile(record, 'utf8')).trimEnd().split('\n');
const builtAt = async (): Promise<number> => (await stat(join(app, 'out', 'main', 'index.js'))).mtimeMs;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'countersign-start-'));
  app = await copyOfApp();
  standIn = await electronStandIn();
  record = join(base, 'started.txt');
});
afterAll(() => (base ? rm(base, { recursive: true, force: true }) : undefined));

describe('npm start', () => {
  it('builds a missing out/, then starts the built app in Electron with the arguments after --', async () => {
    const r = await run('npm', ['start', '--', '--practice'], withStandIn());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Building the app first');
    const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    await stat(join(app, pkg.main));
    // electron-vite preview starts Electron in the app's folder on its package.json "main": the built entry.
    expect(await started()).toEqual([app.replace(/\/$/, ''), '.', '--practice']);
  });

  it('builds a main process and preload that parse: no module redeclares a name the bundle declares', async () => {
    // electron-vite's shim for ES modules declares `require` at the top of out/main/index.js; a module that declared
    // its own (`const require = createRequire(…)`) left Electron a file it could not load: the app never opened.
    const built = [
      ...(await readdir(join(app, 'out', 'main'), { recursive: true })).map((f) => join('out', 'main', f)),
      ...(await readdir(join(app, 'out', 'preload'))).map((f) => join('out', 'preload', f)),
    ].filter((f) => /\.(c|m)?js$/.test(f));
    expect(built).toContain(join('out', 'main', 'index.js'));
    for (const file of built) {
      const r = await run(process.execPath, ['--check', join(app, file)], cleanEnv());
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    }
  });

  it('starts without building again while out/ is newer than every source file', async () => {
    const before = await builtAt();
    await rm(record);
    const r = await start();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('Building');
    expect(await builtAt()).toBe(before);
    expect(await started()).toEqual([app.replace(/\/$/, ''), '.']);
  });

  it('builds again when a source file has changed since the build', async () => {
    const before = await builtAt();
    const later = new Date(Date.now() + 60_000);
    await utimes(join(app, 'shared', 'result.ts'), later, later);
    const r = await start('--practice');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Building the app first');
    expect(await builtAt()).toBeGreaterThan(before);
    expect(await started()).toEqual([app.replace(/\/$/, ''), '.', '--practice']);
  });

  it('npm run dev hands the same Electron to electron-vite dev, with the arguments after --', async () => {
    await rm(record, { force: true });
    const r = await run('npm', ['run', 'dev', '--', '--practice'], withStandIn());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('starting electron app');
    expect(await started()).toEqual([app.replace(/\/$/, ''), '.', '--practice']);
  });

  it('says in one paragraph what failed and what to do when Electron cannot be downloaded', async () => {
    await rm(record, { force: true });
    const cache = await mkdtemp(join(base, 'electron-cache-'));
    const env = { ...cleanEnv(), ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache };
    const r = await run(process.execPath, [join(app, 'scripts', 'start.mjs'), '--practice'], env);
    expect(r.code).toBe(1);
    const paragraphs = r.stderr.trim().split(/\n\s*\n/);
    expect(paragraphs, r.stderr).toHaveLength(1);
    const message = paragraphs[0] ?? '';
    expect(message).not.toMatch(/^\s+at /m);
    expect(message).toMatch(
      /^Countersign could not start: Electron 45\.4\.1, .* downloading it failed \(fetch failed\)/,
    );
    expect(message).toContain('once, from github.com');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('run `npm start` again');
    await expect(stat(record)).rejects.toThrow();
    await expect(stat(join(app, 'node_modules', 'electron', 'path.txt'))).rejects.toThrow();
  });
});
