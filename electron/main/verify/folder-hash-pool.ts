// Hashes the files of an extracted bundle folder beside the checks: a large bag in worker threads, each reading its
// file where it lies, so that the hashing runs on every core; a smaller one, not worth a worker's start, on this thread
// as Node's own thread pool reads it (folder-thread-digest.ts).
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { DigestWants, FileDigest } from '@shared/evidence/bundle/bag-source';
import { digestInThread, THREAD_JOBS, type DigestJob } from './folder-thread-digest';

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

type Reply = { digest: FileDigest } | { error: string };

interface Pending {
  job: DigestJob;
  resolve(d: FileDigest): void;
  reject(e: Error): void;
}

export interface FolderHashPool {
  /** Hashes `file` (on disk) as digestFile would the bag's file of `size` bytes. */
  digest(file: string, size: number, want: DigestWants): Promise<FileDigest>;
  /**
   * Starts hashing `file` before anyone asks for it, behind every file asked for. A later digest of the same file and
   * size that wants no more than `want` keeps takes this result; any other is read again.
   */
  readAhead(file: string, size: number, want: DigestWants): void;
  /** Starts workers, up to `count` in all: for a bag whose large files take far longer to hash than one starts. */
  grow(count: number): void;
  /** Ends the workers; a digest still waiting is refused. */
  close(): Promise<void>;
}

/** Whether a digest made with `have` holds all that one asking for `want` needs, for a file of `size` bytes. */
const covers = (have: DigestWants, size: number, want: DigestWants): boolean =>
  (want.keep === undefined || size > want.keep || (have.keep !== undefined && size <= have.keep)) &&
  Math.min(want.head ?? 0, size) <= Math.min(have.head ?? 0, size) &&
  Math.min(want.tail ?? 0, size) <= Math.min(have.tail ?? 0, size);

/** A digest cut down to what `want` asked for, as if it had been made for it. */
const trimmed = (d: FileDigest, size: number, want: DigestWants): FileDigest => {
  const tail = want.tail ? Math.min(want.tail, size) : 0;
  return {
    sha256: d.sha256,
    size: d.size,
    bytes: want.keep !== undefined && size <= want.keep ? d.bytes : null,
    head: want.head ? (d.head?.slice(0, Math.min(want.head, size)) ?? null) : null,
    tail: want.tail ? (d.tail?.slice(d.tail.length - tail) ?? null) : null,
  };
};

/**
 * Files up to this size are hashed on the calling thread as they are read (folder-source.ts), not given to a worker:
 * they take well under a millisecond there, and the checks that read them then never wait behind a large file.
 */
export const HASH_IN_THREAD_LIMIT = 1024 * 1024;

/** Two workers on a machine of two cores or more: while both hash, the main thread checks what it has. */
export const WORKERS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * Bytes of large files from which workers are started. Starting one costs some 45 ms of processor time (the internal
 * modules it compiles), which hashes about 50 MB: below this the files are hashed on this thread as the thread pool
 * reads them, and the bag is checked with less processor time in all, which is what a busy computer's scheduler shares
 * out.
 */
export const WORKERS_FROM = 256 * 1024 * 1024;

/**
 * From here, one worker when a core is idle: it hashes on that core while this thread loads and checks the rest. On a
 * 130 MB bag, quiet 2-core machine: 260 and 292 ms with it, against 285 and 308 ms on this thread (10 ms more
 * processor time). On a busy machine there is no idle core to gain, only the worker's start to pay.
 */
export const ONE_WORKER_FROM = 64 * 1024 * 1024;

/** Whether a core is idle: the last minute's load average is below the number of cores (Windows gives 0: it is). */
export const coreIdle = (): boolean => (loadavg()[0] ?? 0) < availableParallelism();

/** How many workers a bag with `bytes` in files over HASH_IN_THREAD_LIMIT is worth: none hashes it in this thread. */
export const workersFor = (bytes: number, idle: () => boolean = coreIdle): number =>
  bytes >= WORKERS_FROM ? WORKERS : bytes >= ONE_WORKER_FROM && WORKERS > 1 && idle() ? 1 : 0;

/** Node's worker threads, loaded when the first worker starts: 3 ms at each start, which a smaller bag never uses. */
const workerThreads = () => process.getBuiltinModule('node:worker_threads');

/**
 * A pool of `count` hashing workers, started now so that they are ready by the time the payload is hashed; with none,
 * the files are hashed on this thread, THREAD_JOBS at a time, as the thread pool reads them.
 */
