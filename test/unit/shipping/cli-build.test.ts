// The built command line (scripts/build-cli.mjs into out/cli, started by bin/countersign.mjs): no TypeScript compiled
// at start, and each command's engines (Chromium, sharp, zip, the scenario runner) loaded only when that command runs.
import { isAscii } from 'node:buffer';
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'bin', 'countersign.mjs');
const ENTRY = 'out/cli/countersign-cli.mjs';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const node = (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

interface MetaOutput {
  entryPoint?: string;
  inputs: Record<string, unknown>;
  imports: { path: string; kind: string; external?: boolean }[];
}

/** Every source file and package that starting the entry loads, following static imports only (esbuild's metafile). */
const loadedAtStart = async (): Promise<{ inputs: string[]; packages: string[] }> => {
  const meta = JSON.parse(await readFile(join(REPO, 'out/cli/meta.json'), 'utf8')) as {
    outputs: Record<string, MetaOutput>;
  };
  const seen = new Set<string>();
  const inputs: string[] = [];
  const packages: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const output = meta.outputs[file];
    if (!output) throw new Error(`${file} is not in the metafile`);
    inputs.push(...Object.keys(output.inputs));
    for (const i of output.imports.filter((i) => i.kind === 'import-statement')) {
      if (i.external) packages.push(i.path);
      else visit(i.path);
    }
  };
  visit(ENTRY);
  return { inputs, packages };
};

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'countersign-cli-build-'));
});
afterAll(() => (base ? rm(base, { recursive: true, force: true }) : undefined));

describe('the built command line', () => {
  it('starts from out/cli, not from the TypeScript sources through tsx', async () => {
    const bin = await readFile(BIN, 'utf8');
    expect(bin).not.toMatch(/tsx/);
    expect(bin).toContain('../out/cli/countersign-cli.mjs');
    const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.scripts.build).toContain('scripts/build-cli.mjs');
    expect(pkg.scripts.prepare).toContain('scripts/build-cli.mjs');
  });

  it('loads only Node built-ins and the argument handling at start; the engines come with their command', async () => {
    const { inputs, packages } = await loadedAtStart();
    expect(packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(
      inputs.filter((i) => /scenario|browser|printing|export|services|bundle-reader|verify-report/.test(i)),
    ).toEqual([]);
    expect(inputs).toContain('electron/main/cli/countersign-cli.ts');
    const meta = await readFile(join(REPO, 'out/cli/meta.json'), 'utf8');
    expect(meta).toContain('electron/main/scenario/runner.ts');
  });

  it('answers --version and usage mistakes with no npm package to load, and loads them for real work', async () => {
    const copy = join(base, 'no-packages');
    await cp(join(REPO, 'out', 'cli'), join(copy, 'out', 'cli'), { recursive: true });
    await cp(join(REPO, 'bin'), join(copy, 'bin'), { recursive: true });
    const bin = join(copy, 'bin', 'countersign.mjs');
    const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
    const version = await node([bin, '--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    for (const args of [['check'], ['verify'], ['run', 'scenario.json'], ['practice']]) {
      const r = await node([bin, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/needs/);
    }
    // zod and canonicalize are bundled into out/cli; the zip readers stay packages, loaded when a zip is checked.
    const work = await node([bin, 'verify', bin]);
    expect(work.code).toBe(2);
    // verify runs as one script that carries every package but the zip readers, which it requires for a zip.
    expect(`${work.stdout}${work.stderr}`).toMatch(/Cannot find module '(yauzl|@zip\.js\/zip\.js)'/);
  });

  it('says to run `npm run build` (exit 2) when the command line has not been built', async () => {
    const copy = join(base, 'unbuilt');
    await cp(join(REPO, 'bin'), join(copy, 'bin'), { recursive: true });
    for (const args of [['--version'], ['verify', copy]]) {
      const r = await node([join(copy, 'bin', 'countersign.mjs'), ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/has not been built yet .*Run `npm run build`/);
    }
  });

  it("runs verify as one script with V8's code cache, kept for this user only, away from the bundle", async () => {
    const verifyEntry = join(REPO, 'out', 'cli', 'verify-main.cjs');
    const script = await readFile(verifyEntry, 'utf8');
    // One script: no chunk of the command line is imported, only Node, the zip readers for a zip, and the folder's
    // read-ahead, which the entry requires first (and which requires only Node and its hashing pool).
    const requires = (text: string) =>
      [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '').filter((r) => !r.startsWith('node:'));
    expect(requires(script).sort()).toEqual([
      './folder-hash-pool.cjs',
      './folder-read-ahead.cjs',
      '@zip.js/zip.js',
      'yauzl',
    ]);
    const ahead = (name: string) => readFile(join(REPO, 'out', 'cli', name), 'utf8');
    expect(requires(await ahead('folder-read-ahead.cjs'))).toEqual(['./folder-hash-pool.cjs']);
    expect(requires(await ahead('folder-hash-pool.cjs'))).toEqual([]);
    expect(script).not.toMatch(/import\("\.\//);
    // All ASCII, so that the entry reads it as one-byte text (compile-cache.mjs).
    expect(isAscii(Buffer.from(script))).toBe(true);
    const tmp = join(base, 'tmp');
    const cacheDir = join(tmp, `countersign-compile-cache-${process.getuid?.() ?? ''}`);
    const run = (env: NodeJS.ProcessEnv) =>
      node([BIN, 'verify', join(base, 'nothing-here')], { ...process.env, TMPDIR: tmp, ...env });
    const first = await run({});
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/There is no file or folder/);
    const [cache] = await readdir(cacheDir);
    expect(cache).toMatch(/^verify-main\.cjs-[0-9a-f]{32}\.v8$/);
    const s = await stat(cacheDir);
    if (process.getuid) expect(s.mode & 0o777).toBe(0o700);
    expect((await stat(join(cacheDir, cache ?? ''))).size).toBeGreaterThan(100_000);
    // The cached run gives the same report; a cache folder others could write to is not used at all.
    expect(await run({})).toEqual(first);
    if (process.getuid) {
      await rm(cacheDir, { recursive: true });
      await mkdir(cacheDir, { mode: 0o777 });
      await chmod(cacheDir, 0o777);
      expect(await run({})).toEqual(first);
      expect(await readdir(cacheDir)).toEqual([]);
    }
    const off = join(base, 'tmp-off');
    await mkdir(off);
    expect(await run({ TMPDIR: off, NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(first);
    expect(await readdir(off)).toEqual([]);
  });

  it('ends the hashing it started for a folder when verify ends before opening it', async () => {
    // 8 GiB of nothing (a sparse file) that the entry starts hashing before it loads the verifier: a pin that is no
    // fingerprint ends the command, and the hashing with it, instead of keeping the process for seconds.
    const bag = join(base, 'sparse-bag');
    await mkdir(join(bag, 'data', 'screenshots'), { recursive: true });
    const big = join(bag, 'data', 'screenshots', 'big.png');
    await writeFile(big, '');
    await truncate(big, 8 * 1024 ** 3);
    const start = Date.now();
    const r = await node([BIN, 'verify', bag, '--expect-device', 'not-hex']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a fingerprint or digest/);
    expect(r.stderr).not.toMatch(/still running/);
    expect(Date.now() - start).toBeLessThan(2500);
  });
});
