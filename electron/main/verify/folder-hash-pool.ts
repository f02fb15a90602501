// Hashes the files of an extracted bundle folder in worker threads, each reading its file where it lies: the hashing
// of a large bag runs on every core, beside the checks on the main thread, with no buffer allocated or copied per file.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DigestWants, FileDigest } from '@shared/evidence/bundle/bag-source';

/**
 * The worker, as a plain script: it needs only fs and crypto, so it is run from this text, the same in the command
 * line, the app and the tests, with nothing to build or find on disk. Each job opens the file without following a
 * link, checks that its size is still the one listed, and reads it in 1 MiB pieces into one buffer it reuses (or
 * into the kept file itself), hashing each as it comes and copying out only the first `head` and last `tail` bytes.
 */
const WORKER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const { closeSync, constants, fstatSync, openSync, readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const CHUNK = 1024 * 1024;
const spare = Buffer.allocUnsafe(CHUNK);
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW || 0);
const copyOverlap = (dst, dstAt, chunk, at) => {
  const from = Math.max(at, dstAt);
  const to = Math.min(at + chunk.length, dstAt + dst.length);
  if (to > from) dst.set(chunk.subarray(from - at, to - at), from - dstAt);
};
const digest = ({ file, size, keep, head, tail }) => {
  const fd = openSync(file, FLAGS);
  try {
    const now = fstatSync(fd).size;
    if (now !== size) throw new Error('it is ' + now + ' bytes now, but was ' + size + ' when the folder was listed');
    const whole = keep ? new Uint8Array(size) : null;
    const first = head ? new Uint8Array(Math.min(head, size)) : null;
    const last = tail ? new Uint8Array(Math.min(tail, size)) : null;
    const h = createHash('sha256');
    for (let at = 0; at < size; ) {
      const n = Math.min(CHUNK, size - at);
      const buf = whole ? whole.subarray(at, at + n) : spare.subarray(0, n);
      const got = readSync(fd, buf, 0, n, at);
      if (got === 0) throw new Error('the file ended before its declared size: it was changed while being read');
      const chunk = buf.subarray(0, got);
      h.update(chunk);
      if (first) copyOverlap(first, 0, chunk, at);
      if (last) copyOverlap(last, size - last.length, chunk, at);
      at += got;
    }
    return { sha256: h.digest('hex'), size, bytes: whole, head: first, tail: last };
  } finally {
    closeSync(fd);
  }
};
parentPort.on('message', (job) => {
  try {
    const d = digest(job);
    const moved = [d.bytes, d.head, d.tail].filter(Boolean).map((b) => b.buffer);
    parentPort.postMessage({ digest: d }, moved);
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
`;

interface Job {
  file: string;
  size: number;
  keep: boolean;
  head?: number;
  tail?: number;
}
type Reply = { digest: FileDigest } | { error: string };

interface Pending {
  job: Job;
  resolve(d: FileDigest): void;
  reject(e: Error): void;
}

export interface FolderHashPool {
  /** Hashes `file` (on disk) as digestFile would the bag's file of `size` bytes. */
  digest(file: string, size: number, want: DigestWants): Promise<FileDigest>;
  /** Ends the workers; a digest still waiting is refused. */
  close(): Promise<void>;
}

/** Two workers on a machine of two cores or more: while both hash, the main thread checks what it has. */
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));

/** A pool of `count` hashing workers, started now so that they are ready by the time the payload is hashed. */
export const folderHashPool = (count = WORKERS): FolderHashPool => {
  const queue: Pending[] = [];
  const slots: { worker: Worker; job: Pending | null }[] = [];
  let closed = false;

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job) continue;
      const p = queue.shift();
      if (!p) return;
      slot.job = p;
      // A worker with a job keeps the process alive; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(p.job);
    }
  };
  const settle = (slot: (typeof slots)[number], outcome: (p: Pending) => void) => {
    const p = slot.job;
    slot.job = null;
    slot.worker.unref();
    if (p) outcome(p);
  };
  for (let i = 0; i < count; i++) {
    const slot = { worker: new Worker(WORKER_SCRIPT, { eval: true }), job: null };
    slot.worker.unref();
    slot.worker.on('message', (r: Reply) => {
      settle(slot, (p) => ('error' in r ? p.reject(new Error(r.error)) : p.resolve(r.digest)));
      dispatch();
    });
    // A worker that dies (out of memory, ended) takes its job with it: that file is reported unreadable, and the
    // worker is given no other.
    slot.worker.on('error', (e) => {
      settle(slot, (p) => p.reject(e));
      slots.splice(slots.indexOf(slot), 1);
      if (slots.length === 0) for (const p of queue.splice(0)) p.reject(e);
      dispatch();
    });
    slots.push(slot);
  }

  return {
    digest: (file, size, want) =>
      new Promise<FileDigest>((resolve, reject) => {
        if (closed || slots.length === 0) {
          reject(new Error('the folder has been closed'));
          return;
        }
        const job: Job = {
          file,
          size,
          keep: want.keep !== undefined && size <= want.keep,
          ...(want.head ? { head: want.head } : {}),
          ...(want.tail ? { tail: want.tail } : {}),
        };
        queue.push({ job, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      const gone = new Error('the folder has been closed');
      for (const p of queue.splice(0)) p.reject(gone);
      for (const slot of slots) settle(slot, (p) => p.reject(gone));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
};
