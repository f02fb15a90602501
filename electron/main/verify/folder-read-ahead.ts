// Starts hashing an extracted bundle folder's payload while the command line is still loading the verifier, so that
// the hashing (nearly all of a large bag's work) runs beside that loading instead of after it.
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { HASH_IN_THREAD_LIMIT, startFolderHashPool, type FolderHashPool } from './folder-hash-pool';

/**
 * What the checks ask of a PDF besides its hash (its first bytes and its last MiB: payload-hashes-check.ts and
 * READ_LIMITS.pdfTail). Written out here because loading those modules is the wait this saves; should they ask for
 * more, a PDF is simply read again.
 */
const PDF_WANTS = { head: 8, tail: 1024 * 1024 };

/** The files under `dir`, largest first, so that the two workers finish together; anything but a plain file is left. */
const plainFiles = async (dir: string, depth: number, out: { file: string; size: number }[]): Promise<void> => {
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const s = await lstat(file);
    if (s.isFile()) out.push({ file, size: s.size });
    else if (s.isDirectory() && depth > 0) await plainFiles(file, depth - 1, out);
  }
};

/** The folder's bag: itself when it holds data/, or the one folder inside it that does (as folder-source.ts finds). */
const payloadFolder = async (path: string): Promise<string | null> => {
  const names = await readdir(path);
  if (names.includes('data')) return join(path, 'data');
  const dirs = (await readdir(path, { withFileTypes: true })).filter((d) => d.isDirectory());
  const only = dirs[0];
  if (dirs.length !== 1 || !only) return null;
  return (await readdir(join(path, only.name))).includes('data') ? join(path, only.name, 'data') : null;
};

/**
 * Starts the hashing workers and reads ahead the payload of the folder at `path`. Nothing here decides anything: the
 * verifier lists and checks the folder itself, and takes a result read ahead only for the same file at the same size
 * (folder-hash-pool.ts); a folder it refuses ends the workers, and whatever they were reading with them.
 */
export const readFolderAhead = async (path: string): Promise<void> => {
  const pool: FolderHashPool = startFolderHashPool();
  try {
    const data = await payloadFolder(resolve(path));
    if (!data) return;
    const files: { file: string; size: number }[] = [];
    await plainFiles(data, 1, files);
    // The PDFs and the screenshots are nearly all the bytes; the few other files are read whole by the checks anyway,
    // and the small ones are hashed where they are read.
    const bulk = files.filter(
      ({ file, size }) => size > HASH_IN_THREAD_LIMIT && (file.endsWith('.pdf') || dirname(file) !== data),
    );
    for (const { file, size } of bulk.sort((a, b) => b.size - a.size))
      pool.readAhead(file, size, file.endsWith('.pdf') ? PDF_WANTS : {});
  } catch {
    // A folder that cannot be listed is the verifier's to report.
  }
};
