// A bundle .zip as a BagSource. The central directory is checked before anything is unpacked (names, links,
// duplicates, methods, overlapping entries, zip bombs); plain entries are streamed by yauzl, AES-encrypted ones by
// zip.js, and no entry ever yields more bytes than it declares.
import { openAsBlob } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BlobReader, ZipReader, type Entry as ZipJsEntry, type FileEntry } from '@zip.js/zip.js';
import { fromRandomAccessReaderPromise, RandomAccessReader, type Entry, type ZipFile } from 'yauzl';
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import { utf8Decode } from '@shared/evidence/bundle/bytes';
import { CodedError } from '@shared/result';
import { fileChunks } from './file-chunks';
import type { OpenedBundle } from './folder-source';
import { checkedNames, MAX_FILES, shownName } from './name-rules';

/** Deflate reaches about 1,000 to 1; text in a bundle about 20 to 1: anything over 100 to 1 is built to explode. */
const MAX_RATIO = 100;
const RATIO_FROM = 1024 * 1024;
const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
/** Stored, deflated, or WinZip AES (the real method inside). */
const METHODS = new Set([0, 8, 99]);
const S_IFMT = 0o170000;
const PLAIN_TYPES = new Set([0, 0o100000, 0o040000]);
/** The fixed part of a local file header: an entry's data starts at least this far after its offset. */
const LOCAL_HEADER = 30;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** yauzl reads the zip through this: large reads, the next under way while the last is used. */
class FileRangeReader extends RandomAccessReader {
  constructor(private readonly fh: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(fileChunks(this.fh, start, end), { objectMode: false });
  }
}

interface Listed {
  entry: Entry;
  name: string;
}

/** An entry's name, decoded strictly: one that is not UTF-8 (or not flagged so while not ASCII) is refused. */
const decodedName = (e: Entry, zip: string): string => {
  const raw = e.fileNameRaw;
  const ascii = raw.every((b) => b < 0x80);
  const name = ascii || (e.generalPurposeBitFlag & UTF8_FLAG) !== 0 ? utf8Decode(raw) : null;
  if (name === null)
    throw new CodedError(
      'CORRUPT',
      `${zip} holds a file whose name is not UTF-8 text: it is not a Countersign bundle.`,
    );
  return name;
};

/** Refuses what no Countersign bundle holds and what could make unpacking dangerous, before any byte is inflated. */
const checkEntry = (e: Entry, name: string, zip: string): void => {
  const refuse = (why: string): never => {
    throw new CodedError('CORRUPT', `${zip}: ${shownName(name)} ${why}. It is not unpacked.`);
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
const checkOverlaps = (listed: readonly Listed[], zip: string): void => {
  const byOffset = [...listed].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  for (let i = 1; i < byOffset.length; i++) {
    const a = byOffset[i - 1];
    const b = byOffset[i];
    if (
      a &&
      b &&
      a.entry.relativeOffsetOfLocalHeader + LOCAL_HEADER + a.entry.compressedSize > b.entry.relativeOffsetOfLocalHeader
    )
      throw new CodedError(
        'CORRUPT',
        `${zip}: the data of ${shownName(a.name)} and ${shownName(b.name)} overlap (a "zip bomb" trick). It is not ` +
          'unpacked.',
      );
  }
};

/** The bag's folder: the one top folder every file sits in. */
const rootOf = (files: readonly Listed[], zip: string): string => {
  const roots = new Set(files.map((f) => f.name.split('/')[0]));
  const root = files[0]?.name.split('/')[0] ?? '';
  if (roots.size !== 1 || files.some((f) => !f.name.includes('/')))
    throw new CodedError(
      'CORRUPT',
      `${zip} is not a Countersign bundle: it must hold exactly one folder, named after the incident.`,
    );
  return root;
};

/** A zip.js entry's bytes as chunks; a failure ends the reading even if zip.js leaves its output open. */
async function* zipJsChunks(entry: FileEntry, password: string): AsyncGenerator<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const reader = readable.getReader();
  const finished = entry.getData(writable, { password, useWebWorkers: false, checkSignature: true });
  const failure = finished.then(() => new Promise<never>(() => undefined));
  failure.catch(() => undefined);
  try {
    for (;;) {
      const r = await Promise.race([reader.read(), failure]);
      if (r.done) break;
      yield r.value;
    }
    await finished;
  } finally {
    reader.cancel().catch(() => undefined);
    finished.catch(() => undefined);
  }
}

/** At most `declared` bytes, and exactly that many: an entry that says otherwise is refused as it streams. */
async function* exactly(chunks: AsyncIterable<Uint8Array>, declared: number, name: string): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > declared) throw new Error(`${name} unpacks to more than the ${declared} bytes the zip declares`);
    yield c;
  }
  if (n !== declared) throw new Error(`${name} unpacks to ${n} bytes, not the ${declared} the zip declares`);
}

