// Vitest set-up, run in each test file: the temporary folders the file's tests made (tempDir) are removed once they
// end. Left behind, they filled a developer's disk (some 35 GB over a few hundred runs).
import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { madeTempDirs } from '@test/helpers/temp-dirs';

afterAll(async () => {
  const dirs = [...madeTempDirs];
  madeTempDirs.clear();
  // A folder a test made read-only, or one a child process still holds open, must not fail the file: it is left.
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined)));
});
