// Opens an evidence bundle for checking: a .zip (AES-encrypted or not) or an extracted folder, as a BagSource.
import { openAsBlob } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { BlobReader, Uint8ArrayWriter, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import type { BagSource } from '@shared/evidence/bundle/bag-source';
import { CodedError } from '@shared/result';

export interface OpenedBundle {
  kind: 'zip' | 'folder';
  source: BagSource;
  close(): Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A zip entry name is safe to treat as a bag path: relative, "/"-separated, no "." or ".." parts. */
const safeName = (name: string): boolean =>
  !name.startsWith('/') &&
  !name.includes('\\') &&
  !/^[A-Za-z]:/.test(name) &&
  name.split('/').every((s) => s !== '..' && s !== '.' && s !== '');

const openZip = async (path: string, password: string | undefined): Promise<OpenedBundle> => {
  const reader = new ZipReader(new BlobReader(await openAsBlob(path)), { useWebWorkers: false });
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (e) {
    await reader.close().catch(() => undefined);
    throw new CodedError('CORRUPT', `${path} is not a zip file, or it is damaged (${message(e)}).`);
  }
  const fail = async (code: 'CORRUPT' | 'BAD_PASSPHRASE', text: string): Promise<never> => {
    await reader.close().catch(() => undefined);
    throw new CodedError(code, text);
  };
  const files = entries.filter((e): e is FileEntry => !e.directory);
  if (files.length === 0) return fail('CORRUPT', `${path} is an empty zip: it holds no bundle.`);
  const bad = entries.find((e) => !safeName(e.filename.replace(/\/$/, '')));
  if (bad)
    return fail(
      'CORRUPT',
      `${path} holds a file with an unsafe name ("${bad.filename}"): it is not a Countersign bundle.`,
    );
  const roots = new Set(files.map((e) => e.filename.split('/')[0]));
  const root = files[0]?.filename.split('/')[0] ?? '';
  if (roots.size !== 1 || files.some((e) => !e.filename.includes('/'))) {
    return fail(
      'CORRUPT',
      `${path} is not a Countersign bundle: it must hold exactly one folder, named after the incident.`,
    );
  }
  const byPath = new Map<string, FileEntry>();
  for (const e of files) {
    const p = e.filename.slice(root.length + 1);
    if (byPath.has(p)) return fail('CORRUPT', `${path} holds ${e.filename} twice: it is ambiguous which one to check.`);
    byPath.set(p, e);
  }
  const read = (e: FileEntry) =>
    e.getData(new Uint8ArrayWriter(), { ...(password ? { password } : {}), useWebWorkers: false });
  const encrypted = files.filter((e) => e.encrypted);
  if (encrypted.length > 0) {
    if (!password) return fail('BAD_PASSPHRASE', 'This bundle is encrypted: give the password that came with it.');
    const probe = byPath.get(TAG_FILES.bagit) ?? encrypted[0];
    try {
      if (probe) await read(probe);
    } catch (e) {
      if (/password/i.test(message(e))) return fail('BAD_PASSPHRASE', 'The password is not right for this bundle.');
      return fail('CORRUPT', `${path} cannot be read (${message(e)}).`);
    }
  }
  return {
    kind: 'zip',
    source: {
      files: new Map([...byPath].map(([p, e]) => [p, e.uncompressedSize])),
      read: async (p) => {
        const e = byPath.get(p);
        if (!e) throw new Error(`${p} is not in the zip`);
        return read(e);
      },
      rootName: root,
    },
    close: () => reader.close(),
  };
};

const walk = async (dir: string, prefix: string, out: Map<string, number>): Promise<void> => {
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, d.name);
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    const s = d.isSymbolicLink() ? await stat(full).catch(() => null) : null;
    if (d.isDirectory() || s?.isDirectory()) await walk(full, rel, out);
    else if (d.isFile() || s?.isFile()) out.set(rel, (s ?? (await stat(full))).size);
  }
};

const looksLikeBag = async (dir: string): Promise<boolean> => {
  const names = await readdir(dir).catch((): string[] => []);
  return names.includes(TAG_FILES.bagit) || names.includes(TAG_FILES.bagInfo) || names.includes('data');
};

/** The bag's top folder: the folder itself, or the one folder inside it (a zip extracted as it is). */
const bagRoot = async (dir: string): Promise<string> => {
  if (await looksLikeBag(dir)) return dir;
  const subdirs = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory());
  const only = subdirs[0];
  if (subdirs.length === 1 && only && (await looksLikeBag(join(dir, only.name)))) return join(dir, only.name);
  return dir;
};

const openFolder = async (path: string): Promise<OpenedBundle> => {
  const root = await bagRoot(path);
  const files = new Map<string, number>();
  await walk(root, '', files);
  return {
    kind: 'folder',
    source: {
      files,
      read: async (p) => {
        if (!files.has(p)) throw new Error(`${p} is not in the folder`);
        return new Uint8Array(await readFile(join(root, ...p.split('/'))));
      },
    },
    close: async () => undefined,
  };
};

/**
 * Opens a bundle. Throws CodedError NOT_FOUND (no such file), CORRUPT (not a zip, or not one bag
 * folder) or BAD_PASSPHRASE (encrypted with no password, or the wrong one).
 */
export const openBundle = async (path: string, password?: string): Promise<OpenedBundle> => {
  const full = resolve(path);
  const s = await stat(full).catch(() => null);
  if (!s) throw new CodedError('NOT_FOUND', `There is no file or folder ${path}.`);
  if (s.isDirectory()) return openFolder(full);
  if (!s.isFile()) throw new CodedError('CORRUPT', `${basename(path)} is neither a file nor a folder.`);
  return openZip(full, password);
};
