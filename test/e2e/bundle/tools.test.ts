// Real bundles checked with tools nobody here wrote (7-Zip, sha256sum, shasum, openssl, python3), and tampered with.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '@main/export/exporter';
import { generateSigningKey } from '@main/services/crypto';
import { verifyCommand } from '@main/verify/verify-command';
import { bagitValidate, hasBagitPython } from '@test/helpers/outside-tools';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';

const PASSWORD = 'Tr0ub4dor&3 for the police';

const run = (cmd: string, args: string[], cwd?: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
const bash = (script: string, cwd: string) => run('bash', ['-c', script], cwd);

/** Debian's 7zip package installs 7zz (bookworm) or 7z (later); either is 7-Zip itself. */
const SEVEN = ['7z', '7zz'].find((b) => run('bash', ['-c', `command -v ${b}`]).status === 0);
const seven = (...args: string[]) => {
  if (!SEVEN) throw new Error('7-Zip is not installed (Debian package 7zip): these checks cannot run without it');
  return run(SEVEN, args);
};

let normal: BuiltIncident;
let halted: BuiltIncident;
let plainZip: string;
let lockedZip: string;
/** The extracted bags (the folder holding bagit.txt). */
let plainBag: string;
let lockedBag: string;

const verify = async (...argv: string[]) => {
  const out: string[] = [];
  const code = await verifyCommand([...argv, '--json'], { log: (s) => out.push(s), error: (s) => out.push(s) });
  const report = JSON.parse(out.join('\n')) as {
    valid: boolean;
    problems: { code: string; where: string; message: string }[];
    signers: { name: string; valid: boolean }[];
  };
  return { code, report, codes: [...new Set(report.problems.map((p) => p.code))].sort() };
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const walk = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'));

/** What someone editing a bag would do to make it a valid bag again: Payload-Oxum and both manifests rewritten. */
const recomputeManifests = async (bag: string) => {
  const line = async (p: string) => `${sha256(await readFile(join(bag, p)))}  ${p}\n`;
  const payload = (await walk(bag)).filter((p) => p.startsWith('data/')).sort();
  let bytes = 0;
  for (const p of payload) bytes += (await readFile(join(bag, p))).length;
  const info = await readFile(join(bag, 'bag-info.txt'), 'utf8');
  await writeFile(
    join(bag, 'bag-info.txt'),
    info.replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${bytes}.${payload.length}`),
  );
  await writeFile(join(bag, 'manifest-sha256.txt'), (await Promise.all(payload.map(line))).join(''));
  await writeFile(
    join(bag, 'tagmanifest-sha256.txt'),
    (await Promise.all(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt'].map(line))).join(''),
  );
};

const opensslVerify = (bag: string, name: string) =>
  run(
    'openssl',
    [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      `signatures/${name}.pub.pem`,
      '-rawin',
      '-in',
      'tagmanifest-sha256.txt',
      '-sigfile',
      `signatures/${name}.sig`,
    ],
    bag,
  );

const copyBag = async (from: string): Promise<string> => {
  const to = join(await tempDir(), relative(join(from, '..'), from));
  await cp(from, to, { recursive: true });
  return to;
};

beforeAll(async () => {
  [normal, halted] = await Promise.all([buildIncident(), buildIncident({ halt: true })]);
  const dir = await tempDir();
  plainZip = (await exportBundle(normal.input, join(dir, 'plain.zip'))).path;
  lockedZip = (await exportBundle(halted.input, join(dir, 'locked.zip'), { password: PASSWORD })).path;
  expect(seven('x', plainZip, `-o${join(dir, 'plain')}`).status).toBe(0);
  expect(seven('x', lockedZip, `-p${PASSWORD}`, `-o${join(dir, 'locked')}`).status).toBe(0);
  plainBag = join(dir, 'plain', normal.store.ref);
  lockedBag = join(dir, 'locked', halted.store.ref);
});

describe('7-Zip', () => {
  it('tests the plain bundle clean', () => {
    const r = seven('t', plainZip);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/Everything is Ok/);
  });

  it('opens the AES-256 bundle with its password, and not without it or with a wrong one', () => {
    const right = seven('t', `-p${PASSWORD}`, lockedZip);
    expect(right.status).toBe(0);
    expect(right.out).toMatch(/Everything is Ok/);
    expect(seven('t', lockedZip).status).not.toBe(0);
    const wrong = seven('t', '-pnot-the-password', lockedZip);
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toMatch(/Wrong password/);
  });

  it('extracts one folder named after the incident, holding the bag', async () => {
    expect(await readdir(join(plainBag, '..'))).toEqual([normal.store.ref]);
    expect((await readdir(plainBag)).sort()).toEqual([
      'bag-info.txt',
      'bagit.txt',
      'data',
      'manifest-sha256.txt',
      'signatures',
      'tagmanifest-sha256.txt',
    ]);
  });
});

describe('standard tools on the extracted bags', () => {
  it('sha256sum -c: every file in both manifests OK', async () => {
    for (const bag of [plainBag, lockedBag]) {
      const payload = (await walk(bag)).filter((p) => p.startsWith('data/'));
      for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
        const r = run('sha256sum', ['-c', '--strict', m], bag);
        expect(r.status, r.out).toBe(0);
        const lines = r.out.trim().split('\n');
        expect(lines.every((l) => l.endsWith(': OK'))).toBe(true);
        expect(lines.length).toBe(m === 'manifest-sha256.txt' ? payload.length : 3);
      }
    }
  });

  it('shasum -a 256 -c (the macOS command) agrees', () => {
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt'])
      expect(run('shasum', ['-a', '256', '-c', m], plainBag).status).toBe(0);
  });

  it('openssl verifies every signature: the device and the exporting reviewer', async () => {
    for (const bag of [plainBag, lockedBag]) {
      expect((await readdir(join(bag, 'signatures'))).sort()).toEqual([
        'ah.pub.pem',
        'ah.sig',
        'device.pub.pem',
        'device.sig',
      ]);
      for (const name of ['device', 'ah']) {
        const r = opensslVerify(bag, name);
        expect(r.status, r.out).toBe(0);
        expect(r.out).toMatch(/Signature Verified Successfully/);
      }
    }
  });

  it('the device key in signatures/ has the fingerprint the incident was opened with (openssl + sha256sum)', () => {
    const r = bash('openssl pkey -pubin -in signatures/device.pub.pem -outform DER | sha256sum', plainBag);
    expect(r.out.split(' ')[0]).toBe(normal.vault.device.fingerprint);
  });

  it('every command VERIFY.txt gives for Linux works as written', async () => {
    for (const bag of [plainBag, lockedBag]) {
      const text = await readFile(join(bag, 'data/VERIFY.txt'), 'utf8');
      const lines = text.split('\n');
      const linux = lines.slice(lines.indexOf('Linux:') + 1, lines.indexOf('macOS:')).map((l) => l.trim());
      expect(linux).toEqual(['sha256sum -c manifest-sha256.txt', 'sha256sum -c tagmanifest-sha256.txt']);
      const sigs = lines
        .filter((l) => l.trim().startsWith('openssl pkeyutl -verify') && l.includes('tagmanifest'))
        .map((l) => l.trim());
      expect(sigs.length).toBe(2);
      for (const cmd of [...linux, ...sigs]) {
        const r = bash(cmd, bag);
        expect(r.status, `${cmd}\n${r.out}`).toBe(0);
      }
      const start = lines.indexOf("python3 - <<'EOF'");
      const end = lines.findIndex(
        (l, i) => i > start && l.startsWith('openssl pkeyutl') && l.includes('countersign-head.sig'),
      );
      expect(start).toBeGreaterThan(0);
      const chain = bash(lines.slice(start, end + 1).join('\n'), bag);
      expect(chain.status, chain.out).toBe(0);
      const entries = (await readFile(join(bag, 'data/journal.jsonl'), 'utf8')).trim().split('\n').length;
      expect(chain.out).toMatch(new RegExp(`Journal chain OK: ${entries} entries`));
      expect(chain.out).toMatch(/Signature Verified Successfully/);
    }
  });

  it(
    'the commands in VERIFY.txt survive hostile page titles and addresses: lone surrogates, control characters, ' +
      'very long lines',
    async () => {
      const title = (t: string, url = 'http://127.0.0.1:9/post/2') =>
        ({ kind: 'browser.title', actor: 'system', data: { url, title: t } }) as const;
      const hostile = await buildIncident({
        review: [
          title('Lone \ud800 high and \udfff low surrogates, and a pair \ud83d\ude00'),
          title('Controls \u0000\u0001\u0008\u000b\u001f\u007f\u0085, separators \u2028\u2029, bidi \u202e txt'),
          title('"quotes", back\\slash, tab\tand\r\nnew lines; EOF\nEOF'),
          title('😀'.repeat(2000)),
          title('Long address', `http://127.0.0.1:9/${'a/'.repeat(4000)}`),
          {
            kind: 'clock.jump',
            actor: 'system',
            data: { wallDeltaMs: 1e16, monoDeltaMs: 0.1 + 0.2, driftMs: 1.5e-7 },
          },
        ],
      });
      const dir = await tempDir();
      const zip = (await exportBundle(hostile.input, join(dir, 'hostile.zip'))).path;
      expect(seven('x', zip, `-o${join(dir, 'x')}`).status).toBe(0);
      const bag = join(dir, 'x', hostile.store.ref);
      const lines = (await readFile(join(bag, 'data/VERIFY.txt'), 'utf8')).split('\n');
      const start = lines.indexOf("python3 - <<'EOF'");
      const end = lines.findIndex(
        (l, i) => i > start && l.startsWith('openssl pkeyutl') && l.includes('countersign-head.sig'),
      );
      const chain = bash(lines.slice(start, end + 1).join('\n'), bag);
      expect(chain.status, chain.out).toBe(0);
      expect(chain.out).toMatch(/Journal chain OK/);
      expect(chain.out).toMatch(/Signature Verified Successfully/);
      const r = await verify(zip);
      expect(r.report.problems).toEqual([]);
      expect(r.code).toBe(0);
    },
  );

  it('the hand check of the chain in VERIFY.txt catches an altered entry', async () => {
    const bag = await copyBag(plainBag);
    const path = join(bag, 'data/journal.jsonl');
    await writeFile(path, (await readFile(path, 'utf8')).replace('post/1', 'post/8'));
    const lines = (await readFile(join(bag, 'data/VERIFY.txt'), 'utf8')).split('\n');
    const start = lines.indexOf("python3 - <<'EOF'");
    const r = bash(lines.slice(start, lines.indexOf('EOF') + 1).join('\n'), bag);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/entry \d+ has been altered/);
  });

  it(
    'the halted bundle: no purged capture, and ' + 'VERIFY.txt says why no image of the halted content exists',
    async () => {
      const shots = await readdir(join(lockedBag, 'data/screenshots'));
      expect(shots).toEqual([`${halted.live[0]}.png`]);
      expect(shots.some((s) => s.startsWith(halted.purged[0] ?? '-'))).toBe(false);
      expect(await readFile(join(lockedBag, 'data/VERIFY.txt'), 'utf8')).toMatch(
        /WHY THERE IS NO IMAGE OF THE HALTED CONTENT[\s\S]*capture[\s\S]*No image of the halted content exists/,
      );
    },
  );

  it('urls.csv lists the pages visited, quoted as a spreadsheet reads them', async () => {
    const csv = await readFile(join(plainBag, 'data/urls.csv'), 'utf8');
    expect(csv).toContain('"browser.navigated","http://127.0.0.1:9/post/1","main","200"');
    expect(csv).toContain('"http://127.0.0.1:9/post/2?a=1,b=""2"""');
  });
});

