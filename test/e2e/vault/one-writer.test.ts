// One writer per incident under crashes: a process running listings, opens, captures, notes and exports at once is
// killed (SIGKILL) at random moments, again and again; each time the vault is checked as it was left, then reopened as
// the app would, and checked again. Never a forked or unreadable journal.
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { openKeyring } from '@main/services/keyring/keyring';
import { Vault } from '@main/services/vault';
import { REPO_ROOT } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from '../../unit/electron/main/app/core-fixture';

const KILLS = 40;
/** Problems that mean a forked, cut or unreadable journal (a file not yet in the chain is repaired on opening). */
const BROKEN = ['NOT_JSON', 'BAD_SHAPE', 'BAD_SEQ', 'BAD_PREV', 'BAD_HASH', 'BAD_HEAD', 'ROLLED_BACK', 'CORRUPT'];

const runAndKill = (bundle: string, dataDir: string, outDir: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), 30 + Math.random() * 1500));
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });

/** A vault with two incidents in review and one sealed, made by the app itself. */
const prepare = async (): Promise<string> => {
  const f = await makeCore();
  await setUp(f);
  const sealed = await incidentInReview(f);
  await f.core.act(sealed.ref, sealed.a, {
    kind: 'judgement.made',
    data: { substance: false, actions: [], policeReasons: [] },
  });
  await f.core.act(sealed.ref, sealed.a, { kind: 'conclusion.recorded', data: { text: 'No substance found.' } });
  await f.core.signOff(sealed.ref, [HEAD.passphrase, DSL.passphrase]);
  await incidentInReview(f);
  await incidentInReview(f);
  await f.core.close();
  return f.dataDir;
};

describe('one writer per incident, under crashes', () => {
  it(`keeps every journal whole through ${KILLS} kills amid listings, opens, captures and exports`, async () => {
    const out = await tempDir('cs-one-writer-');
    // Inside the repository, so that the child finds sharp (a native module left out of the bundle) in node_modules.
    const bundle = join(REPO_ROOT, 'node_modules', '.cache', 'countersign-tests', `one-writer-${process.pid}.mjs`);
    await build({
      entryPoints: [join(REPO_ROOT, 'test/e2e/vault/one-writer-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      tsconfig: join(REPO_ROOT, 'tsconfig.base.json'),
      // As the app's build: PDFKit reads its font data from beside its own files.
      external: ['sharp', 'pdfkit', 'dejavu-fonts-ttf'],
      logLevel: 'silent',
      // Aliased: a bundled module (screenshots-pdf.ts) imports createRequire under its own name.
      banner: {
        js:
          "import { createRequire as bannerRequire } from 'node:module'; " +
          'const require = bannerRequire(import.meta.url);',
      },
    });
    onTestFinished(() => rm(bundle, { force: true }));
    const dataDir = await prepare();
    const exportsDir = join(out, 'exports');
    await mkdir(exportsDir);
    const keyring = await openKeyring(dataDir, { clock: systemClock, sleep: async () => undefined });
    const { codec } = await keyring.unlock(HEAD.passphrase);
    let entries = 0;
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(bundle, dataDir, exportsDir);
      const asLeft = await checkVault(dataDir, codec);
      const broken = [...asLeft.problems, ...asLeft.incidents.flatMap((x) => x.problems)].filter((p) =>
        BROKEN.includes(p.code),
      );
      expect(broken, `as left by kill ${i + 1}`).toEqual([]);
      const vault = await Vault.open(dataDir, { codec, clock: systemClock });
      for (const ref of await vault.listIncidents()) await vault.openIncident(ref);
      const reopened = await checkVault(dataDir, codec);
      expect(
        reopened.incidents.flatMap((x) => x.problems),
        `after reopening, kill ${i + 1}`,
      ).toEqual([]);
      expect(reopened.problems).toEqual([]);
      entries = reopened.incidents.reduce((n, x) => n + x.entries, 0);
    }
    const vault = await Vault.open(dataDir, { codec, clock: systemClock });
    const kinds: string[] = [];
    for (const ref of await vault.listIncidents())
      kinds.push(...(await vault.readIncident(ref)).entries.map((e) => e.kind));
    const count = (k: string) => kinds.filter((x) => x === k).length;
    // The children must have got work done between kills, or the test proves nothing.
    expect(count('capture.taken')).toBeGreaterThan(10);
    expect(count('export.made')).toBeGreaterThan(2);
    console.log(
      `one-writer test: ${KILLS} kills; ${entries} journal entries across 3 incidents, every one whole ` +
        `(${count('capture.taken')} captures, ${count('export.made')} exports, ${count('note.added')} notes; ` +
        `recovered: ${count('recovery.torn-tail')} torn lines, ${count('recovery.orphan-removed')} unfinished files)`,
    );
  }, 600_000);
});
