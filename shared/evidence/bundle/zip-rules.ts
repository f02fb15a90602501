// What a bundle zip's central directory may say, checked before any byte is unpacked: the same rules for the command
// line's zip reader (yauzl) and the stand-alone HTML verifier's (zip.js), each describing its entries as a ZipListing.
import { CodedError } from '../../result';
import { utf8Decode } from './bytes';
import { checkedNames, MAX_FILES, shownName } from './name-rules';

/** Deflate reaches about 1,000 to 1; text in a bundle about 20 to 1: anything over 100 to 1 is built to explode. */
export const MAX_RATIO = 100;
export const RATIO_FROM = 1024 * 1024;
export const UTF8_FLAG = 0x800;
export const ENCRYPTED_FLAG = 0x1;
/** Stored, deflated, or WinZip AES (the real method inside). */
const METHODS = new Set([0, 8, 99]);
const S_IFMT = 0o170000;
const PLAIN_TYPES = new Set([0, 0o100000, 0o040000]);
/** The fixed part of a local file header: an entry's data starts at least this far after its offset. */
const LOCAL_HEADER = 30;

/** One central-directory entry, as either zip reader gives it. */
export interface ZipListing {
  /** The name, decoded (decodedZipName). */
  name: string;
  versionMadeBy: number;
  externalFileAttributes: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where its local header starts. */
  offset: number;
  generalPurposeBitFlag: number;
}

/** An entry's name, decoded strictly: one that is not UTF-8 (or not flagged so while not ASCII) is refused. */
export const decodedZipName = (raw: Uint8Array, flags: number, zip: string): string => {
  const ascii = raw.every((b) => b < 0x80);
  const name = ascii || (flags & UTF8_FLAG) !== 0 ? utf8Decode(raw) : null;
  if (name === null)
    throw new CodedError(
      'CORRUPT',
      `${zip} holds a file whose name is not UTF-8 text: it is not a Countersign bundle.`,
    );
  return name;
};

/** Refuses what no Countersign bundle holds and what could make unpacking dangerous, before any byte is inflated. */
const checkEntry = (e: ZipListing, zip: string): void => {
  const refuse = (why: string): never => {
    throw new CodedError('CORRUPT', `${zip}: ${shownName(e.name)} ${why}. It is not unpacked.`);
  };
  const unix = e.versionMadeBy >> 8 === 3;
  const type = (e.externalFileAttributes >>> 16) & S_IFMT;
  if (unix && type === 0o120000) refuse('is a symbolic link, which no bundle holds');
  if (unix && !PLAIN_TYPES.has(type)) refuse('is not a plain file');
  if (!METHODS.has(e.compressionMethod))
    refuse(`is compressed with method ${e.compressionMethod}, which Countersign does not write`);
  if (e.uncompressedSize > RATIO_FROM && e.uncompressedSize > MAX_RATIO * Math.max(1, e.compressedSize))
    refuse(
      `would expand from ${e.compressedSize} to ${e.uncompressedSize} bytes, more than ${MAX_RATIO} times: ` +
        'a "zip bomb"',
    );
};

/** Two entries whose data overlap (the trick of some zip bombs) are refused. */
const checkOverlaps = (listed: readonly ZipListing[], zip: string): void => {
  const byOffset = [...listed].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const a = byOffset[i - 1];
    const b = byOffset[i];
    if (a && b && a.offset + LOCAL_HEADER + a.compressedSize > b.offset)
      throw new CodedError(
        'CORRUPT',
        `${zip}: the data of ${shownName(a.name)} and ${shownName(b.name)} overlap (a "zip bomb" trick). It is not ` +
          'unpacked.',
      );
  }
};

/** Refuses a zip with more entries than any bundle holds, before they are listed. */
export const checkEntryCount = (count: number, zip: string): void => {
  if (count > MAX_FILES)
    throw new CodedError('CORRUPT', `${zip} holds ${count} entries: no bundle holds more than ${MAX_FILES}.`);
};

/** Every entry checked, then the names together (duplicates, case) and the data's extents. */
export const checkListing = (listed: readonly ZipListing[], zip: string): void => {
  for (const e of listed) checkEntry(e, zip);
  checkedNames(
    listed.map((l) => l.name.replace(/\/$/, '')),
    zip,
  );
  checkOverlaps(listed, zip);
};

/** The bag's folder: the one top folder every file sits in. */
export const zipRootOf = (files: readonly ZipListing[], zip: string): string => {
  const roots = new Set(files.map((f) => f.name.split('/')[0]));
  const root = files[0]?.name.split('/')[0] ?? '';
  if (roots.size !== 1 || files.some((f) => !f.name.includes('/')))
    throw new CodedError(
      'CORRUPT',
      `${zip} is not a Countersign bundle: it must hold exactly one folder, named after the incident.`,
    );
  return root;
};

/** At most `declared` bytes, and exactly that many: an entry that says otherwise is refused as it streams. */
export async function* exactly(
  chunks: AsyncIterable<Uint8Array>,
  declared: number,
  name: string,
): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > declared) throw new Error(`${name} unpacks to more than the ${declared} bytes the zip declares`);
    yield c;
  }
  if (n !== declared) throw new Error(`${name} unpacks to ${n} bytes, not the ${declared} the zip declares`);
}
