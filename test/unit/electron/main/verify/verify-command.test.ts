// `countersign verify`: exit codes, the plain-English report, the --json shape, passwords, folders and unusable input.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
    expect(r.out).not.toMatch(/FAILED|not checked/);
    expect(r.out.split('\n').at(-1)).toMatch(/^VALID: /);
  });

  it('--json: { valid, formatVersion, knownFormats, ref, problems, checks }', async () => {
    const r = await run(plainZip, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      valid: true,
      status: 'valid',
      formatVersion: 1,
      knownFormats: [1],
      ref: built.store.ref,
      problems: [],
    });
    expect(j.checks.length).toBeGreaterThanOrEqual(10);
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

  it('an encrypted bundle: without its password, or with the wrong one, a clear message and exit 2', async () => {
    const none = await run(lockedZip);
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/This bundle is encrypted: give its password with --password/);
    expect(none.out.split('\n').at(-1)).toMatch(/^INVALID/);
    const wrong = await run(lockedZip, '--password', 'wrong');
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/The password is not right for this bundle/);
    expect(JSON.parse((await run(lockedZip, '--json')).out).problems[0].code).toBe('BAD_PASSWORD');
    const right = await run(lockedZip, '--password', 'correct horse battery staple');
    expect(right.code).toBe(0);
  });

  it('a garbage file: exit 2, saying it is not a zip', async () => {
    const p = join(await tempDir(), 'garbage.zip');
    await writeFile(p, 'this is not a zip file at all');
    const r = await run(p);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/is not a zip file, or it is damaged/);
    const j = JSON.parse((await run(p, '--json')).out);
    expect(j).toMatchObject({ valid: false, status: 'unreadable', formatVersion: null, knownFormats: [1] });
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
      [plainZip, '--password'],
      [plainZip, '--password', ''],
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
                Buffer.from(f.bytes).toString().replace('Countersign-Bundle-Format: 1', 'Countersign-Bundle-Format: 7'),
              ),
            ),
          }
        : f,
    );
    const dir = await writeFolder(files, built.store.ref);
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/format 7, made by a newer Countersign; this verifier knows format 1/);
    expect(JSON.parse((await run(dir, '--json')).out)).toMatchObject({
      formatVersion: 7,
      knownFormats: [1],
      status: 'unreadable',
    });
  });
});
