// Opens an evidence bundle for checking: a .zip (AES-encrypted or not) or an extracted folder, as a BagSource.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CodedError } from '@shared/result';
import { openFolder, type OpenedBundle } from './folder-source';

export type { OpenedBundle } from './folder-source';

/**
 * Opens a bundle. Throws CodedError NOT_FOUND (no such file), CORRUPT (not a zip, not one bag folder, or a file it
 * will not read: a link, a pipe, a hostile name, a zip bomb) or BAD_PASSPHRASE (locked, with no password or the wrong
 * one).
 */
export const openBundle = async (path: string, password?: string): Promise<OpenedBundle> => {
  const full = resolve(path);
  const s = await stat(full).catch(() => null);
  if (!s) throw new CodedError('NOT_FOUND', `There is no file or folder ${path}.`);
  if (s.isDirectory()) return openFolder(full);
  if (!s.isFile()) throw new CodedError('CORRUPT', `${basename(path)} is neither a file nor a folder.`);
  // Loaded only for a zip: checking a folder needs neither yauzl nor zip.js.
  const { openZip } = await import('./zip-source');
  return openZip(full, path, password);
};
