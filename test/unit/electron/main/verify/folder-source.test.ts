// Hostile folders: a link, a pipe, a name that is not UTF-8 or holds a backslash, names that differ only in case. Each
// is refused with a clear message (exit 2) before anything is read; a pipe in particular never makes the check wait.
import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode } from '@shared/evidence/bundle/bundle-report';
import { verifyBundleAt } from '@main/verify/verify-report';
import { tempDir } from '@test/helpers/vault';

const bag = async (): Promise<string> => {
  const dir = join(await tempDir(), 'CS-X');
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  return dir;
};

const check = async (path: string) => {
  const r = await verifyBundleAt({ path });
  return { code: exitCode(r), message: r.problems.map((p) => p.message).join('\n') };
};

describe('hostile folders', () => {
  it('a symbolic link (to a file outside the bag) is not followed', async () => {
    const dir = await bag();
    await symlink('/etc/hostname', join(dir, 'data', 'journal.jsonl'));
    const r = await check(dir);
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/"data\/journal.jsonl" is a symbolic link: a bundle holds only plain files/);
  });

  it('a named pipe is refused, not read (reading it would wait for ever)', async () => {
    const dir = await bag();
    expect(spawnSync('mkfifo', [join(dir, 'data', 'urls.csv')]).status).toBe(0);
    const r = await check(dir);
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/"data\/urls.csv" is not a plain file/);
  });

  it('a name that is not UTF-8', async () => {
    const dir = await bag();
    await writeFile(Buffer.from(`${join(dir, 'data')}/bad\xff.txt`, 'latin1'), 'x');
    const r = await check(dir);
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/a file whose name is not UTF-8/);
  });

  it('a backslash in a name, and names that differ only in case', async () => {
    const one = await bag();
    await writeFile(join(one, 'data', 'a\\b.txt'), 'x');
    expect((await check(one)).message).toMatch(/holds a backslash/);
    const two = await bag();
    await writeFile(join(two, 'data', 'x.txt'), 'x');
    await writeFile(join(two, 'data', 'X.txt'), 'y');
    expect((await check(two)).message).toMatch(/holds both "data\/(x|X).txt" and "data\/(x|X).txt"/);
  });
});
