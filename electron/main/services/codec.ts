// The one place vault bytes are encoded on the way to disk and decoded on the way back (encryption at rest plugs in
// here).
/**
 * Bytes `start` to `start + length` of a stored file: read into `into` when given (a buffer the caller reuses, having
 * finished with what the last read gave), else into a buffer of their own.
 */
export type RangeReader = (start: number, length: number, into?: Uint8Array) => Promise<Uint8Array>;

/**
 * How much of a stored file is read, and decrypted, at a time. Each piece decrypted is a fresh buffer (Node's ciphers
 * give nothing else); at 128 KiB glibc serves them again and again from memory it has, where megabyte pieces were
 * fresh pages each time: decryption took half the processor time it took at 1 MiB (README, bench:bundle).
 */
export const CHUNK_BYTES = 128 * 1024;

/**
 * The bytes from `start` to `end` in chunks; each read into `into` when given, so a chunk is valid only until the next
 * is asked for.
 */
export async function* rangeChunks(
  read: RangeReader,
  start: number,
  end: number,
  into?: Uint8Array,
): AsyncGenerator<Uint8Array> {
  for (let at = start; at < end; at += CHUNK_BYTES) yield await read(at, Math.min(CHUNK_BYTES, end - at), into);
}

export interface VaultCodec {
  /** A name for the vault's record of which codec wrote it. */
  readonly id: string;
  /** How many bytes longer a stored file is than the plain file it holds. */
  readonly fileOverhead: number;
  encodeFile(plain: Uint8Array, context: string): Uint8Array;
  /**
   * The plain bytes of a stored file; a codec that decrypts writes them into `into` when given (room for at least the
   * plain file, which the caller reuses) and gives a view of it.
   */
  decodeFile(stored: Uint8Array, context: string, into?: Uint8Array): Uint8Array;
  /**
   * Decodes a stored file in chunks, reading `size` stored bytes through `read`: memory stays flat however large the
   * file. Throws at the end (after the last chunk) if the stored bytes are not intact: the caller discards what it
   * made from them.
   */
  decodeFileChunks(read: RangeReader, size: number, context: string): AsyncGenerator<Uint8Array>;
  /** Journal lines: one encoded line per entry, never containing a newline. */
  encodeLine(plain: string, context: string): string;
  decodeLine(stored: string, context: string): string;
  /** Overwrites the key in memory (on lock); afterwards every use is refused. */
  wipe?(): void;
}

/** Stores bytes as they are; used until encryption at rest is switched on. */
export const plainCodec: VaultCodec = {
  id: 'plain',
  fileOverhead: 0,
  encodeFile: (plain) => plain,
  decodeFile: (stored) => stored,
  decodeFileChunks: (read, size) => rangeChunks(read, 0, size),
  encodeLine: (plain) => {
    if (plain.includes('\n')) throw new Error('a journal line must not contain a newline');
    return plain;
  },
  decodeLine: (stored) => stored,
};
