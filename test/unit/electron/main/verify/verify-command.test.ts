// `countersign verify`: exit codes, the plain-English report, the --json shape, the values from the paper form,
// passwords, folders and unusable input.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '@shared/evidence/bundle/bundle-report';
import { bagFiles, exportBundle } from '@main/export/exporter';
import { verifyCommand } from '@main/verify/verify-command';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';

let built: BuiltIncident;
let plainZip: string;
let lockedZip: string;

const run = async (...argv: string[]) => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await verifyCommand(argv, { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
};

/** A file holding a secret, as someone would save one for --password-file. */
const secretFile = async (text: string): Promise<string> => {
  const p = join(await tempDir(), 'password.txt');
  await writeFile(p, text, { mode: 0o600 });
  return p;
};

/** The bag written out as a folder, as an unzip tool would leave it: <dir>/<ref>/... */
const writeFolder = async (files: { path: string; bytes: Uint8Array }[], ref: string): Promise<string> => {
  const dir = await tempDir();
  for (const f of files) {
    const p = join(dir, ref, ...f.path.split('/'));
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, f.bytes);
  }
  return dir;
};

beforeAll(async () => {
  built = await buildIncident();
  const dir = await tempDir();
  plainZip = (await exportBundle(built.input, join(dir, 'plain.zip'))).path;
  lockedZip = (await exportBundle(built.input, join(dir, 'locked.zip'), { password: 'correct horse battery staple' }))
    .path;
});

