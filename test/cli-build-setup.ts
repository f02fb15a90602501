// Vitest global set-up: the tests run the command line as a user does, through bin/countersign.mjs, so out/cli is
// built first whenever it is missing or older than its sources (as in a fresh clone, or after editing the code); the
// app's screens save the stand-alone verifier from out/verifier, so it is built when missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));
const WEB_VERIFIER = fileURLToPath(new URL('../scripts/build-web-verifier.mjs', import.meta.url));
const BUILT_VERIFIER = fileURLToPath(new URL('../out/verifier/countersign-verifier.html', import.meta.url));

export default function buildCliIfStale(): void {
  execFileSync(process.execPath, [BUILD, '--if-stale'], { stdio: 'inherit' });
  if (!existsSync(BUILT_VERIFIER)) execFileSync(process.execPath, [WEB_VERIFIER], { stdio: 'inherit' });
}
