#!/usr/bin/env node
// Command-line entry: starts the built command line in out/cli (`npm run build` makes it, and `npm ci` through
// `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/countersign-cli.mjs', import.meta.url);
if (existsSync(built)) {
  const { main } = await import(built.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `countersign: the command line has not been built yet (${fileURLToPath(built)} is missing). ` +
      `Run \`npm run build\` in ${root}, then try again.\n`,
  );
  process.exitCode = 2;
}