describe('countersign verify', () => {
  it('an untouched bundle: exit 0, every check passed, a final VALID line', async () => {
    const r = await run(plainZip);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Incident: ${built.store.ref}`);
    expect(r.out).not.toMatch(/FAILED|NOT CHECKED|not available/);
    expect(r.out.split('\n').at(-1)).toMatch(/^VALID: /);
  });

  it(
    '"Compare with the printed form": the computer\'s key, the record digest, ' +
      "each sign-off key and the sealed head, in the form's order",
    async () => {
      const r = await run(plainZip);
      const entries = built.store.journal.entries;
      const conclusion = entries.find((e) => e.kind === 'conclusion.recorded');
      const last = entries.findLast((e) => e.kind === 'signoff.signed');
      const section = r.out.slice(r.out.indexOf('Compare with the printed form'), r.out.indexOf('Checks:'));
      const values = section
        .split('\n')
        .slice(1)
        .filter((l) => l.trim())
        .map((l) => l.replace(/^ +/, '').replace(/: +/, ': '));
      expect(values).toEqual([
        `Computer's key fingerprint: ${built.vault.device.fingerprint}`,
        `Record digest: ${conclusion?.hash}`,
        `Signed off by A. Head (Headteacher): ${built.staff.ah.fingerprint}`,
        `Signed off by D. Lead (Designated Safeguarding Lead): ${built.staff.ds.fingerprint}`,
        `Record sealed at journal entry: ${last?.seq}, hash ${last?.hash}`,
      ]);
    },
  );

  it(
    '--expect-device, --expect-reviewer (twice) and --expect-digest: matching prefixes ' +
      'exit 0; a wrong one exit 1, named',
    async () => {
      const digest = built.store.journal.entries.find((e) => e.kind === 'conclusion.recorded')?.hash ?? '';
      const good = [
        '--expect-device',
        built.vault.device.fingerprint.slice(0, 16),
        '--expect-reviewer',
        built.staff.ah.fingerprint,
        '--expect-reviewer',
        built.staff.ds.fingerprint.slice(0, 24),
        '--expect-digest',
        digest.slice(0, 32).toUpperCase(),
      ];
      const ok = await run(plainZip, ...good);
      expect(ok.code, ok.out).toBe(0);
      expect(ok.out).toMatch(/passed +The values typed from the printed form match the bundle/);
      expect(ok.out.split('\n').at(-1)).toMatch(/The values typed from the printed form match\.$/);
      const bad = await run(plainZip, ...good.slice(0, 6), '--expect-digest', 'ab'.repeat(8), '--json');
      expect(bad.code).toBe(1);
      const j = JSON.parse(bad.out);
      expect(j.problems.map((p: { code: string }) => p.code)).toEqual(['PIN_MISMATCH']);
      expect(j.problems[0].message).toMatch(/^the record digest typed from the printed form \(abab/);
      expect(j.pins.map((p: { what: string; matched: string | null }) => [p.what, p.matched !== null])).toEqual([
        ['device', true],
        ['reviewer', true],
        ['reviewer', true],
        ['digest', false],
      ]);
    },
  );

  it('a pin shorter than 16 hex digits, or not hex, is bad usage (exit 2)', async () => {
    for (const pin of ['abc123', 'zz'.repeat(10)]) {
      const r = await run(plainZip, '--expect-device', pin);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/16 to 64 hexadecimal digits/);
    }
  });

  it('--json: { valid, formatVersion, knownFormats, ref, problems, checks }', async () => {
    const r = await run(plainZip, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      valid: true,
      status: 'valid',
      formatVersion: 2,
      knownFormats: [1, 2],
      ref: built.store.ref,
      problems: [],
      paper: { device: built.vault.device.fingerprint },
      verdict: expect.stringMatching(/^VALID: /),
    });
    // Every check but the pins, which run only when values from the paper are given, and the time-stamps, listed
    // only for a bundle that carries tokens.
    expect(j.checks.map((c: { id: string }) => c.id)).toEqual(
      Object.keys(CHECKS).filter((id) => id !== 'pins' && id !== 'timestamps'),
    );
    for (const c of j.checks)
      expect(c).toEqual({ id: expect.any(String), title: expect.any(String), result: 'passed' });
    expect(j.signers.map((s: { name: string; valid: boolean }) => `${s.name}:${s.valid}`)).toEqual([
      'ah:true',
      'device:true',
    ]);
  });

  it('an extracted folder verifies the same, given the folder or the bag inside it', async () => {
    const dir = await writeFolder(await bagFiles(built.input), built.store.ref);
    expect((await run(dir)).code).toBe(0);
    expect((await run(join(dir, built.store.ref))).code).toBe(0);
  });

  it('a folder hashed ahead is checked as any other: an altered screenshot is INVALID, a link refused', async () => {
    const files = await bagFiles(built.input);
    const shot = files.find((f) => f.path.startsWith('data/screenshots/'))?.path ?? '';
    const altered = await writeFolder(
      files.map((f) => (f.path === shot ? { ...f, bytes: new Uint8Array(f.bytes).fill(7, 0, 16) } : f)),
      built.store.ref,
    );
    const r = await run(altered);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${shot} has been altered`);
    const linked = await writeFolder(files, built.store.ref);
    const target = join(linked, built.store.ref, ...shot.split('/'));
    await rm(target);
    await symlink(join(linked, built.store.ref, 'bagit.txt'), target);
    const l = await run(linked);
    expect(l.code).toBe(2);
    expect(l.out).toMatch(/is a symbolic link/);
  });

  it('an encrypted bundle: without its password, or with the wrong one, a clear message and exit 2', async () => {
    const none = await run(lockedZip);
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/This bundle is locked: give its password/);
    expect(none.out.split('\n').at(-1)).toMatch(/^NOT CHECKED/);
    expect(none.err).toMatch(/--password-file F or the COUNTERSIGN_BUNDLE_PASSWORD environment variable/);
    const wrong = await run(lockedZip, '--password-file', await secretFile('wrong\n'));
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/The password is not right for this bundle/);
    expect(JSON.parse((await run(lockedZip, '--json')).out).problems[0].code).toBe('BAD_PASSWORD');
    // The whole file is the password, less one final line break (as an editor saves it).
    const right = await run(lockedZip, '--password-file', await secretFile('correct horse battery staple\r\n'));
    expect(right.code).toBe(0);
  });

  it(
    'the password from --password-file (its one line) ' + 'or COUNTERSIGN_BUNDLE_PASSWORD, kept off the command line',
    async () => {
      const file = join(await tempDir(), 'password.txt');
      await writeFile(file, 'correct horse battery staple\n');
      expect((await run(lockedZip, '--password-file', file)).code).toBe(0);
      expect((await run(lockedZip, '--password-file', join(file, 'missing'))).code).toBe(2);
      process.env.COUNTERSIGN_BUNDLE_PASSWORD = 'correct horse battery staple';
      try {
        expect((await run(lockedZip)).code).toBe(0);
      } finally {
        delete process.env.COUNTERSIGN_BUNDLE_PASSWORD;
      }
    },
  );

  it('takes the password from COUNTERSIGN_BUNDLE_PASSWORD, and never from the command line', async () => {
    process.env.COUNTERSIGN_BUNDLE_PASSWORD = 'correct horse battery staple';
    try {
      expect((await run(lockedZip)).code).toBe(0);
    } finally {
      delete process.env.COUNTERSIGN_BUNDLE_PASSWORD;
    }
    for (const argv of [
      [lockedZip, '--password', 'correct horse battery staple'],
      [lockedZip, '--password=correct horse battery staple'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/a password is not taken on the command line, where other users of this computer can see/);
      expect(r.err).toMatch(/--password-file FILE, or set COUNTERSIGN_BUNDLE_PASSWORD/);
    }
  });

  it('a garbage file: exit 2, saying it is not a zip', async () => {
    const p = join(await tempDir(), 'garbage.zip');
    await writeFile(p, 'this is not a zip file at all');
    const r = await run(p);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/is not a zip file, or it is damaged/);
    const j = JSON.parse((await run(p, '--json')).out);
    expect(j).toMatchObject({ valid: false, status: 'unreadable', formatVersion: null, knownFormats: [1, 2] });
    expect(j.problems[0]).toMatchObject({ code: 'UNREADABLE', where: p, message: expect.stringMatching(/not a zip/) });
  });

  it('a path that does not exist: exit 2', async () => {
    const r = await run(join(await tempDir(), 'nothing.zip'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/There is no file or folder/);
  });

  it('bad usage: exit 2 with the usage on stderr', async () => {
    for (const argv of [
      [],
      ['a.zip', 'b.zip'],
      ['--nope', plainZip],
      [plainZip, '--password-file'],
      [plainZip, '--password-file', join(dirname(plainZip), 'no-such-file')],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.length, argv.join(' ')).toBeGreaterThan(0);
      expect(r.out).toBe('');
    }
  });

  it('a bundle from a newer format: exit 2, naming the formats this verifier knows', async () => {
    const files = (await bagFiles(built.input)).map((f) =>
      f.path === 'bag-info.txt'
        ? {
            ...f,
            bytes: new Uint8Array(
              Buffer.from(
                Buffer.from(f.bytes).toString().replace('Countersign-Bundle-Format: 2', 'Countersign-Bundle-Format: 7'),
              ),
            ),
          }
        : f,
    );
    const dir = await writeFolder(files, built.store.ref);
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/format 7, made by a newer Countersign; this verifier knows format 1, 2/);
    expect(JSON.parse((await run(dir, '--json')).out)).toMatchObject({
      formatVersion: 7,
      knownFormats: [1, 2],
      status: 'unreadable',
    });
  });
});