describe.skipIf(!hasBagitPython())("bagit-python (the Library of Congress's validator) on the extracted bags", () => {
  it('finds both bags valid, and rejects one with a file planted under data/ or a screenshot changed', async () => {
    for (const bag of [plainBag, lockedBag]) {
      const r = bagitValidate(bag);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toMatch(/is valid/);
    }
    const planted = await copyBag(plainBag);
    await writeFile(join(planted, 'data/extra-evidence.png'), 'planted');
    const p = bagitValidate(planted);
    expect(p.status).toBe(1);
    expect(p.out).toMatch(/Payload-Oxum validation failed/);
    const changed = await copyBag(plainBag);
    const shot = `data/screenshots/${normal.live[0]}.png`;
    const bytes = await readFile(join(changed, shot));
    bytes[100] = (bytes[100] ?? 0) ^ 0x01;
    await writeFile(join(changed, shot), bytes);
    const c = bagitValidate(changed);
    expect(c.status).toBe(1);
    expect(c.out).toContain(`${shot} sha256 validation failed`);
  });
});

describe('countersign verify on the real bundles', () => {
  it('valid: both zips (the encrypted one with its password) and both extracted folders, exit 0', async () => {
    const passwordFile = join(await tempDir(), 'password.txt');
    await writeFile(passwordFile, `${PASSWORD}\n`);
    for (const argv of [[plainZip], [lockedZip, '--password-file', passwordFile], [plainBag], [lockedBag]]) {
      const r = await verify(...argv);
      expect(r.report.problems, argv[0]).toEqual([]);
      expect(r.code).toBe(0);
    }
  });
});

