// Hashes one of a folder's files on this thread, for a bag too small to be worth starting a worker (one costs some
// 45 ms of processor time, a third of the hashing of a 130 MB bag): each piece of the file is hashed here while the
// next is read on Node's thread pool. (WebCrypto's digest would hash on the pool, but it first copies the whole file
// into fresh memory, on this thread, which costs as much as hashing it.)
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { FileDigest } from '@shared/evidence/bundle/bag-source';
import { readFully } from '../services/durable';

/** A file to hash, as listed: its size, whether to keep it whole, and how many of its first and last bytes to keep. */
export interface DigestJob {
  file: string;
  size: number;
  keep: boolean;
  head?: number;
  tail?: number;
}

/** Files hashed at once: while one's piece is hashed, the other's is read. */
export const THREAD_JOBS = 2;

const PIECE = 1024 * 1024;
/** Read buffers given back by the files hashed, for the next: fresh memory costs a page fault every 4 KiB. */
const spare: Uint8Array[] = [];
/** O_NOFOLLOW where the system has it: a file swapped for a link after the listing is not followed. */
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** The first `head` and last `tail` bytes of a file held whole, copied out of it. */
const endsOf = (whole: Uint8Array, job: DigestJob): Pick<FileDigest, 'head' | 'tail'> => ({
  head: job.head ? whole.slice(0, job.head) : null,
  tail: job.tail ? whole.slice(Math.max(0, whole.length - job.tail)) : null,
});

/** A file kept whole for the checks that read it (within their limits, far below the memory allowed). */
const digestKept = async (fh: FileHandle, job: DigestJob): Promise<FileDigest> => {
  const whole = new Uint8Array(job.size);
  await readFully(fh, whole, 0);
  return {
    sha256: createHash('sha256').update(whole).digest('hex'),
    size: job.size,
    bytes: whole,
    ...endsOf(whole, job),
  };
};

/** Streams the file in pieces, hashing each while the next is read; stops once `stillOpen()` is false. */
const digestStreamed = async (fh: FileHandle, job: DigestJob, stillOpen: () => boolean): Promise<FileDigest> => {
  const { size } = job;
  const h = createHash('sha256');
  const head = job.head ? new Uint8Array(Math.min(job.head, size)) : null;
  const tail = job.tail ? new Uint8Array(Math.min(job.tail, size)) : null;
  const tailFrom = size - (tail?.length ?? 0);
  const buffers = [spare.pop() ?? Buffer.allocUnsafeSlow(PIECE), spare.pop() ?? Buffer.allocUnsafeSlow(PIECE)];
  const readPiece = (at: number, i: number) => {
    const piece = (buffers[i % 2] ?? new Uint8Array(0)).subarray(0, Math.min(PIECE, size - at));
    return readFully(fh, piece, at).then(() => piece);
  };
  let next = readPiece(0, 0);
  try {
    for (let at = 0, i = 0; at < size; i++) {
      const piece = await next;
      if (!stillOpen()) throw new Error('the folder has been closed');
      const after = at + piece.length;
      // The other buffer is free again: its piece was hashed before this one was awaited.
      if (after < size) next = readPiece(after, i + 1);
      h.update(piece);
      if (head && at < head.length) head.set(piece.subarray(0, head.length - at), at);
      if (tail && after > tailFrom) {
        const from = Math.max(at, tailFrom);
        tail.set(piece.subarray(from - at), from - tailFrom);
      }
      at = after;
    }
  } finally {
    // A read still under way when this stopped early writes into its buffer: it is waited for before both go back.
    await next.catch(() => undefined);
    spare.push(...buffers);
  }
  return { sha256: h.digest('hex'), size, bytes: null, head, tail };
};

/**
 * Hashes the file as the folder's hashing worker would: opened without following a link, its size checked against
 * the one listed, then read to exactly that size.
 */
export const digestInThread = async (job: DigestJob, stillOpen: () => boolean): Promise<FileDigest> => {
  const fh = await open(job.file, FLAGS);
  try {
    const now = (await fh.stat()).size;
    if (now !== job.size) throw new Error(`it is ${now} bytes now, but was ${job.size} when the folder was listed`);
    return job.keep ? await digestKept(fh, job) : await digestStreamed(fh, job, stillOpen);
  } finally {
    await fh.close();
  }
};
