// Starts hashing an extracted bundle folder's payload while the command line is still loading the verifier, so that
// the hashing (nearly all of a large bag's work) runs beside that loading instead of after it.
import { lstatSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MAX_FILES } from '@shared/evidence/bundle/name-rules';
import {
  earlyFolderHashPool,
  HASH_IN_THREAD_LIMIT,
  startFolderHashPool,
  workersFor,
  type FolderHashPool,
} from './folder-hash-pool';
import { verifyFolderArgument } from './verify-arguments';

/**
 * What the checks ask of a PDF besides its hash (its first bytes and its last MiB: payload-hashes-check.ts and
 * READ_LIMITS.pdfTail). Written out here because loading those modules is the wait this saves; should they ask for
 * more, a PDF is simply read again.
 */
const PDF_WANTS = { head: 8, tail: 1024 * 1024 };

/** The files under `dir`, largest first, so that the hashers finish together; anything but a plain file is left. */
const plainFiles = (dir: string, depth: number, out: { file: string; size: number }[]): void => {
  for (const name of readdirSync(dir)) {
    // A folder of more files than a bundle may hold is refused by the verifier: nothing is read ahead of it.
    if (out.length > MAX_FILES) throw new Error('too many files');
    const file = join(dir, name);
    const s = lstatSync(file);
    if (s.isFile()) out.push({ file, size: s.size });
    else if (s.isDirectory() && depth > 0) plainFiles(file, depth - 1, out);
  }
};

/** The folder's bag: itself when it holds data/, or the one folder inside it that does (as folder-source.ts finds). */
const payloadFolder = (path: string): string | null => {
  const names = readdirSync(path);
  if (names.includes('data')) return join(path, 'data');
  const dirs = readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory());
  const only = dirs[0];
  if (dirs.length !== 1 || !only) return null;
  return readdirSync(join(path, only.name)).includes('data') ? join(path, only.name, 'data') : null;
};

/** The folder last read ahead, and into which pool: a pool not yet taken by the verifier is not given it twice. */
let readAhead: { folder: string; pool: FolderHashPool } | null = null;

/**
 * Starts the hashing (workers, or this thread for a smaller bag) and reads ahead the payload of the folder at `path`.
 * Nothing here decides anything: the verifier lists and checks the folder itself, and takes a result read ahead only
 * for the same file at the same size (folder-hash-pool.ts); a folder it refuses ends the hashing, and whatever it was
 * reading with it.
 */
export const readFolderAhead = (path: string): void => {
  const folder = resolve(path);
  // The command line's entry has already listed this folder into the pool, before the verifier's code was read.
  if (readAhead?.folder === folder && readAhead.pool === earlyFolderHashPool()) return;
  // Listed at once (some forty names): awaited, the listing would wait for the verifier's code to be run first.
  try {
    const data = payloadFolder(folder);
    if (!data) return;
    const files: { file: string; size: number }[] = [];
    plainFiles(data, 1, files);
    // The PDFs and the screenshots are nearly all the bytes; the few other files are read whole by the checks anyway,
    // and the small ones are hashed where they are read.
    const bulk = files.filter(
      ({ file, size }) => size > HASH_IN_THREAD_LIMIT && (file.endsWith('.pdf') || dirname(file) !== data),
    );
    const pool = startFolderHashPool(workersFor(bulk.reduce((n, f) => n + f.size, 0)));
    readAhead = { folder, pool };
    for (const { file, size } of bulk.sort((a, b) => b.size - a.size))
      pool.readAhead(file, size, file.endsWith('.pdf') ? PDF_WANTS : {});
  } catch {
    // A folder that cannot be listed is the verifier's to report.
  }
};

/**
 * For the command line's entry (bin/countersign.mjs), before it reads the verifier's code: starts hashing the folder
 * that `verify`'s arguments (those after the command's name) name, if they name one.
 */
export const readAheadForArguments = (argv: readonly string[]): void => {
  const folder = verifyFolderArgument(argv);
  if (folder !== null) readFolderAhead(folder);
};
