// Crash safety: a writer killed with SIGKILL at random moments, 200 times, always leaves a valid chain and only
// complete files.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { sha256Hex } from '@main/services/crypto';
import { referencedFiles, Vault } from '@main/services/vault';
import { REPO_ROOT } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';

const KILLS = 200;
const LANES = 2;

const runAndKill = (bundle: string, dataDir: string, ref: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, ref], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), Math.random() * 80));
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments`, async () => {
    const out = await tempDir('cs-crash-build-');
    const bundle = join(out, 'child.mjs');
    await build({
      entryPoints: [join(REPO_ROOT, 'test/unit/electron/main/services/crash-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      tsconfig: join(REPO_ROOT, 'tsconfig.base.json'),
      logLevel: 'silent',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    // A SIGKILL cannot split one write() of a line, so torn lines (a power-loss effect) are rare here;
    // they have their own test in journal.test.ts.
    let torn = 0;
    let orphans = 0;
    const lane = async (n: number) => {
      const dataDir = join(await tempDir('cs-crash-'), 'data');
      const ref = `CS-CRASH-LANE${n}`;
      for (let i = 0; i < KILLS / LANES; i++) {
        await runAndKill(bundle, dataDir, ref);
        // Reopening is what the app does after a crash: recovery, then a check as a third party would.
        const vault = await Vault.open(dataDir, { codec: plainCodec, clock: systemClock });
        const store = await vault.openIncident(ref);
        const report = await checkVault(dataDir, plainCodec);
        expect(report.incidents[0]?.problems, `after kill ${i + 1} in lane ${n}`).toEqual([]);
        const files = await readdir(join(store.dir, 'files')).catch(() => []);
        const live = referencedFiles(store.journal.entries);
        expect(
          files.filter((f) => !live.has(f)),
          'no file outside the chain or under a temporary name',
        ).toEqual([]);
        for (const f of files) expect(sha256Hex(await readFile(join(store.dir, 'files', f)))).toBe(f);
        if (i === KILLS / LANES - 1) {
          torn += store.journal.entries.filter((e) => e.kind === 'recovery.torn-tail').length;
          orphans += store.journal.entries.filter((e) => e.kind === 'recovery.orphan-removed').length;
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));
    // The kills must have landed mid-write at least sometimes, or the test proves nothing.
    expect(orphans).toBeGreaterThan(0);
    console.log(`crash test: ${KILLS} kills; interrupted file writes recorded ${orphans}, torn lines recorded ${torn}`);
  }, 300_000);
});
