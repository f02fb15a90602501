// The folder's hashing workers: the same hash, ends and kept bytes as hashing on the main thread, and the same refusals
// of a file changed, cut short or swapped for a link after the folder was listed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestFile, memorySource } from '@shared/evidence/bundle/bag-source';
import { folderHashPool, workersFor, type FolderHashPool } from '@main/verify/folder-hash-pool';
import { openFolder } from '@main/verify/folder-source';
import { nodeVerifierCrypto } from '@main/verify/verify-crypto';
import { tempDir } from '@test/helpers/vault';

// Over 1 MiB, so that the file is read in more than one piece and the ends cross a piece's edge.
const bytes = new Uint8Array(randomBytes(2_500_001));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let pool: FolderHashPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const fileOf = async (b: Uint8Array): Promise<string> => {
  const f = join(await tempDir(), 'f.bin');
  await writeFile(f, b);
  return f;
};

describe.each([
  ['two workers', 2],
  ['this thread and the thread pool', 0],
])('folder hash pool, %s', (_, count) => {
  it('gives what digestFile gives on the main thread: the hash, the ends, the file kept within its limit', async () => {
    const f = await fileOf(bytes);
    pool = folderHashPool(count);
    const want = { tail: 1024 * 1024 + 7, head: 8 };
    const [d, kept, short] = await Promise.all([
      pool.digest(f, bytes.length, want),
      pool.digest(f, bytes.length, { keep: bytes.length }),
      pool.digest(f, bytes.length, { keep: bytes.length - 1 }),
    ]);
    const main = await digestFile(
      { sha256Stream: nodeVerifierCrypto.sha256Stream },
      memorySource(new Map([['f', bytes]])),
      'f',
      want,
    );
    expect(d.sha256).toBe(sha(bytes));
    expect(Buffer.from(d.tail ?? []).equals(Buffer.from(main.tail ?? []))).toBe(true);
    expect(Buffer.from(d.head ?? []).equals(Buffer.from(main.head ?? []))).toBe(true);
    expect(d.bytes).toBeNull();
    expect(Buffer.from(kept.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    expect(short.bytes).toBeNull();
    const empty = await pool.digest(await fileOf(new Uint8Array(0)), 0, { keep: 10, tail: 4, head: 4 });
    expect(empty).toMatchObject({ sha256: sha(new Uint8Array(0)), size: 0 });
  });

  it('refuses a file whose size is no longer the one listed', async () => {
    const f = await fileOf(bytes);
    pool = folderHashPool(count);
    await expect(pool.digest(f, bytes.length + 1, {})).rejects.toThrow(
      /bytes now, but was \d+ when the folder was listed/,
    );
    await truncate(f, 10);
    await expect(pool.digest(f, 10, {})).resolves.toMatchObject({ sha256: sha(bytes.subarray(0, 10)) });
  });

  it('does not follow a file swapped for a link after the folder was listed', async () => {
    const dir = join(await tempDir(), 'CS-X');
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\n');
    await writeFile(join(dir, 'data', 'urls.csv'), 'x');
    const opened = await openFolder(dir);
    try {
      await rm(join(dir, 'data', 'urls.csv'));
      await symlink(join(dir, 'bagit.txt'), join(dir, 'data', 'urls.csv'));
      await expect(digestFile(nodeVerifierCrypto, opened.source, 'data/urls.csv')).rejects.toThrow(/ELOOP|symbolic/);
      pool = folderHashPool(count);
      await expect(pool.digest(join(dir, 'data', 'urls.csv'), 1, {})).rejects.toThrow(/ELOOP|symbolic/);
    } finally {
      await opened.close();
    }
  });

  it('starts workers only for a bag of large files that is worth it, and hashes on with them', async () => {
    const [busy, idle] = [() => false, () => true];
    expect(workersFor(40e6, idle)).toBe(0);
    expect(workersFor(130e6, busy)).toBe(0);
    // A core left idle hashes a bag of this size while the main thread checks the rest (one core alone: no worker).
    expect(workersFor(130e6, idle)).toBe(availableParallelism() > 1 ? 1 : 0);
    expect(workersFor(300 * 1024 * 1024, busy)).toBe(Math.min(2, availableParallelism()));
    const f = await fileOf(bytes);
    pool = folderHashPool(count);
    const first = pool.digest(f, bytes.length, {});
    pool.grow(count + 1);
    const all = await Promise.all([first, ...[1, 2, 3].map(() => pool?.digest(f, bytes.length, { tail: 10 }))]);
    for (const d of all) expect(d?.sha256).toBe(sha(bytes));
  });

  it('refuses work once closed, and a job still waiting when it closes', async () => {
    const f = await fileOf(bytes);
    pool = folderHashPool(count);
    const jobs = [pool.digest(f, bytes.length, {}), pool.digest(f, bytes.length, {})];
    const settled = Promise.allSettled(jobs);
    await pool.close();
    for (const r of await settled) expect(r.status === 'rejected' && String(r.reason)).toMatch(/closed/);
    await expect(pool.digest(f, bytes.length, {})).rejects.toThrow(/closed/);
  });

  it('a file read ahead is taken when the same file and size are asked for, with no more than was read', async () => {
    const f = await fileOf(bytes);
    pool = folderHashPool(count);
    pool.readAhead(f, bytes.length, { head: 8, tail: 1024 });
    const first = await pool.digest(f, bytes.length, { head: 4, tail: 100 });
    expect(first.sha256).toBe(sha(bytes));
    expect(Buffer.from(first.head ?? []).equals(Buffer.from(bytes.subarray(0, 4)))).toBe(true);
    expect(Buffer.from(first.tail ?? []).equals(Buffer.from(bytes.subarray(bytes.length - 100)))).toBe(true);
    // Asking for more than was read ahead (the whole file) reads it again.
    const changed = new Uint8Array(bytes);
    changed[0] = (changed[0] ?? 0) ^ 1;
    await writeFile(f, changed);
    pool.readAhead(f, bytes.length, {});
    const kept = await pool.digest(f, bytes.length, { keep: bytes.length });
    expect(kept.sha256).toBe(sha(changed));
    expect(kept.bytes?.length).toBe(bytes.length);
    // Changed (at the same size) after it was read ahead: the digest is the one read ahead, so it was read once.
    pool.readAhead(f, bytes.length, {});
    await new Promise((r) => setTimeout(r, 200));
    await writeFile(f, bytes);
    expect((await pool.digest(f, bytes.length, {})).sha256).toBe(sha(changed));
    // Read ahead at another size than the one listed: read again.
    pool.readAhead(f, 10, {});
    await expect(pool.digest(f, bytes.length, {})).resolves.toMatchObject({ sha256: sha(bytes) });
  });
});
