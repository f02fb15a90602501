// Hostile folders: a link, a pipe, a name that is not UTF-8 or holds a backslash, names that differ only in case. Each
// is refused with a clear message (exit 2) before anything is read; a pipe in particular never makes the check wait.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestFile, memorySource } from '@shared/evidence/bundle/bag-source';
import { exitCode } from '@shared/evidence/bundle/bundle-report';
import { nodeVerifierCrypto } from '@main/verify/verify-crypto';
import { openFolder } from '@main/verify/folder-source';
import { HASH_IN_THREAD_LIMIT } from '@main/verify/folder-hash-pool';
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

describe("a folder's files hashed where they lie", () => {
  it('small ones where they are read, large ones by the pool, each as digestFile hashes it in memory', async () => {
    const dir = await bag();
    const files = new Map([
      ['data/small.pdf', randomBytes(5000)],
      ['data/screenshots/large.png', randomBytes(HASH_IN_THREAD_LIMIT + 4097)],
    ]);
    for (const [p, b] of files) {
      await mkdir(join(dir, p, '..'), { recursive: true });
      await writeFile(join(dir, p), b);
    }
    const opened = await openFolder(dir);
    try {
      const memory = memorySource(files);
      for (const want of [{}, { keep: 1 << 30 }, { keep: 100 }, { head: 8, tail: 3000 }])
        for (const p of files.keys())
          expect(await digestFile(nodeVerifierCrypto, opened.source, p, want)).toEqual(
            await digestFile(nodeVerifierCrypto, memory, p, want),
          );
    } finally {
      await opened.close();
    }
  });

  it('refuses a small file that grew after the listing, or was swapped for a link', async () => {
    const dir = await bag();
    await writeFile(join(dir, 'data', 'journal.jsonl'), '{}\n');
    await writeFile(join(dir, 'data', 'incident.json'), '{}');
    const opened = await openFolder(dir);
    try {
      await appendFile(join(dir, 'data', 'journal.jsonl'), '{}\n');
      await expect(digestFile(nodeVerifierCrypto, opened.source, 'data/journal.jsonl')).rejects.toThrow(
        /it is 6 bytes now, but was 3/,
      );
      await rm(join(dir, 'data', 'incident.json'));
      await symlink(join(dir, 'bagit.txt'), join(dir, 'data', 'incident.json'));
      await expect(digestFile(nodeVerifierCrypto, opened.source, 'data/incident.json')).rejects.toThrow(/ELOOP/);
    } finally {
      await opened.close();
    }
  });
});
