// The one place vault bytes are encoded on the way to disk and decoded on the way back (encryption at rest plugs in
// here).
export interface VaultCodec {
  /** A name for the vault's record of which codec wrote it. */
  readonly id: string;
  encodeFile(plain: Uint8Array, context: string): Uint8Array;
  decodeFile(stored: Uint8Array, context: string): Uint8Array;
  /** Journal lines: one encoded line per entry, never containing a newline. */
  encodeLine(plain: string, context: string): string;
  decodeLine(stored: string, context: string): string;
  /** Overwrites the key in memory (on lock); afterwards every use is refused. */
  wipe?(): void;
}

/** Stores bytes as they are; used until encryption at rest is switched on. */
export const plainCodec: VaultCodec = {
  id: 'plain',
  encodeFile: (plain) => plain,
  decodeFile: (stored) => stored,
  encodeLine: (plain) => {
    if (plain.includes('\n')) throw new Error('a journal line must not contain a newline');
    return plain;
  },
  decodeLine: (stored) => stored,
};
