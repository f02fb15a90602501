#!/usr/bin/env node
// Command-line entry: starts the built command line in out/cli (`npm run build` makes it, and `npm ci` through
// `prepare`).
// Node's modules are taken with process.getBuiltinModule, not imported: an import makes a facade of every export of
// each (node:fs's loads Node's streams), and the ES module loader's work for compile-cache as a module of its own cost
// a verify some ten milliseconds more than requiring it.
const { existsSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/** How long the process may stay after the command finished before it is ended. */
const EXIT_GRACE_MS = 3000;

const built = new URL('../out/cli/countersign-cli.mjs', import.meta.url);
/** `verify` alone, as one script compiled with V8's code cache (scripts/build-cli.mjs, compile-cache.cjs). */
const verifyBuilt = fileURLToPath(new URL('../out/cli/verify-main.cjs', import.meta.url));
if (existsSync(built)) {
  if (process.argv[2] === 'verify' && existsSync(verifyBuilt)) {
    // A folder's hashing starts first (in workers, or on this thread's pool reads for a smaller bag: folder-hash-pool)
    // while the verifier's code is read and run (the verifier takes the same pool from Node's module cache); a
    // command that ends before opening the folder ends it.
    const require = createRequire(verifyBuilt);
    require('./folder-read-ahead.cjs').readAheadForArguments(process.argv.slice(3));
    const { runCached } = createRequire(import.meta.url)('./compile-cache.cjs');
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
