// Runs a built CommonJS script through vm.Script with V8's code cache, kept in a folder of the user's own under the
// system's temporary folder (never beside the bundle checked): the next run deserialises the compiled code instead of
// parsing and compiling it again. NODE_DISABLE_COMPILE_CACHE (Node's own switch) turns it off.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isAscii } from 'node:buffer';
import { constants, Script } from 'node:vm';

/**
 * The cache folder, made for this user only; null when it cannot be trusted (a link, someone else's, or writable by
 * others), since code read from it runs as the one who checks the bundle.
 */
const cacheDir = () => {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `countersign-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    if (!s.isDirectory() || (uid !== undefined && (s.uid !== uid || (s.mode & 0o077) !== 0))) return null;
    return dir;
  } catch {
    return null;
  }
};

/**
 * Runs the script at `file` as a CommonJS module and returns its exports, with `saveCache()` to call once the work is
 * done (so that the cache holds the functions that ran as well as the top level). A cache that cannot be read or
 * written is no failure: the script is compiled as if there were none.
 */
export const runCached = (file) => {
  const bytes = readFileSync(file);
  // The build writes it in ASCII: read so, it is a one-byte string that V8 takes without converting it.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const dir = cacheDir();
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(bytes).digest('hex');
  const cacheFile = dir && join(dir, `${basename(file)}-${key.slice(0, 32)}.v8`);
  let cachedData;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  // Node's own CommonJS wrapper, so that the script sees what a required module would.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    if (!cacheFile || (cachedData && !script.cachedDataRejected)) return;
    try {
      const temp = `${cacheFile}.${process.pid}`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      renameSync(temp, cacheFile);
      // The caches of earlier builds of the same script are of no further use once a day old: a younger one may be
      // another checkout's, run in turn with this one (bench:verify's BEFORE), which would otherwise compile anew.
      const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
      for (const old of readdirSync(dir)) {
        if (!old.startsWith(`${basename(file)}-`) || old === basename(cacheFile)) continue;
        const path = join(dir, old);
        if ((lstatSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) < dayAgo) rmSync(path, { force: true });
      }
    } catch {
      // Not cached this time: the next run compiles the script again.
    }
  };
  return { exports: module.exports, saveCache };
};
