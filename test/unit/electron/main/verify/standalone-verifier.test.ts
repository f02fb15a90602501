// Saving the stand-alone verifier for the police: the file and its SHA-256 land in the folder chosen, and a copy that
// is no longer the one the build wrote, or none at all, is refused rather than handed on.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveStandaloneVerifier, VERIFIER_FILE, VERIFIER_SHA_FILE } from '@main/verify/standalone-verifier';
import { tempDir } from '@test/helpers/vault';

const HTML = '<!doctype html><title>Check a Countersign evidence bundle</title>\n';
const SHA = createHash('sha256').update(HTML).digest('hex');

/** The app's resources/verifier folder, as the build writes it; `html` replaces the page to spoil it. */
const carried = async (html = HTML): Promise<string> => {
  const dir = await tempDir();
  await writeFile(join(dir, VERIFIER_FILE), html);
  await writeFile(join(dir, VERIFIER_SHA_FILE), `${SHA}  ${VERIFIER_FILE}\n`);
  return dir;
};

describe('saveStandaloneVerifier', () => {
  it('writes the page and its SHA-256 file into the folder, byte for byte, and says the SHA-256', async () => {
    const to = await tempDir();
    const saved = await saveStandaloneVerifier(await carried(), to);
    expect(saved).toEqual({ path: join(to, VERIFIER_FILE), sha256: SHA });
    expect(await readFile(join(to, VERIFIER_FILE), 'utf8')).toBe(HTML);
    expect(await readFile(join(to, VERIFIER_SHA_FILE), 'utf8')).toBe(`${SHA}  ${VERIFIER_FILE}\n`);
  });

  it('refuses to hand on a copy that is not the one the build wrote (CORRUPT), and writes nothing', async () => {
    const to = await tempDir();
    await expect(saveStandaloneVerifier(await carried(HTML.replace('Check', 'Chequer')), to)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringMatching(/not the one it was built with: reinstall Countersign/),
    });
    await expect(readFile(join(to, VERIFIER_FILE))).rejects.toThrow();
  });

  it('says when the app carries no verifier (NOT_FOUND) and when the folder cannot be written (IO_ERROR)', async () => {
    await expect(saveStandaloneVerifier(await tempDir(), await tempDir())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const missing = join(await tempDir(), 'no', 'such', 'folder');
    await expect(saveStandaloneVerifier(await carried(), missing)).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/could not be saved in .*Choose another folder/),
    });
  });
});
