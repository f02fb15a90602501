// An extracted bundle folder as a BagSource: only plain files with UTF-8 names are listed (no links, pipes or devices),
// and each is streamed from an opened file whose size must still be the one listed.
import { createHash } from 'node:crypto';
import { constants, lstatSync, readdirSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import type { BagSource, DigestWants, FileDigest } from '@shared/evidence/bundle/bag-source';
import { utf8Decode } from '@shared/evidence/bundle/bytes';
import { CodedError } from '@shared/result';
import { readFully } from '../services/durable';
import { fileChunks } from './file-chunks';
import { HASH_IN_THREAD_LIMIT, takeFolderHashPool } from './folder-hash-pool';
import { checkedNames, MAX_FILES, shownName } from '@shared/evidence/bundle/name-rules';

export interface OpenedBundle {
  kind: 'zip' | 'folder';
  source: BagSource;
  close(): Promise<void>;
}

const MAX_DEPTH = 16;

const refuse = (message: string): never => {
  throw new CodedError('CORRUPT', message);
};

/**
 * Every plain file under `dir`, by "/"-separated path, with its size; anything else in the folder is refused. Listed
 * with the synchronous calls: a bag's forty-odd names take well under a millisecond so, and some ten milliseconds of
 * processor time as forty-odd promises (the listing stops at MAX_FILES).
 */
const walk = (dir: string, prefix: string, out: Map<string, number>, depth: number): void => {
  if (depth > MAX_DEPTH) refuse(`The folder ${prefix} is nested more than ${MAX_DEPTH} deep: it is not a bundle.`);
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    const name = utf8Decode(raw);
    if (name === null) refuse(`${prefix || 'The folder'} holds a file whose name is not UTF-8: it is not a bundle.`);
    const rel = prefix ? `${prefix}/${name}` : (name ?? '');
    const full = join(dir, name ?? '');
    const s = lstatSync(full);
    if (s.isSymbolicLink())
      refuse(`${shownName(rel)} is a symbolic link: a bundle holds only plain files, and it is not followed.`);
    else if (s.isDirectory()) walk(full, rel, out, depth + 1);
    else if (s.isFile()) out.set(rel, s.size);
    else refuse(`${shownName(rel)} is not a plain file (a device, pipe or socket): it is not read.`);
    if (out.size > MAX_FILES) refuse(`The folder holds more than ${MAX_FILES} files: it is not a bundle.`);
  }
};

const looksLikeBag = async (dir: string): Promise<boolean> => {
  const names = await readdir(dir).catch((): string[] => []);
  return names.includes(TAG_FILES.bagit) || names.includes(TAG_FILES.bagInfo) || names.includes('data');
};

/** The bag's top folder: the folder itself, or the one folder inside it (a zip extracted as it is). */
const bagRoot = async (dir: string): Promise<string> => {
  if (await looksLikeBag(dir)) return dir;
  const subdirs = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory());
  const only = subdirs[0];
  if (subdirs.length === 1 && only && (await looksLikeBag(join(dir, only.name)))) return join(dir, only.name);
  return dir;
};

/** O_NOFOLLOW where the system has it: a file swapped for a link after the listing is not followed. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export const openFolder = async (path: string): Promise<OpenedBundle> => {
  const root = await bagRoot(path);
  const files = new Map<string, number>();
  walk(root, '', files, 0);
  checkedNames([...files.keys()], path);
  /** A listed file, opened without following a link, whose size must still be the one listed. */
  const openListed = async (p: string) => {
    const size = files.get(p);
    if (size === undefined) throw new Error(`${p} is not in the folder`);
    const fh = await open(join(root, ...p.split('/')), READ_FLAGS);
    const now = (await fh.stat()).size;
    if (now !== size) {
      await fh.close();
      throw new Error(`it is ${now} bytes now, but was ${size} when the folder was listed`);
    }
    return { fh, size };
  };
  const readAll = async (p: string): Promise<Uint8Array> => {
    const { fh, size } = await openListed(p);
    try {
      const out = Buffer.allocUnsafe(size);
      await readFully(fh, out, 0);
      return new Uint8Array(out.buffer, out.byteOffset, size);
    } finally {
      await fh.close();
    }
  };
  /** A small file, read whole and hashed here, with what digestFile keeps of it. */
  const digestHere = async (p: string, want: DigestWants): Promise<FileDigest> => {
    const bytes = await readAll(p);
    const size = bytes.length;
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size,
      bytes: want.keep !== undefined && size <= want.keep ? bytes : null,
      tail: want.tail ? bytes.slice(Math.max(0, size - want.tail)) : null,
      head: want.head ? bytes.slice(0, want.head) : null,
    };
  };
  // Started before any check runs (or earlier, by the command line), so that the workers are ready for the payload.
  const pool = takeFolderHashPool([...files.values()].reduce((n, b) => (b > HASH_IN_THREAD_LIMIT ? n + b : n), 0));
  return {
    kind: 'folder',
    source: {
      files,
      // The size listed is checked again where the file is opened (without following a link), here or by the worker.
      digest: (p, want) => {
        const size = files.get(p) ?? 0;
        return size <= HASH_IN_THREAD_LIMIT
          ? digestHere(p, want)
          : pool.digest(join(root, ...p.split('/')), size, want);
      },
      stream: async function* (p) {
        const { fh, size } = await openListed(p);
        try {
          yield* fileChunks(fh, 0, size, true);
        } finally {
          await fh.close();
        }
      },
      readAll,
    },
    close: () => pool.close(),
  };
};
