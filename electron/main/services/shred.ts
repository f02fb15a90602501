// Shredding: a file's bytes overwritten with zeros and synced before its name is removed, then the folder synced.
import { open, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDir } from './durable';

/**
 * Overwrites then removes one file. On flash storage and journalling file systems the old blocks may survive an
 * overwrite; what makes them unreadable is that every vault file is encrypted (docs/data-protection.md).
 */
export const shredFile = async (path: string): Promise<void> => {
  const h = await open(path, 'r+').catch(() => null);
  if (!h) return;
  try {
    const { size } = await h.stat();
    if (size > 0) await h.write(Buffer.alloc(size), 0, size, 0);
    await h.sync();
  } finally {
    await h.close();
  }
  await rm(path, { force: true });
};

/** Shreds every file under a folder, then removes the folder and syncs its parent. */
export const shredTree = async (dir: string): Promise<number> => {
  let count = 0;
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else {
        await shredFile(path);
        count += 1;
      }
    }
  };
  await walk(dir);
  await rm(dir, { recursive: true, force: true });
  await syncDir(dirname(dir));
  return count;
};
