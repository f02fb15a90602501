// Hostile zips, made with Python's zipfile and patched by hand: each is refused with a clear message and exit 1 or 2,
// before anything is unpacked; none crashes the verifier or makes it hang or hold the file.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode } from '@shared/evidence/bundle/bundle-report';
import { exportBundle } from '@main/export/exporter';
import { verifyBundleAt } from '@main/verify/verify-report';
import { buildIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

/** Writes a zip with Python's zipfile: `entries` is Python code adding entries to the ZipFile `z`. */
const pyZip = async (entries: string): Promise<string> => {
  const path = join(await tempDir(), 'hostile.zip');
  const program = `import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n${entries
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
  const r = spawnSync('python3', ['-W', 'ignore', '-c', program, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return path;
};

const BAG = `z.writestr('CS-X/bagit.txt', 'BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n')`;

const check = async (path: string) => {
  const started = Date.now();
  const r = await verifyBundleAt({ path });
  return { r, code: exitCode(r), message: r.problems.map((p) => p.message).join('\n'), ms: Date.now() - started };
};

describe('hostile zips are refused before anything is unpacked', () => {
  const cases: [string, string, RegExp][] = [
    [
      'an absolute path',
      `${BAG}\nz.writestr('/etc/evil', 'x')`,
      /"\/etc\/evil", which is not safe: it is an absolute path/,
    ],
    ['a path that climbs out', `${BAG}\nz.writestr('CS-X/../../evil', 'x')`, /climbs out of its folder/],
    ['a backslash', `${BAG}\nz.writestr('CS-X\\\\data\\\\x.txt', 'x')`, /holds a backslash/],
    ['a drive letter', `${BAG}\nz.writestr('C:/evil', 'x')`, /absolute path/],
    [
      'a control character',
      `${BAG}\nz.writestr('CS-X/data/a\\x1bb', 'x')`,
      /"CS-X\/data\/a\\u001bb".*control character/,
    ],
    [
      'a symbolic link',
      `${BAG}\ni = zipfile.ZipInfo('CS-X/data/link')\ni.create_system = 3\n` +
        `i.external_attr = 0o120777 << 16\nz.writestr(i, '/etc/passwd')`,
      /is a symbolic link/,
    ],
    ['the same name twice', `${BAG}\n${BAG}`, /holds "CS-X\/bagit.txt" twice/],
    [
      'names that differ only in case',
      `${BAG}\nz.writestr('CS-X/data/a.txt', 'x')\nz.writestr('CS-X/data/A.txt', 'y')`,
      /holds both "CS-X\/data\/a.txt" and "CS-X\/data\/A.txt"/,
    ],
  ];

  for (const [what, entries, message] of cases) {
    it(what, async () => {
      const { code, message: said } = await check(await pyZip(entries));
      expect(code).toBe(2);
      expect(said).toMatch(message);
    });
  }

  it('a zip bomb: 200 MiB of zeros in about 200 kB is refused as one, without inflating it', async () => {
    const path = await pyZip(
      `${BAG}\nz.writestr(zipfile.ZipInfo('CS-X/data/big.bin'), bytes(200 * 1024 * 1024), ` +
        'compress_type=zipfile.ZIP_DEFLATED)',
    );
    const { code, message, ms } = await check(path);
    expect(code).toBe(2);
    expect(message).toMatch(/would expand from \d+ to 209715200 bytes, more than 100 times: a "zip bomb"/);
    expect(ms).toBeLessThan(5000);
  });

  it('a name that is not UTF-8 (a byte 0xFF, no UTF-8 flag)', async () => {
    const path = await pyZip(`${BAG}\nz.writestr('CS-X/data/n~me.txt', 'x')`);
    const bytes = await readFile(path);
    let at = bytes.indexOf('n~me');
    while (at >= 0) {
      bytes[at + 1] = 0xff;
      at = bytes.indexOf('n~me', at + 1);
    }
    await writeFile(path, bytes);
    const { code, message } = await check(path);
    expect(code).toBe(2);
    expect(message).toMatch(/a file whose name is not UTF-8 text/);
  });

  it('two entries whose data overlap (the central directory pointing twice at the same bytes)', async () => {
    const path = await pyZip(`${BAG}\nz.writestr('CS-X/bag-info.txt', 'x' * 100)`);
    const bytes = await readFile(path);
    // The second central directory record: point its local header offset at the first entry's.
    const second = bytes.indexOf(
      Buffer.from([0x50, 0x4b, 0x01, 0x02]),
      bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4,
    );
    bytes.writeUInt32LE(0, second + 42);
    await writeFile(path, bytes);
    const { code, message } = await check(path);
    expect(code).toBe(2);
    expect(message).toMatch(/overlap/);
  });

  it('not a zip, and a zip cut short: exit 2, saying so', async () => {
    const garbage = join(await tempDir(), 'x.zip');
    await writeFile(garbage, 'PK\u0003\u0004 not really');
    expect((await check(garbage)).message).toMatch(/not a zip file, or it is damaged/);
    const built = await buildIncident();
    const zip = (await exportBundle(built.input, join(await tempDir(), 'b.zip'))).path;
    const bytes = await readFile(zip);
    await writeFile(zip, bytes.subarray(0, bytes.length - 100));
    const cut = await check(zip);
    expect(cut.code).toBe(2);
    expect(cut.message).toMatch(/not a zip file, or it is damaged/);
  });

  it(
    'an entry that inflates to more than it declares is ' + 'stopped at its declared size: exit 1, the file named',
    async () => {
      const path = await pyZip(
        `${BAG}\nz.writestr('CS-X/data/journal.jsonl', 'y' * 5000, compress_type=zipfile.ZIP_DEFLATED)`,
      );
      const bytes = await readFile(path);
      // Both headers say 50 bytes; the data inflate to 5,000.
      const local = bytes.indexOf('CS-X/data/journal.jsonl') - 30;
      bytes.writeUInt32LE(50, local + 22);
      const central = bytes.lastIndexOf('CS-X/data/journal.jsonl') - 46;
      bytes.writeUInt32LE(50, central + 24);
      await writeFile(path, bytes);
      const { r, code } = await check(path);
      expect(code).toBe(1);
      expect(r.problems.find((p) => p.where === 'data/journal.jsonl')?.code).toBe('FILE_UNREADABLE');
    },
  );
});
