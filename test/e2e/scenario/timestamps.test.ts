// RFC 3161 time-stamping end to end with `countersign run` and a local authority made with `openssl ts -reply`: each
// signed head and the bundle's tag manifest are stamped, `countersign verify --tsa-ca` and `openssl ts -verify` accept
// the tokens, a forged or misplaced token is INVALID, and an authority that does not answer is journaled, not waited
// for.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { headStampData } from '@shared/evidence/timestamp/stamped';
import { PRACTICE_ROOT } from '@main/practice/practice-sites';
import { unlockVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { systemSleep } from '@main/services/keyring/keyring';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { runCli } from '@test/helpers/cli';
import {
  makeTsaCertificates,
  opensslReply,
  startLocalTsa,
  startSilentTsa,
  type LocalTsa,
} from '@test/helpers/local-tsa';
import { tempDir } from '@test/helpers/vault';
import { SCENARIO_BASE } from './scenario-fixtures';

const run = promisify(execFile);
let server: FixtureServer;
let tsa: LocalTsa;

beforeAll(async () => {
  server = await startFixtureServer(PRACTICE_ROOT);
  tsa = await startLocalTsa();
});
afterAll(async () => {
  await server?.close();
  await tsa?.close();
});

const steps = () => [
  { do: 'triage', illegalSuspected: false },
  { do: 'navigate', url: `${server.url}/social/index.html` },
  { do: 'capture', mode: 'viewport', concern: 'Name-calling under the photo' },
  { do: 'judge', substance: true, actions: ['internal'] },
  { do: 'conclude', text: 'Concern upheld.' },
  { do: 'signoff' },
  { do: 'export', recipient: 'Local Authority' },
];

const runWith = async (url: string) => {
  const dir = await tempDir('cs-tsr-');
  const scenario = {
    ...SCENARIO_BASE,
    timestamping: { url },
    incident: {
      reviewers: ['ah', 'ds'],
      reason: 'Bullying reported by a parent',
      subject: { kind: 'pupil', ref: 'P-117' },
      category: 'Cyberbullying',
      steps: steps(),
    },
  };
  await writeFile(join(dir, 'scenario.json'), JSON.stringify(scenario));
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  const started = performance.now();
  const cli = await runCli(['run', join(dir, 'scenario.json'), '--data', data, '--out', out]);
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
  const open = await unlockVault(data, SCENARIO_BASE.staff[0]?.passphrase ?? '', {
    clock: systemClock,
    sleep: systemSleep,
  });
  const entries = (await open.vault.openIncident(result.incident.ref)).journal.entries;
  open.keyring.lock();
  return { dir, cli, result, entries, seconds, bundle: result.bundles[0] as string };
};

/** The bundle unpacked into a folder (countersign verify reads folders too). */
const unpacked = async (zip: string, dir: string): Promise<string> => {
  await run('7zz', ['x', '-y', `-o${dir}`, zip]);
  const { readdir } = await import('node:fs/promises');
  const [name] = await readdir(dir);
  return join(dir, name ?? '');
};

/** Seconds from the triage answer to the conclusion, by the journal's own times: the review's steps. */
const reviewSeconds = (entries: readonly JournalEntry[]): number => {
  const at = (kind: string) => Date.parse(entries.find((e) => e.kind === kind)?.at ?? '');
  return (at('conclusion.recorded') - at('triage.answered')) / 1000;
};

describe('RFC 3161 timestamps', () => {
  let stamped: Awaited<ReturnType<typeof runWith>>;
  let folder: string;
  beforeAll(async () => {
    stamped = await runWith(tsa.url);
    folder = await unpacked(stamped.bundle, join(stamped.dir, 'unzipped'));
  }, 120_000);

  it('stamps every signed head of the review and records the token in the journal', () => {
    expect(stamped.cli.code, stamped.cli.stderr).toBe(0);
    const heads = stamped.entries.filter((e) => e.kind === 'head.signed');
    const tokens = stamped.entries.filter(
      (e): e is JournalEntry<'timestamp.received'> => e.kind === 'timestamp.received',
    );
    // Every head signed while the incident was open, up to the export's, has its token (the last, signed as the run
    // closes the incident, is stamped when it is next opened).
    const exportSeq = stamped.entries.findLast((e) => e.kind === 'export.made')?.seq ?? -1;
    const duringReview = heads.filter((h) => h.seq < exportSeq + 2);
    expect(duringReview.length).toBeGreaterThan(4);
    expect(tokens.map((t) => t.data.head).sort((a, b) => a - b)).toEqual(duringReview.map((h) => h.seq));
    for (const t of tokens) {
      expect(t.data.authority).toBe(tsa.url);
      expect(Math.abs(Date.parse(t.data.genTime) - Date.parse(t.at))).toBeLessThan(10_000);
    }
    expect(stamped.entries.some((e) => e.kind === 'timestamp.failed')).toBe(false);
  });

  it('writes the bundle token beside signatures/; verify --tsa-ca shows both times', async () => {
    const tsr = await readFile(join(folder, 'timestamps', 'tagmanifest-sha256.txt.tsr'));
    expect(tsr.length).toBeGreaterThan(500);
    const v = await runCli(['verify', stamped.bundle, '--tsa-ca', tsa.caFile]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toMatch(/passed\s+RFC 3161 timestamps/);
    expect(v.stdout).toContain("Trusted timestamps (RFC 3161): the laptop's time beside the time-stamping authority's");
    expect(v.stdout).toMatch(/tagmanifest-sha256\.txt: laptop \d{4}-\d\d-\d\d, authority \S+Z \(CN=Test TSA\)/);
    expect(v.stdout).toMatch(/journal entry \d+ \(signed head\): laptop \S+Z, authority \S+Z \(CN=Test TSA\)/);
    expect(v.stdout).not.toContain('not pinned');
  });

  it('is VALID without --tsa-ca, and says the authority is not pinned', async () => {
    const v = await runCli(['verify', stamped.bundle]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('The time-stamping authority is not pinned');
  });

  it('is accepted by openssl ts -verify, the command VERIFY.txt gives, for the bundle and for a head', async () => {
    const verifyTxt = await readFile(join(folder, 'data', 'VERIFY.txt'), 'utf8');
    expect(verifyTxt).toContain(
      'openssl ts -verify -in timestamps/tagmanifest-sha256.txt.tsr -data tagmanifest-sha256.txt',
    );
    const { stdout } = await run(
      'openssl',
      [
        'ts',
        '-verify',
        '-in',
        'timestamps/tagmanifest-sha256.txt.tsr',
        '-data',
        'tagmanifest-sha256.txt',
        '-CAfile',
        tsa.caFile,
      ],
      { cwd: folder },
    );
    expect(stdout).toContain('Verification: OK');
    const token = stamped.entries.find((e): e is JournalEntry<'timestamp.received'> => e.kind === 'timestamp.received');
    const head = stamped.entries[token?.data.head ?? -1];
    await writeFile(join(stamped.dir, 'head.tsr'), Buffer.from(token?.data.reply ?? '', 'base64'));
    await writeFile(join(stamped.dir, 'head.txt'), headStampData(head?.hash ?? ''));
    const h = await run('openssl', ['ts', '-verify', '-in', 'head.tsr', '-data', 'head.txt', '-CAfile', tsa.caFile], {
      cwd: stamped.dir,
    });
    expect(h.stdout).toContain('Verification: OK');
  });

  it('finds a token for other data, a token with a byte changed, or another authority INVALID', async () => {
    const tsrPath = (f: string) => join(f, 'timestamps', 'tagmanifest-sha256.txt.tsr');
    const copy = async (name: string) => {
      const f = join(stamped.dir, name);
      await cp(folder, f, { recursive: true });
      return f;
    };
    // A genuine token from the same authority, over other bytes.
    const other = await copy('other-data');
    const imprint = createHash('sha256').update('something else').digest();
    const query = await run('openssl', ['ts', '-query', '-digest', imprint.toString('hex'), '-sha256', '-cert'], {
      encoding: 'buffer',
    });
    await writeFile(tsrPath(other), await opensslReply(tsa.dir, query.stdout));
    const v1 = await runCli(['verify', other, '--tsa-ca', tsa.caFile]);
    expect(v1.code).toBe(1);
    expect(v1.stdout).toContain('message imprint is not the SHA-256 of what it should stamp');
    expect(v1.stdout).toContain('[TIMESTAMP_INVALID]');

    const flipped = await copy('flipped');
    const bytes = await readFile(tsrPath(flipped));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 1;
    await writeFile(tsrPath(flipped), bytes);
    const v2 = await runCli(['verify', flipped, '--tsa-ca', tsa.caFile]);
    expect(v2.code).toBe(1);
    expect(v2.stdout).toContain('[TIMESTAMP_INVALID]');

    // The same tokens checked against another authority's certificate.
    const elsewhere = await tempDir('cs-tsa-other-');
    await makeTsaCertificates(elsewhere, 'Other TSA');
    const v3 = await runCli(['verify', stamped.bundle, '--tsa-ca', join(elsewhere, 'ca.pem')]);
    expect(v3.code).toBe(1);
    expect(v3.stdout).toContain('[TIMESTAMP_INVALID]');
  });

  it('journals an authority that does not answer, and the review goes on without waiting for it', async () => {
    const silent = await startSilentTsa();
    try {
      const dead = await runWith(silent.url);
      expect(dead.cli.code, dead.cli.stderr).toBe(0);
      const failed = dead.entries.filter((e): e is JournalEntry<'timestamp.failed'> => e.kind === 'timestamp.failed');
      const heads = dead.entries.filter((e) => e.kind === 'head.signed');
      expect(failed.length).toBeGreaterThan(4);
      // Once per head, never retried.
      const stampedHeads = failed.flatMap((f) => ('head' in f.data.of ? [f.data.of.head] : []));
      expect(new Set(stampedHeads).size).toBe(stampedHeads.length);
      expect(stampedHeads.every((s) => heads.some((h) => h.seq === s))).toBe(true);
      expect(failed.some((f) => 'bundle' in f.data.of)).toBe(true);
      expect(failed[0]?.data.reason).toContain('did not answer within 5 seconds');
      expect(dead.entries.some((e) => e.kind === 'timestamp.received')).toBe(false);
      // A silent authority takes 5 s per head to give up; were the review to wait, each step would take that long.
      const live = reviewSeconds(stamped.entries);
      const silentReview = reviewSeconds(dead.entries);
      console.log(
        `review (triage to conclusion): ${live.toFixed(2)} s with a local authority, ` +
          `${silentReview.toFixed(2)} s with ` +
          `one that never answers; whole run ${stamped.seconds.toFixed(1)} s and ${dead.seconds.toFixed(1)} s`,
      );
      expect(silentReview).toBeLessThan(live + 4);
      const v = await runCli(['verify', dead.bundle]);
      expect(v.code, v.stdout).toBe(0);
      // The bundle's journal holds the failures journaled before the export took it (a silent authority gives up
      // after 5 s, so on a quick run they come after); verify notes each of those, and no other.
      const inBundle = Number(/Journal: (\d+) entries/.exec(v.stdout)?.[1]);
      expect(inBundle).toBeGreaterThan(0);
      const before = failed.filter((f) => f.seq < inBundle);
      const noted = v.stdout.match(/was not time-stamped \(The time-stamping authority at .* did not answer/g) ?? [];
      expect(noted).toHaveLength(before.length);
    } finally {
      await silent.close();
    }
  }, 180_000);
});
