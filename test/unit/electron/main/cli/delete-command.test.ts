// `countersign delete`: two people's passphrase files delete an incident of an encrypted vault and write the
// destruction certificate; one person cannot; `check` then passes and reports the tombstone.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpVault, startIncident } from '@main/services/access';
import { runCli } from '@test/helpers/cli';
import { tempDir } from '@test/helpers/vault';
import { STAFF, testDeps } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

describe('countersign delete', () => {
  it('needs two people, then deletes, writes the certificate, and check reports the tombstone', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const open = await setUpVault(
      dataDir,
      { organisation: 'Brindlewick', computer: { name: 'LAPTOP-1', location: 'Safe' }, profileId: 'swgfl-template' },
      [...STAFF],
      testDeps(),
    );
    const [A, B] = [STAFF[0].passphrase, STAFF[1].passphrase];
    const store = await startIncident(open, [A, B], {
      reason: 'Posts reported by a parent',
      subject: { kind: 'pupil', ref: 'P-9' },
      category: 'Cyberbullying',
      practice: false,
    });
    const [f, g] = [join(root, 'a.txt'), join(root, 'b.txt')];
    await writeFile(f, `${A}\n`);
    await writeFile(g, `${B}\n`);
    const out = join(root, 'out');
    const base = ['delete', '--data', dataDir, '--ref', store.ref, '--reason', 'Opened in error', '--out', out];

    const alone = await runCli([...base, '--passphrase-file', f]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/two people/);
    const twice = await runCli([...base, '--passphrase-file', f, '--passphrase-file', f]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/same person/);
    expect(await readdir(join(dataDir, 'incidents'))).toEqual([store.ref]);

    const done = await runCli([...base, '--passphrase-file', f, '--passphrase-file', g]);
    expect(done.code, done.stderr).toBe(0);
    expect(await readdir(join(dataDir, 'incidents'))).toEqual([]);
    const pdf = join(out, `${store.ref}-destruction-certificate.pdf`);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    // poppler's pdftotext, as anyone checking the certificate might read it.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Certificate of destruction: incident ${store.ref}`);
    expect(text).toContain('Opened in error');
    expect(text).toContain(STAFF[1].name);
    const check = await runCli(['check', '--data', dataDir, '--passphrase-file', g]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`DELETED ${store.ref}`);
    expect(check.stdout).toContain('Opened in error');
  });
});