const listEntries = async (zipfile: ZipFile, zip: string): Promise<Listed[]> => {
  if (zipfile.entryCount > MAX_FILES)
    throw new CodedError(
      'CORRUPT',
      `${zip} holds ${zipfile.entryCount} entries: no bundle holds more than ${MAX_FILES}.`,
    );
  const listed: Listed[] = [];
  for await (const entry of zipfile.eachEntry()) {
    const name = decodedName(entry, zip);
    checkEntry(entry, name, zip);
    listed.push({ entry, name });
  }
  checkedNames(
    listed.map((l) => l.name.replace(/\/$/, '')),
    zip,
  );
  checkOverlaps(listed, zip);
  return listed;
};

/** zip.js's entries by name, to read the encrypted ones; the password is tried on bagit.txt (or the first). */
const openEncrypted = async (
  path: string,
  zip: string,
  password: string | undefined,
  byPath: ReadonlyMap<string, Listed>,
  root: string,
): Promise<{ reader: ZipReader<unknown>; entries: Map<string, FileEntry> }> => {
  if (!password) throw new CodedError('BAD_PASSPHRASE', 'This bundle is locked: give its password.');
  const reader = new ZipReader(new BlobReader(await openAsBlob(path)), { useWebWorkers: false });
  const all: ZipJsEntry[] = await reader.getEntries();
  const entries = new Map(
    all.filter((e): e is FileEntry => !e.directory).map((e) => [e.filename.slice(root.length + 1), e] as const),
  );
  const probe = entries.get(TAG_FILES.bagit) ?? entries.values().next().value;
  const size = byPath.get(TAG_FILES.bagit)?.entry.uncompressedSize ?? 0;
  try {
    if (probe?.encrypted && size < RATIO_FROM) for await (const c of zipJsChunks(probe, password)) void c;
  } catch (e) {
    await reader.close().catch(() => undefined);
    if (/password/i.test(message(e)))
      throw new CodedError('BAD_PASSPHRASE', 'The password is not right for this bundle.');
    throw new CodedError('CORRUPT', `${zip} cannot be read (${message(e)}).`);
  }
  return { reader, entries };
};

/**
 * Opens a bundle zip. Throws CodedError CORRUPT (not a zip, or not one safe bag folder) or BAD_PASSPHRASE (locked,
 * with no password or the wrong one); nothing is unpacked before the whole central directory has been checked.
 */
export const openZip = async (path: string, zip: string, password?: string): Promise<OpenedBundle> => {
  const fh = await open(path, 'r');
  let zipfile: ZipFile | null = null;
  let zipJs: ZipReader<unknown> | null = null;
  try {
    const size = (await fh.stat()).size;
    zipfile = await fromRandomAccessReaderPromise(new FileRangeReader(fh), size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    }).catch((e: unknown) => {
      throw new CodedError('CORRUPT', `${zip} is not a zip file, or it is damaged (${message(e)}).`);
    });
    const listed = await listEntries(zipfile, zip);
    const files = listed.filter((l) => !l.name.endsWith('/'));
    if (files.length === 0) throw new CodedError('CORRUPT', `${zip} is an empty zip: it holds no bundle.`);
    const root = rootOf(files, zip);
    const byPath = new Map(files.map((l) => [l.name.slice(root.length + 1), l] as const));
    const encrypted = files.some((l) => (l.entry.generalPurposeBitFlag & ENCRYPTED_FLAG) !== 0);
    const locked = encrypted ? await openEncrypted(path, zip, password, byPath, root) : null;
    zipJs = locked?.reader ?? null;
    const plain = zipfile;
    return {
      kind: 'zip',
      source: {
        files: new Map([...byPath].map(([p, l]) => [p, l.entry.uncompressedSize])),
        rootName: root,
        stream: async function* (p) {
          const l = byPath.get(p);
          if (!l) throw new Error(`${p} is not in the zip`);
          const declared = l.entry.uncompressedSize;
          if ((l.entry.generalPurposeBitFlag & ENCRYPTED_FLAG) === 0 && l.entry.compressionMethod === 0) {
            // Stored (the screenshots and PDFs, nearly all of a bundle): read straight from the zip in reused
            // buffers, as a folder's files are; the central directory already said it is exactly `declared` long.
            const { fileDataStart } = await plain.readLocalFileHeaderPromise(l.entry, { minimal: true });
            if (l.entry.compressedSize !== declared) throw new Error(`${p} is stored, yet its two sizes differ`);
            yield* exactly(fileChunks(fh, fileDataStart, fileDataStart + declared, true), declared, p);
            return;
          }
          if ((l.entry.generalPurposeBitFlag & ENCRYPTED_FLAG) === 0) {
            const s = await plain.openReadStreamPromise(l.entry);
            try {
              yield* exactly(s, declared, p);
            } finally {
              s.destroy();
            }
            return;
          }
          const e = locked?.entries.get(p);
          if (!e || !password) throw new Error(`${p} is locked and cannot be read`);
          yield* exactly(zipJsChunks(e, password), declared, p);
        },
      },
      close: async () => {
        plain.close();
        await locked?.reader.close().catch(() => undefined);
        await fh.close();
      },
    };
  } catch (e) {
    zipfile?.close();
    await zipJs?.close().catch(() => undefined);
    await fh.close().catch(() => undefined);
    throw e;
  }
};
