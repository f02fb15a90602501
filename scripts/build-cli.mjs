#!/usr/bin/env node
// Builds the `countersign` command line into out/cli/ (part of `npm run build`, and of `npm ci` through `prepare`), so
// that bin/countersign.mjs starts a plain JavaScript file instead of compiling TypeScript each time.
//   node scripts/build-cli.mjs             build
//   node scripts/build-cli.mjs --if-stale  build only when out/cli is missing or older than its sources
import console from 'node:console';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';
import { outOfDate } from './out-of-date.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI_OUT = 'out/cli';
const SOURCES = ['electron', 'shared', 'package.json', 'tsconfig.base.json', 'scripts/build-cli.mjs'];

/**
 * The sources find files next to themselves with `new URL(rel, import.meta.url)` (the practice sites, for one). Every
 * bundled file lands flat in out/cli, so each source's `import.meta.url` is rewritten to the address that source had.
 */
const keepSourceAddresses = {
  name: 'keep-source-addresses',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const fromOut = relative(join(root, CLI_OUT), path).split('\\').join('/');
      const address = `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', address), loader: 'ts' };
    });
  },
};

/** Every npm package is left to node_modules, except those named, which are bundled into out/cli. */
const externalPackagesBut = (bundled) => ({
  name: 'external-packages-but',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      if (path.startsWith('@shared/') || path.startsWith('node:')) return undefined;
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return bundled.includes(name) ? undefined : { path, external: true };
    });
  },
});

const buildCli = () =>
  build({
    absWorkingDir: root,
    // The verify worker is its own entry: the app's tests run it as a worker thread, as the app runs out/main's.
    entryPoints: {
      'countersign-cli': 'electron/main/cli/countersign-cli.ts',
      'verify-worker': 'electron/main/verify/verify-worker.ts',
    },
    outdir: CLI_OUT,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    // Each command's engines become their own chunk, loaded by the dynamic import() when that command runs.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.base.json',
    // npm packages stay in node_modules, as for the app's main process: sharp and playwright-core load native code
    // and browsers from there, and zip.js finds its codecs next to its own files. zod and canonicalize are bundled:
    // zod is some two hundred small modules, and resolving and loading each at every start cost `verify` more time
    // than hashing a bundle's screenshots.
    metafile: true,
    logLevel: 'warning',
    plugins: [keepSourceAddresses, externalPackagesBut(['zod', 'canonicalize'])],
  });

/** The options of the scripts that bin/countersign.mjs requires for `verify`. */
const CJS_SCRIPT = {
  absWorkingDir: root,
  outdir: CLI_OUT,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  tsconfig: 'tsconfig.base.json',
  logLevel: 'warning',
};

/**
 * `countersign verify` again, as one CommonJS script with every package it needs but the zip readers (which have
 * CommonJS builds of their own): bin/countersign.mjs compiles it through vm.Script with V8's code cache, which Node 20
 * offers for scripts only, so that a verify compiles none of its code twice (bin/compile-cache.mjs).
 */
const buildVerifyScript = () =>
  build({
    ...CJS_SCRIPT,
    entryPoints: { 'verify-main': 'electron/main/cli/verify-main.ts' },
    // Without comments and layout the script is all ASCII (esbuild escapes the rest) and a third smaller: the entry
    // reads it as one-byte text and V8 checks and deserialises less at every start.
    minifyWhitespace: true,
    // The read-ahead's import() becomes a require(), so that it shares the module the entry required (one pool).
    supported: { 'dynamic-import': false },
    plugins: [
      {
        name: 'zip-readers-external',
        setup(b) {
          b.onResolve({ filter: /^(yauzl|@zip\.js\/zip\.js)$/ }, ({ path }) => ({ path, external: true }));
        },
      },
      readAheadExternal,
    ],
  });

/**
 * The folder's read-ahead and its hashing pool, as two small scripts of their own that verify-main.cjs requires: the
 * command line's entry requires them first and starts a folder's hashing before it reads the verifier's two megabytes,
 * and the verifier then takes the same pool (one module, so one pool) from Node's module cache.
 */
const READ_AHEAD = ['folder-read-ahead', 'folder-hash-pool'];
const readAheadExternal = {
  name: 'read-ahead-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/folder-(read-ahead|hash-pool)$/ }, ({ path, kind }) =>
      kind === 'entry-point' ? undefined : { path: `${path}.cjs`, external: true },
    );
  },
};
const buildReadAhead = () =>
  build({
    ...CJS_SCRIPT,
    entryPoints: Object.fromEntries(READ_AHEAD.map((n) => [n, `electron/main/verify/${n}.ts`])),
    plugins: [readAheadExternal],
  });

if (process.argv.includes('--if-stale') && !(await outOfDate(root, [CLI_OUT], SOURCES))) process.exit(0);
// Chunk names carry a content hash: start from an empty folder so that no old chunk is left behind.
await rm(join(root, CLI_OUT), { recursive: true, force: true });
const [result] = await Promise.all([buildCli(), buildVerifyScript(), buildReadAhead()]);
// What each output file holds and imports, for the check that the commands' engines are loaded only when used.
await writeFile(join(root, CLI_OUT, 'meta.json'), JSON.stringify(result.metafile));
console.log(`Built the command line into ${CLI_OUT}/.`);