describe('tampering with a real bundle is reported invalid, with the reason', () => {
  it('a flipped byte in a screenshot: sha256sum and verify both name the file', async () => {
    const bag = await copyBag(plainBag);
    const shot = `data/screenshots/${normal.live[0]}.png`;
    const bytes = await readFile(join(bag, shot));
    bytes[100] = (bytes[100] ?? 0) ^ 0x01;
    await writeFile(join(bag, shot), bytes);
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).out).toContain(`${shot}: FAILED`);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['HASH_MISMATCH', 'SCREENSHOT_ALTERED']);
    expect(r.report.problems.every((p) => p.where === shot)).toBe(true);
    const zip = join(await tempDir(), 'tampered.zip');
    expect(seven('a', zip, bag).status).toBe(0);
    const z = await verify(zip);
    expect(z.code).toBe(1);
    expect(z.codes).toEqual(['HASH_MISMATCH', 'SCREENSHOT_ALTERED']);
  });

  it('a byte flipped inside the zip file itself: 7-Zip sees a CRC error, verify names the file', async () => {
    const zip = join(await tempDir(), 'damaged.zip');
    const bytes = await readFile(plainZip);
    const at = bytes.indexOf(Buffer.from('IDAT'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 20] = (bytes[at + 20] ?? 0) ^ 0x01;
    await writeFile(zip, bytes);
    const t = seven('t', zip);
    expect(t.status).not.toBe(0);
    expect(t.out).toMatch(/CRC Failed/i);
    const r = await verify(zip);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['HASH_MISMATCH', 'SCREENSHOT_ALTERED']);
  });

  it(
    'a URL changed in the journal, manifests recomputed: ' + 'the bag checks, the signatures and the chain do not',
    async () => {
      const bag = await copyBag(plainBag);
      const path = join(bag, 'data/journal.jsonl');
      const lines = (await readFile(path, 'utf8')).split('\n');
      const n = lines.findIndex((l) => l.includes('"browser.navigated"') && l.includes('post/1'));
      lines[n] = (lines[n] ?? '').replace('post/1', 'post/7');
      await writeFile(path, lines.join('\n'));
      await recomputeManifests(bag);
      expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).status).toBe(0);
      expect(run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], bag).status).toBe(0);
      expect(opensslVerify(bag, 'device').status).not.toBe(0);
      expect(opensslVerify(bag, 'ah').status).not.toBe(0);
      const r = await verify(bag);
      expect(r.code).toBe(1);
      expect(r.codes).toEqual(['BAD_HASH', 'SIGNATURE_INVALID']);
      expect(r.report.problems.find((p) => p.code === 'BAD_HASH')?.where).toBe(`data/journal.jsonl entry ${n}`);
      expect(
        r.report.problems
          .filter((p) => p.code === 'SIGNATURE_INVALID')
          .map((p) => p.where)
          .sort(),
      ).toEqual(['signatures/ah.sig', 'signatures/device.sig']);
    },
  );

  it('the device signature swapped for one made by another key', async () => {
    const bag = await copyBag(plainBag);
    const other = generateSigningKey().signer;
    await writeFile(
      join(bag, 'signatures/device.sig'),
      Buffer.from(other.sign(await readFile(join(bag, 'tagmanifest-sha256.txt'))), 'hex'),
    );
    expect(opensslVerify(bag, 'device').status).not.toBe(0);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['SIGNATURE_INVALID']);
    expect(r.report.problems[0]?.where).toBe('signatures/device.sig');
    expect(r.report.signers.map((s) => `${s.name}:${s.valid}`)).toEqual(['ah:true', 'device:false']);
  });

  it(
    'the device key and signature both swapped for another ' +
      "key (openssl alone is satisfied): not this computer's key",
    async () => {
      const bag = await copyBag(plainBag);
      const other = generateSigningKey().signer;
      await writeFile(
        join(bag, 'signatures/device.sig'),
        Buffer.from(other.sign(await readFile(join(bag, 'tagmanifest-sha256.txt'))), 'hex'),
      );
      await writeFile(join(bag, 'signatures/device.pub.pem'), other.publicKeyPem);
      expect(opensslVerify(bag, 'device').status).toBe(0);
      const r = await verify(bag);
      expect(r.code).toBe(1);
      expect(r.codes).toEqual(['BAD_HEAD', 'DEVICE_KEY_MISMATCH']);
    },
  );

  it("the reviewer's key and signature swapped for another person's: not the key registered for them", async () => {
    const bag = await copyBag(plainBag);
    const other = generateSigningKey().signer;
    await writeFile(
      join(bag, 'signatures/ah.sig'),
      Buffer.from(other.sign(await readFile(join(bag, 'tagmanifest-sha256.txt'))), 'hex'),
    );
    await writeFile(join(bag, 'signatures/ah.pub.pem'), other.publicKeyPem);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['SIGNER_KEY_MISMATCH']);
  });

  it('a screenshot removed', async () => {
    const bag = await copyBag(plainBag);
    const shot = `data/screenshots/${normal.live[1]}.png`;
    await rm(join(bag, shot));
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).status).not.toBe(0);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['FILE_MISSING', 'OXUM_MISMATCH', 'SCREENSHOT_MISSING']);
    expect(r.report.problems.find((p) => p.code === 'FILE_MISSING')?.where).toBe(shot);
  });

  it('the journal cut short (the sign-offs removed), manifests recomputed', async () => {
    const bag = await copyBag(plainBag);
    const path = join(bag, 'data/journal.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    const firstSignoff = lines.findIndex((l) => l.includes('"signoff.signed"'));
    await writeFile(path, `${lines.slice(0, firstSignoff).join('\n')}\n`);
    await recomputeManifests(bag);
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).status).toBe(0);
    expect(opensslVerify(bag, 'device').status).not.toBe(0);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    // The outputs, printed from the whole record, no longer match the journal either.
    expect(r.codes).toEqual([
      'CASE_MISMATCH',
      'INCIDENT_MISMATCH',
      'JOURNAL_HEAD_MISMATCH',
      'NOT_SIGNED_OFF',
      'PDF_MARKS',
      'SIGNATURE_INVALID',
    ]);
    expect(r.report.problems.find((p) => p.code === 'JOURNAL_HEAD_MISMATCH')?.message).toMatch(/cut off/);
  });

  it('an extra file added under data/ (which sha256sum -c alone does not notice)', async () => {
    const bag = await copyBag(plainBag);
    await writeFile(join(bag, 'data/extra-evidence.png'), 'planted');
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).status).toBe(0);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['FILE_UNLISTED', 'OXUM_MISMATCH']);
    expect(r.report.problems.find((p) => p.code === 'FILE_UNLISTED')?.where).toBe('data/extra-evidence.png');
  });

  it('a purged capture put back into the halted bundle, manifests recomputed', async () => {
    const bag = await copyBag(lockedBag);
    await writeFile(join(bag, `data/screenshots/${halted.purged[0]}.png`), 'the purged image');
    await recomputeManifests(bag);
    const r = await verify(bag);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['PURGED_PRESENT', 'SIGNATURE_INVALID']);
  });
});
