// Where the repository is, for tests that read its files (docs, scripts, the renderer's page) wherever they sit.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An absolute path inside the repository, from a path relative to its root. */
export const repoPath = (relative: string): string =>
  fileURLToPath(new URL(relative, new URL('../../', import.meta.url)));
