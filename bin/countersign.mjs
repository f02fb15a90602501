#!/usr/bin/env node
// Command-line entry: starts the built command line in out/cli (`npm run build` makes it, and `npm ci` through
// `prepare`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// Imported with the entry, not when `verify` is seen: a dynamic import() costs a verify some ten milliseconds more.
import { runCached } from './compile-cache.mjs';

/** How long the process may stay after the command finished before it is ended. */
const EXIT_GRACE_MS = 3000;

const built = new URL('../out/cli/countersign-cli.mjs', import.meta.url);
/** `verify` alone, as one script compiled with V8's code cache (scripts/build-cli.mjs, compile-cache.mjs). */
const verifyBuilt = fileURLToPath(new URL('../out/cli/verify-main.cjs', import.meta.url));
if (existsSync(built)) {
  if (process.argv[2] === 'verify' && existsSync(verifyBuilt)) {
    // A folder's hashing starts first, in a worker, while the verifier's code is read and run (the verifier takes the
    // same pool from Node's module cache); a command that ends before opening the folder ends it.
    const require = createRequire(verifyBuilt);
    require('./folder-read-ahead.cjs').readAheadForArguments(process.argv.slice(3));
    const { exports, saveCache } = runCached(verifyBuilt);
    process.exitCode = await exports.main(process.argv.slice(2));
    await require('./folder-hash-pool.cjs').endUntakenFolderHashPool();
    saveCache();
  } else {
    const { main } = await import(built.href);
    process.exitCode = await main(process.argv.slice(2));
  }
  // Each command closes what it started, so the process ends by itself here. Should anything still hold it open,
  // a script waiting on countersign is not left hanging: say so, and end it (which also ends any Chromium left).
  setTimeout(() => {
    process.stderr.write('countersign: something the command started was still running after it finished; ended it.\n');
    process.exit();
  }, EXIT_GRACE_MS).unref();
} else {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `countersign: the command line has not been built yet (${fileURLToPath(built)} is missing). ` +
      `Run \`npm run build\` in ${root}, then try again.\n`,
  );
  process.exitCode = 2;
}
