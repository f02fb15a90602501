// The repository stands alone: a clone with nothing beside it has every file its tests, scripts and documents read or
// name. The one exception is the helper that finds optional outside tools, whose tests are skipped without them.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@test/helpers/repo';

const SKIP = new Set(['node_modules', '.git', 'out', 'dist']);
/** Finds ../shared/tools on a developer's machine and skips, saying why, when it is absent. */
const ALLOWED = new Set(['test/helpers/outside-tools.ts']);

const textFiles = async (dir: string): Promise<{ path: string; text: string }[]> => {
  const out: { path: string; text: string }[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, d.name);
    // In a git worktree, .git is a file naming the main checkout.
    if (SKIP.has(d.name)) continue;
    if (d.isDirectory()) {
      out.push(...(await textFiles(full)));
      continue;
    }
    if (!d.isFile()) continue;
    const bytes = await readFile(full);
    if (bytes.subarray(0, 8000).includes(0)) continue;
    out.push({ path: relative(REPO_ROOT, full).split(sep).join('/'), text: bytes.toString('utf8') });
  }
  return out;
};

const root = resolve(REPO_ROOT);
const inside = (p: string): boolean => p === root || p.startsWith(`${root}${sep}`);

/** Each place a file reaches outside the repository, as "path:line: text". */
const outsideReferences = (file: { path: string; text: string }): string[] =>
  file.text.split('\n').flatMap((line, i) => {
    const where = `${file.path}:${i + 1}: ${line.trim()}`;
    const upward = [...line.matchAll(/(?:\.\.[\\/])+shared\b/g)].some(
      (m) => !inside(resolve(REPO_ROOT, dirname(file.path), m[0])),
    );
    const joined = /['"]\.\.['"]\s*,\s*['"]shared['"]/.test(line);
    const design = /\bDESIGN(?:\.md|\s+(?:section\s+)?\d)/.test(line);
    const absolute = /(?:^|[\s'"`(])\/work\//.test(line);
    return upward || joined || design || absolute ? [where] : [];
  });

describe('the repository', async () => {
  const files = await textFiles(REPO_ROOT);

  it('names and reads nothing outside itself: no ../shared, no design document, no absolute /work path', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.filter((f) => !ALLOWED.has(f.path)).flatMap(outsideReferences)).toEqual([]);
  });

  it('has the policy texts and the practice sites its tests and the app use', () => {
    const paths = new Set(files.map((f) => f.path));
    expect([...paths].filter((p) => /^test\/fixtures\/policies\/\d{3}_[0-9a-f]{16}\.txt$/.test(p))).toHaveLength(5);
    expect(paths.has('test/fixtures/policies/README.md')).toBe(true);
    expect(paths.has('resources/practice/index.html')).toBe(true);
  });
});