export const folderHashPool = (count = WORKERS): FolderHashPool => {
  /** Files asked for, before files read ahead. */
  const queue: Pending[] = [];
  const aheadQueue: Pending[] = [];
  const ahead = new Map<string, { size: number; want: DigestWants; result: Promise<FileDigest> }>();
  /** A worker, or (worker null) one job at a time on this thread. */
  const slots: { worker: Worker | null; job: Pending | null }[] = [];
  let closed = false;

  const runHere = (slot: (typeof slots)[number], p: Pending) => {
    const done = (outcome: (p: Pending) => void) => {
      // A job the pool's closing has already refused is not settled twice.
      if (slot.job === p) settle(slot, outcome);
      dispatch();
    };
    digestInThread(p.job, () => !closed).then(
      (d) => done((q) => q.resolve(d)),
      (e: unknown) => done((q) => q.reject(e instanceof Error ? e : new Error(String(e)))),
    );
  };
  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job) continue;
      const p = queue.shift() ?? aheadQueue.shift();
      if (!p) return;
      slot.job = p;
      if (!slot.worker) {
        runHere(slot, p);
        continue;
      }
      // A worker with a job keeps the process alive; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(p.job);
    }
  };
  const settle = (slot: (typeof slots)[number], outcome: (p: Pending) => void) => {
    const p = slot.job;
    slot.job = null;
    slot.worker?.unref();
    if (p) outcome(p);
  };
  const addWorker = () => {
    const { Worker } = workerThreads();
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
      if (slots.length === 0) for (const p of [...queue.splice(0), ...aheadQueue.splice(0)]) p.reject(e);
      dispatch();
    });
    slots.push(slot);
  };
  const workers = () => slots.filter((s) => s.worker).length;
  for (let i = 0; i < count; i++) addWorker();
  if (count === 0) for (let i = 0; i < THREAD_JOBS; i++) slots.push({ worker: null, job: null });

  const enqueue = (into: Pending[], file: string, size: number, want: DigestWants) =>
    new Promise<FileDigest>((resolve, reject) => {
      if (closed || slots.length === 0) {
        reject(new Error('the folder has been closed'));
        return;
      }
      const job: DigestJob = {
        file,
        size,
        keep: want.keep !== undefined && size <= want.keep,
        ...(want.head ? { head: want.head } : {}),
        ...(want.tail ? { tail: want.tail } : {}),
      };
      into.push({ job, resolve, reject });
      dispatch();
    });

  return {
    digest: (file, size, want) => {
      const read = ahead.get(file);
      ahead.delete(file);
      if (read && read.size === size && covers(read.want, size, want))
        return read.result.then((d) => trimmed(d, size, want));
      return enqueue(queue, file, size, want);
    },
    readAhead: (file, size, want) => {
      if (closed || ahead.has(file)) return;
      const result = enqueue(aheadQueue, file, size, want);
      // A file read ahead that nobody asks for (or the folder closed first) is no failure.
      result.catch(() => undefined);
      ahead.set(file, { size, want, result });
    },
    grow: (want) => {
      for (let i = workers(); !closed && i < want; i++) addWorker();
      dispatch();
    },
    close: async () => {
      closed = true;
      ahead.clear();
      const gone = new Error('the folder has been closed');
      for (const p of [...queue.splice(0), ...aheadQueue.splice(0)]) p.reject(gone);
      for (const slot of slots) settle(slot, (p) => p.reject(gone));
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
};

/** A pool started before the verifier's code was loaded, waiting for the folder it was started for. */
let early: FolderHashPool | null = null;

/**
 * Starts the pool now, with `count` workers, while the command line loads the verifier, so that it is hashing when the
 * folder is opened. An early pool nobody takes keeps nothing alive: idle workers are unreferenced.
 */
export const startFolderHashPool = (count: number): FolderHashPool => {
  early ??= folderHashPool(count);
  return early;
};

/** The pool started early that no folder has taken yet, if any. */
export const earlyFolderHashPool = (): FolderHashPool | null => early;

/** The pool started early, once, or else a new one, with as many workers as `bytes` of large files are worth. */
export const takeFolderHashPool = (bytes: number): FolderHashPool => {
  const pool = early ?? folderHashPool(workersFor(bytes));
  early = null;
  pool.grow(workersFor(bytes));
  return pool;
};

/**
 * Ends the pool started early if no folder took it (the command ended before opening one: a usage mistake, a pin that
 * is no fingerprint), so that the process does not stay to hash a folder nobody checks.
 */
export const endUntakenFolderHashPool = async (): Promise<void> => {
  const pool = early;
  early = null;
  await pool?.close();
};
