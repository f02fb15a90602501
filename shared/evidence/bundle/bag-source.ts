// Where the verifier reads a bag from (a zip, a folder, memory): each file streamed in chunks, never past its declared
// size.

/**
 * The files of a bag. Every file is read as a stream, so that no file, however large, is held in memory whole; the
 * source stops at the file's declared size and fails when the bytes run past it or stop short of it. A chunk is valid
 * until the next is asked for (a source may reuse its buffers): whoever keeps bytes copies them.
 */
export interface BagSource {
  /** Every file, by path relative to the bag's top folder, with its declared size in bytes (a zip's central directory,
   *  a folder's stat), known before anything is read. */
  files: ReadonlyMap<string, number>;
  /** The file's bytes in order, in chunks. Throws when the bytes do not come to exactly the declared size. */
  stream(path: string): AsyncIterable<Uint8Array>;
  /** The whole file in one buffer of exactly its declared size, where the source can read it so more cheaply. */
  readAll?(path: string): Promise<Uint8Array>;
  /** The name of the bag's top folder, when there is one (a zip's top folder, or the folder's name). */
  rootName?: string;
  /**
   * The file hashed by the source itself, where it can do so more cheaply than chunk by chunk on the calling thread
   * (an extracted folder in Node: worker threads that read and hash each file where it lies), with the same checks of
   * its declared size as `stream`. digestFile uses it when it is there.
   */
  digest?(path: string, want: DigestWants): Promise<FileDigest>;
}

/** What digestFile keeps of a file besides its hash: the whole file when within `keep` bytes, its first and last. */
export interface DigestWants {
  keep?: number;
  tail?: number;
  head?: number;
}

