// Temporary folders for tests, each recorded so that test/temp-dirs-setup.ts removes it once its test file ends. No
// other imports: the set-up runs before every test file, and a module it loads is loaded before that file's mocks.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every folder tempDir made in this test file. */
export const madeTempDirs = new Set<string>();

export const tempDir = async (prefix = 'cs-test-'): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  madeTempDirs.add(dir);
  return dir;
};
