// Saves the stand-alone HTML verifier the app carries (resources/verifier, built by scripts/build-web-verifier.mjs),
// with its SHA-256 file, to a folder the school chooses, for the police: only after checking that the app's copy is
// still the one the build wrote.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '@shared/result';

export const VERIFIER_FILE = 'countersign-verifier.html';
export const VERIFIER_SHA_FILE = `${VERIFIER_FILE}.sha256`;

export interface SavedVerifier {
  path: string;
  sha256: string;
}

/**
 * Copies the verifier and its SHA-256 file from `from` into `folder`, replacing older copies there. Throws CodedError
 * NOT_FOUND when this build of the app carries no verifier, CORRUPT when its copy no longer has the SHA-256 written
 * beside it, IO_ERROR when the folder cannot be written.
 */
export const saveStandaloneVerifier = async (from: string, folder: string): Promise<SavedVerifier> => {
  const [html, shaLine] = await Promise.all([
    readFile(join(from, VERIFIER_FILE)).catch(() => null),
    readFile(join(from, VERIFIER_SHA_FILE), 'utf8').catch(() => null),
  ]);
  if (!html || shaLine === null)
    throw new CodedError('NOT_FOUND', 'This copy of Countersign does not carry the stand-alone verifier.');
  const sha256 = createHash('sha256').update(html).digest('hex');
  if (shaLine !== `${sha256}  ${VERIFIER_FILE}\n`)
    throw new CodedError(
      'CORRUPT',
      "The app's copy of the stand-alone verifier is not the one it was built with: reinstall Countersign.",
    );
  const path = join(folder, VERIFIER_FILE);
  try {
    await writeFile(path, html);
    await writeFile(join(folder, VERIFIER_SHA_FILE), shaLine);
  } catch (e) {
    throw new CodedError(
      'IO_ERROR',
      `The stand-alone verifier could not be saved in ${folder} (${e instanceof Error ? e.message : String(e)}). ` +
        'Choose another folder.',
    );
  }
  return { path, sha256 };
};
