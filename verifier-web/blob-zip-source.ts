// A bundle .zip chosen in the browser, as a BagSource: the central directory checked by the same rules as the command
// line's (shared/evidence/bundle/zip-rules.ts) before anything is unpacked, then each entry streamed by zip.js from
// the file on disk, never held whole and never past its declared size.
import { BlobReader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js/lib/zip-native.js';
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import type { OpenedBag } from '@shared/evidence/bundle/verify-opened';
import { CodedError } from '@shared/result';
import {
  checkEntryCount,
  checkListing,
  decodedZipName,
  exactly,
  RATIO_FROM,
  zipRootOf,
  type ZipListing,
} from '@shared/evidence/bundle/zip-rules';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Listed {
  entry: Entry;
  listing: ZipListing;
}

const listed = (entry: Entry, zip: string): Listed => {
  const flags = entry.rawBitFlag ?? 0;
  return {
    entry,
    listing: {
      // The name from the central directory's own bytes: zip.js would prefer a "Unicode path" extra field, which the
      // command line's reader ignores, so a bundle could otherwise show different names to each.
      name: decodedZipName(entry.rawFilename, flags, zip),
      versionMadeBy: entry.versionMadeBy,
      externalFileAttributes: entry.externalFileAttributes,
      // zip.js gives the method inside an AES entry; the rules accept both it and the AES marker (99).
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      offset: entry.offset,
      generalPurposeBitFlag: flags,
    },
  };
};

/** An entry's bytes as chunks; a failure ends the reading even if zip.js leaves its output open. */
async function* entryChunks(entry: FileEntry, password: string | undefined): AsyncGenerator<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const reader = readable.getReader();
  const finished = entry.getData(writable, {
    useWebWorkers: false,
    // An AES entry's signature authenticates it under the password; a plain entry's CRC-32 is skipped, as the command
    // line's reader skips it: the SHA-256 of every file is checked against the signed manifests, which is stronger.
    checkSignature: password !== undefined,
    ...(password !== undefined ? { password } : {}),
  });
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

/** The password tried on bagit.txt (or the first file), as the command line does, before any check runs. */
const tryPassword = async (byPath: ReadonlyMap<string, Listed>, zip: string, password: string | undefined) => {
  if (!password) throw new CodedError('BAD_PASSPHRASE', 'This bundle is locked: give its password.');
  const probe = byPath.get(TAG_FILES.bagit) ?? byPath.values().next().value;
  if (!probe || !probe.entry.encrypted || probe.entry.directory || probe.listing.uncompressedSize >= RATIO_FROM) return;
  try {
    for await (const c of entryChunks(probe.entry, password)) void c;
  } catch (e) {
    if (/password/i.test(message(e)))
      throw new CodedError('BAD_PASSPHRASE', 'The password is not right for this bundle.');
    throw new CodedError('CORRUPT', `${zip} cannot be read (${message(e)}).`);
  }
};

/**
 * Opens a bundle zip held in a Blob (a File the user chose). Throws CodedError CORRUPT (not a zip, or not one safe bag
 * folder) or BAD_PASSPHRASE (locked, with no password or the wrong one).
 */
export const openZipBlob = async (blob: Blob, zip: string, password?: string): Promise<OpenedBag> => {
  // zip.js's own name checks are turned off: the shared rules refuse the same names and more, worded as the command
  // line words them.
  const reader = new ZipReader(new BlobReader(blob), { useWebWorkers: false, filenameValidation: 'tolerant' });
  try {
    let entries: Entry[];
    try {
      entries = await reader.getEntries();
    } catch (e) {
      throw new CodedError('CORRUPT', `${zip} is not a zip file, or it is damaged (${message(e)}).`);
    }
    checkEntryCount(entries.length, zip);
    const all = entries.map((e) => listed(e, zip));
    checkListing(
      all.map((l) => l.listing),
      zip,
    );
    const files = all.filter((l) => !l.listing.name.endsWith('/'));
    if (files.length === 0) throw new CodedError('CORRUPT', `${zip} is an empty zip: it holds no bundle.`);
    const root = zipRootOf(
      files.map((l) => l.listing),
      zip,
    );
    const byPath = new Map(files.map((l) => [l.listing.name.slice(root.length + 1), l] as const));
    if (files.some((l) => l.entry.encrypted)) await tryPassword(byPath, zip, password);
    return {
      source: {
        files: new Map([...byPath].map(([p, l]) => [p, l.listing.uncompressedSize])),
        rootName: root,
        stream: async function* (p) {
          const l = byPath.get(p);
          if (!l || l.entry.directory) throw new Error(`${p} is not in the zip`);
          yield* exactly(entryChunks(l.entry, l.entry.encrypted ? password : undefined), l.listing.uncompressedSize, p);
        },
      },
      close: async () => {
        await reader.close().catch(() => undefined);
      },
    };
  } catch (e) {
    await reader.close().catch(() => undefined);
    throw e;
  }
};
