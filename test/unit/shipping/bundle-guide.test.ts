// docs/checking-a-bundle.md works as written: each shell command of the guide, run on a real exported bundle and on
// tampered copies.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '@main/export/exporter';
import { generateSigningKey } from '@main/services/crypto';
import { BUNDLE_TIMESTAMP } from '@shared/evidence/timestamp/stamped';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';

const EXAMPLE_REF = 'CS-20261124-7052C8';
const guide = await readFile(new URL('../../../docs/checking-a-bundle.md', import.meta.url), 'utf8');
const blocks = [...guide.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');

let built: BuiltIncident;
let zipDir: string;
let bag: string;
let zipSha: string;
let env: NodeJS.ProcessEnv;

/**
 * Runs one block of the guide with bash, as a reader pasting it would, with the example reference replaced by the real
 * one.
 */
const run = (block: string, cwd: string) => {
  const script = block.replaceAll(EXAMPLE_REF, built.store.ref);
  const r = spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

const block = (marker: string): string => {
  const found = blocks.filter((b) => b.includes(marker));
  if (found.length !== 1) throw new Error(`the guide has ${found.length} shell blocks containing "${marker}"`);
  return found[0] ?? '';
};

/** Step 2 of the guide, once, for the tests that need the extracted bag whichever runs first. */
const extracted = async (): Promise<void> => {
  if (await stat(join(bag, 'bagit.txt')).catch(() => null)) return;
  const r = run(block('7z x'), zipDir);
  if (r.status !== 0) throw new Error(`7-Zip could not open the bundle: ${r.out}`);
};

const copyBag = async (): Promise<string> => {
  await extracted();
  const to = join(await tempDir('cs-guide-'), built.store.ref);
  await cp(bag, to, { recursive: true });
  return to;
};

beforeAll(async () => {
  built = await buildIncident();
  zipDir = await tempDir('cs-guide-');
  const zip = (await exportBundle(built.input, join(zipDir, `${built.store.ref}-police.zip`))).path;
  zipSha = createHash('sha256')
    .update(await readFile(zip))
    .digest('hex');
  bag = join(zipDir, built.store.ref);
  // Debian's 7zip package installs 7zz on some releases; the guide says 7z, as on most systems.
  const bin = await tempDir('cs-guide-bin-');
  const has7z = spawnSync('bash', ['-c', 'command -v 7z']).status === 0;
  if (!has7z) await symlink('/usr/bin/7zz', join(bin, '7z'));
  env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
});

describe('docs/checking-a-bundle.md on a real bundle', () => {
  it('has the shell steps the guide describes', () => {
    expect(blocks.length).toBe(10);
  });

  it('step 6b: the time-stamp commands name the token and the file it stamps as the exporter writes them', () => {
    // Run against a real authority's token in test/e2e/scenario/timestamps.test.ts (VERIFY.txt's same command).
    const ts = block('openssl ts -verify');
    expect(ts).toContain(`-in ${BUNDLE_TIMESTAMP} -data tagmanifest-sha256.txt -CAfile tsa-ca.pem`);
  });

  it("step 1: the zip's SHA-256, to compare with the school's", () => {
    const r = run(block('sha256sum CS-'), zipDir);
    expect(r.status).toBe(0);
    expect(r.out).toContain(zipSha);
  });

  it('step 2: 7-Zip opens it into one folder named after the incident, and the guide goes into it', async () => {
    const r = run(block('7z x'), zipDir);
    expect(r.status, r.out).toBe(0);
    await expect(stat(join(bag, 'bagit.txt'))).resolves.toBeTruthy();
    const cd = run(`${block('cd CS-')}\ntest -f bagit.txt`, zipDir);
    expect(cd.status).toBe(0);
  });

  it('step 3: every file checks OK', async () => {
    await extracted();
    const r = run(block('sha256sum -c'), bag);
    expect(r.status, r.out).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.endsWith(': OK'))).toBe(true);
  });

  it("step 4: both signatures verify, and the fingerprints are the computer's and the reviewer's", async () => {
    await extracted();
    const sigs = run(block('"${key%.pub.pem}.sig"'), bag);
    expect(sigs.out.match(/Signature Verified Successfully/g)).toHaveLength(2);
    expect(sigs.out).not.toMatch(/Failure/);
    const prints = run(block('-outform DER'), bag);
    expect(prints.status).toBe(0);
    expect(prints.out).toContain(built.vault.device.fingerprint);
    expect(prints.out).toContain(built.staff.ah.fingerprint);
  });

  it('step 6: both sign-offs verify, sign this record, with the keys registered for the reviewers', async () => {
    await extracted();
    const r = run(block('signoff v1'), bag);
    expect(r.status, r.out).toBe(0);
    expect(r.out.match(/signature verified, signs this record, key registered for this reviewer/g)).toHaveLength(2);
  });
});

