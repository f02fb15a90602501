// Byte search of a folder tree, as an examiner would run grep over a disk: finds a marker in UTF-8 or UTF-16LE.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `root` (following no links) whose bytes contain the marker in UTF-8 or UTF-16LE. */
export const filesContaining = async (root: string, marker: string): Promise<string[]> => {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  const hits: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) {
        const size = (await stat(path).catch(() => null))?.size ?? 0;
        if (size === 0 || size > 512 * 1024 * 1024) continue;
        const bytes = await readFile(path).catch(() => null);
        if (bytes && needles.some((n) => bytes.includes(n))) hits.push(path);
      }
    }
  };
  await walk(root);
  return hits;
};