/** SHA-256 fed in pieces, so that a file is hashed as it streams (Node's crypto, or a JavaScript hash in a browser). */
export interface Sha256Stream {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

export interface StreamHashPort {
  sha256Stream(): Sha256Stream;
  /**
   * SHA-256 of bytes held whole, where the engine can do it off the calling thread (WebCrypto's digest in Node and in
   * browsers): the verifier then hashes several small files at once while it reads the next.
   */
  sha256Async?(bytes: Uint8Array): Promise<string>;
  /** The largest file read whole for sha256Async (WHOLE_FILE_HASH when not said): larger ones stream. */
  wholeFileLimit?: number;
  /** SHA-1, where the engine has its own (case.jsonld's node ids are name-based UUIDs): a JavaScript one otherwise. */
  sha1?(bytes: Uint8Array): Uint8Array;
}

/** Files up to this size are read whole and hashed by sha256Async, when the port has it; larger ones stream. */
export const WHOLE_FILE_HASH = 4 * 1024 * 1024;

/** Thrown when a file is larger than the verifier reads into memory for a file of its kind. */
export class TooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${path} is ${size} bytes, more than the ${limit} bytes this verifier reads for a file of its kind`);
  }
}

const concat = (parts: readonly Uint8Array[], total: number): Uint8Array => {
  if (parts.length === 1 && parts[0]?.length === total) return parts[0];
  if (parts.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A whole file, refused before reading (TooLargeError) when its declared size is over `limit`. */
export const readWhole = async (source: BagSource, path: string, limit: number): Promise<Uint8Array> => {
  const size = source.files.get(path);
  if (size === undefined) throw new Error(`${path} is not in the bag`);
  if (size > limit) throw new TooLargeError(path, size, limit);
  if (source.readAll) return source.readAll(path);
  const out = new Uint8Array(size);
  let total = 0;
  for await (const chunk of source.stream(path)) {
    if (total + chunk.length > size) throw new Error(`${path} holds more bytes than its declared ${size}`);
    out.set(chunk, total);
    total += chunk.length;
  }
  return total === size ? out : out.slice(0, total);
};

export interface FileDigest {
  sha256: string;
  size: number;
  /** The whole file, when it was asked for (`keep`) and no larger than that. */
  bytes: Uint8Array | null;
  /** The last `tail` bytes of the file (all of it when it is shorter), when asked for. */
  tail: Uint8Array | null;
  /** The first `head` bytes of the file, when asked for. */
  head: Uint8Array | null;
}

/** The last `n` bytes seen, kept in one buffer of n bytes however the chunks fall. */
class TailWindow {
  private readonly buf: Uint8Array;
  private filled = 0;

  constructor(private readonly n: number) {
    this.buf = new Uint8Array(n);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length >= this.n) {
      this.buf.set(chunk.subarray(chunk.length - this.n));
      this.filled = this.n;
      return;
    }
    const keep = Math.min(this.filled, this.n - chunk.length);
    this.buf.copyWithin(0, this.filled - keep, this.filled);
    this.buf.set(chunk, keep);
    this.filled = keep + chunk.length;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.filled);
  }
}

/**
 * Hashes a file as it streams. It keeps the whole file only when asked and when its declared size is within `keep`,
 * and the last `tail` bytes when asked, so memory stays bounded whatever the file's size.
 */
export const digestFile = async (
  hash: StreamHashPort,
  source: BagSource,
  path: string,
  want: DigestWants = {},
): Promise<FileDigest> => {
  const declared = source.files.get(path);
  if (declared === undefined) throw new Error(`${path} is not in the bag`);
  if (source.digest) return source.digest(path, want);
  const whole = hash.wholeFileLimit ?? WHOLE_FILE_HASH;
  if (hash.sha256Async && declared <= whole) {
    const bytes = await readWhole(source, path, whole);
    if (bytes.length !== declared) throw new Error(`${path} holds ${bytes.length} bytes, not its declared ${declared}`);
    return {
      sha256: await hash.sha256Async(bytes),
      size: declared,
      bytes: want.keep !== undefined && declared <= want.keep ? bytes : null,
      tail: want.tail ? bytes.slice(Math.max(0, declared - want.tail)) : null,
      head: want.head ? bytes.slice(0, want.head) : null,
    };
  }
  const keepAll = want.keep !== undefined && declared <= want.keep;
  const tail = want.tail ? new TailWindow(want.tail) : null;
  const head = want.head ? new Uint8Array(Math.min(want.head, declared)) : null;
  const h = hash.sha256Stream();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.stream(path)) {
    size += chunk.length;
    if (size > declared) throw new Error(`${path} holds more bytes than its declared ${declared}`);
    h.update(chunk);
    if (keepAll) parts.push(chunk.slice());
    tail?.push(chunk);
    const before = size - chunk.length;
    if (head && before < head.length) head.set(chunk.subarray(0, head.length - before), before);
  }
  if (size !== declared) throw new Error(`${path} holds ${size} bytes, not its declared ${declared}`);
  return {
    sha256: h.digestHex(),
    size,
    bytes: keepAll ? concat(parts, size) : null,
    tail: tail?.bytes() ?? null,
    head,
  };
};

/** Bytes `start` to `start + length` of a file (fewer at its end), reading through it without keeping the rest. */
export const readRange = async (
  source: BagSource,
  path: string,
  start: number,
  length: number,
): Promise<Uint8Array> => {
  const out = new Uint8Array(length);
  let at = 0;
  let got = 0;
  for await (const chunk of source.stream(path)) {
    const from = Math.max(0, start - at);
    const to = Math.min(chunk.length, start + length - at);
    if (to > from) {
      out.set(chunk.subarray(from, to), got);
      got += to - from;
    }
    at += chunk.length;
    if (at >= start + length) break;
  }
  return out.slice(0, got);
};

/** A bag held in memory (tests, and a browser that has the files already). */
export const memorySource = (files: ReadonlyMap<string, Uint8Array>, rootName?: string): BagSource => ({
  files: new Map([...files].map(([p, b]) => [p, b.length])),
  stream: async function* (p) {
    const b = files.get(p);
    if (!b) throw new Error(`${p} is not in the bag`);
    // In pieces, as a real source gives them, so that the verifier's streaming paths are the ones tested.
    for (let at = 0; at < b.length; at += 64 * 1024) yield b.subarray(at, at + 64 * 1024);
  },
  ...(rootName !== undefined ? { rootName } : {}),
});
