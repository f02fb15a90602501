// Vitest global set-up: the tests run the command line as a user does, through bin/countersign.mjs, so out/cli is
// built first whenever it is missing or older than its sources (as in a fresh clone, or after editing the code).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));

export default function buildCliIfStale(): void {
  execFileSync(process.execPath, [BUILD, '--if-stale'], { stdio: 'inherit' });
}
