// A bundle .zip as a BagSource. The central directory is checked before anything is unpacked (names, links,
// duplicates, methods, overlapping entries, zip bombs); plain entries are streamed by yauzl, AES-encrypted ones by
// zip.js, and no entry ever yields more bytes than it declares.
import { openAsBlob } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BlobReader, ZipReader, type Entry as ZipJsEntry, type FileEntry } from '@zip.js/zip.js';
import { fromRandomAccessReaderPromise, RandomAccessReader, type Entry, type ZipFile } from 'yauzl';
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import { CodedError } from '@shared/result';
import { fileChunks } from './file-chunks';
import type { OpenedBundle } from './folder-source';
import {
  checkEntryCount,
  checkListing,
  decodedZipName,
  exactly,
  ENCRYPTED_FLAG,
  RATIO_FROM,
  zipRootOf,
  type ZipListing,
} from '@shared/evidence/bundle/zip-rules';

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

const listing = ({ entry: e, name }: Listed): ZipListing => ({
  name,
  versionMadeBy: e.versionMadeBy,
  externalFileAttributes: e.externalFileAttributes,
  compressionMethod: e.compressionMethod,
  compressedSize: e.compressedSize,
  uncompressedSize: e.uncompressedSize,
  offset: e.relativeOffsetOfLocalHeader,
  generalPurposeBitFlag: e.generalPurposeBitFlag,
});

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

const listEntries = async (zipfile: ZipFile, zip: string): Promise<Listed[]> => {
  checkEntryCount(zipfile.entryCount, zip);
  const listed: Listed[] = [];
  for await (const entry of zipfile.eachEntry())
    listed.push({ entry, name: decodedZipName(entry.fileNameRaw, entry.generalPurposeBitFlag, zip) });
  checkListing(listed.map(listing), zip);
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
    const root = zipRootOf(files.map(listing), zip);
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
