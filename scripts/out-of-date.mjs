// Whether a build output is missing or older than the files it is made from, by modification time (npm start, the
// command line's build and the test suite's set-up use it).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Modification times (ms) of every file at or under `path`; none when it does not exist. */
const fileTimes = async (path) => {
  let info;
  try {
    info = await stat(path);
  } catch {
    return [];
  }
  if (!info.isDirectory()) return [info.mtimeMs];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
  return Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
};

/**
 * True when any of `outputs` (paths under `root`) is missing or empty, or when any file of `sources` was changed after
 * the oldest output file was written.
 */
export const outOfDate = async (root, outputs, sources) => {
  const built = await Promise.all(outputs.map((p) => fileTimes(join(root, p))));
  if (built.some((times) => times.length === 0)) return true;
  const oldestOutput = Math.min(...built.flat());
  const sourceTimes = (await Promise.all(sources.map((p) => fileTimes(join(root, p))))).flat();
  return sourceTimes.some((t) => t > oldestOutput);
};