describe('step 7: the values to compare with the printed form', () => {
  it(
    "prints the computer's key, the record digest, each sign-off " + 'key and the sealed entry, and checks the policy',
    async () => {
      await extracted();
      const r = run(block("opened['deviceKeyFingerprint']"), bag);
      expect(r.status, r.out).toBe(0);
      const entries = built.store.journal.entries;
      const digest = entries.find((e) => e.kind === 'conclusion.recorded')?.hash;
      const sealed = entries.findLast((e) => e.kind === 'signoff.signed');
      expect(r.out.trim().split('\n')).toEqual([
        `Computer's key fingerprint: ${built.vault.device.fingerprint}`,
        `Record digest: ${digest}`,
        `Signed off by A. Head (Headteacher): key fingerprint ${built.staff.ah.fingerprint}`,
        `Signed off by D. Lead (Designated Safeguarding Lead): key fingerprint ${built.staff.ds.fingerprint}`,
        `Record sealed at journal entry ${sealed?.seq}, hash ${sealed?.hash}`,
        'policy.json is the policy in force when the incident was opened',
      ]);
    },
  );

  it("pdfinfo shows the marks in the form's document properties", async () => {
    await extracted();
    const r = run(block('pdfinfo -custom'), bag);
    expect(r.out).toMatch(new RegExp(`CountersignRef:\\s*${built.store.ref}`));
    expect(r.out).toMatch(/CountersignRecordDigest:\s*[0-9a-f]{64}/);
    expect(r.out).toMatch(/CountersignSealedHead:\s*\d+:[0-9a-f]{64}/);
  });

  it('another policy in policy.json is named', async () => {
    const copy = await copyBag();
    await writeFile(join(copy, 'data/policy.json'), '{}');
    expect(run(block("opened['deviceKeyFingerprint']"), copy).out).toMatch(/policy.json is NOT the policy in force/);
  });
});

describe('the same commands on tampered copies', () => {
  it('a changed screenshot fails the file check', async () => {
    const copy = await copyBag();
    const shot = join(copy, 'data/screenshots', `${built.live[0]}.png`);
    const bytes = await readFile(shot);
    bytes[50] = (bytes[50] ?? 0) ^ 0xff;
    await writeFile(shot, bytes);
    const r = run(block('sha256sum -c'), copy);
    expect(r.out).toContain(`data/screenshots/${built.live[0]}.png: FAILED`);
    expect(r.out).toMatch(/WARNING: 1 computed checksum did NOT match/);
  });

  it('a signature by another key fails the signature check', async () => {
    const copy = await copyBag();
    const other = generateSigningKey().signer;
    await writeFile(
      join(copy, 'signatures/device.sig'),
      Buffer.from(other.sign(await readFile(join(copy, 'tagmanifest-sha256.txt'))), 'hex'),
    );
    const r = run(block('"${key%.pub.pem}.sig"'), copy);
    expect(r.out).toMatch(/signatures\/device:\s*\n\s*Signature Verification Failure/);
  });

  it('an altered sign-off signature, or a sign-off by an unregistered key, fails the sign-off check', async () => {
    const altered = await copyBag();
    const path = join(altered, 'data/journal.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    const i = lines.findIndex((l) => l.includes('"signoff.signed"'));
    const entry = JSON.parse(lines[i] ?? '{}') as { data: { signature: string; publicKey: string } };
    const sig = entry.data.signature;
    entry.data.signature = `${sig.slice(0, -2)}${sig.endsWith('00') ? '01' : '00'}`;
    lines[i] = JSON.stringify(entry);
    await writeFile(path, `${lines.join('\n')}\n`);
    const r = run(block('signoff v1'), altered);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/signature FAILED/);

    const impostor = await copyBag();
    const other = generateSigningKey().signer;
    const p2 = join(impostor, 'data/journal.jsonl');
    const l2 = (await readFile(p2, 'utf8')).trim().split('\n');
    const j = l2.findIndex((l) => l.includes('"signoff.signed"'));
    const e2 = JSON.parse(l2[j] ?? '{}') as {
      data: { reviewer: string; digest: string; signature: string; publicKey: string };
    };
    e2.data.publicKey = other.publicKeyPem;
    e2.data.signature = other.sign(`countersign signoff v1\n${built.store.ref}\n${e2.data.digest}`);
    l2[j] = JSON.stringify(e2);
    await writeFile(p2, `${l2.join('\n')}\n`);
    const r2 = run(block('signoff v1'), impostor);
    expect(r2.status).toBe(1);
    expect(r2.out).toMatch(/signature verified, signs this record, key NOT registered for this reviewer/);
  });
});

describe('the guide', () => {
  it('sends Windows readers to the commands in VERIFY.txt, which the bundle really holds', async () => {
    await extracted();
    const verify = await readFile(join(bag, 'data/VERIFY.txt'), 'utf8');
    expect(guide).toContain('data/VERIFY.txt');
    expect(verify).toContain('Windows (PowerShell):');
    expect(verify).toContain("python3 - <<'EOF'");
  });
});
