// Benchmark (npm run bench:verify): `countersign verify` beside the tools a recipient could use instead, on the same
// 100 MB-plus bundle made by the exporter, run alternately so that both see the same load on the machine:
//   the folder: countersign verify  vs  bagit-python's validate (test/helpers/outside-tools.ts finds it)
//   the zip:    countersign verify  vs  7-Zip's `x` followed by `sha256sum` of every file
// Prints the median wall time of each, their ratio, the processor time of all each side's threads (on a machine that
// others load, the wall time follows it: the scheduler shares the processors between sessions, not threads), the load
// average, and each side's peak memory (RSS). With MEMORY=1 it also measures
// the verifier's peak memory on a 1 GB bundle and on a zip holding one 1.5 GiB zero-filled entry.
//   RUNS=5 MEMORY=1 npm run bench:verify      (KEEP=1 keeps the bundles made)
// BEFORE=<dir>[,<dir>…] adds, in the same alternation, the built command line (bin/countersign.mjs) of other
// checkouts, so that a change is measured against the code before it under the same load.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BAGIT_VALIDATE } from '@test/helpers/outside-tools';
import { REPO_ROOT } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';
import { exportedIncident } from './bench-bundle';
import { median } from '@test/helpers/median';

const RUNS = Number(process.env.RUNS ?? 5);
const BIN = join(REPO_ROOT, 'bin/countersign.mjs');
const BEFORE = (process.env.BEFORE ?? '')
  .split(',')
  .filter(Boolean)
  .map((dir) => ({ dir, bin: join(dir, 'bin/countersign.mjs') }));
const BAGIT = existsSync(BAGIT_VALIDATE) ? BAGIT_VALIDATE : undefined;
const SEVEN = ['7zz', '7z'].find((b) => spawnSync('bash', ['-c', `command -v ${b}`]).status === 0);
if (!BAGIT || !SEVEN)
  throw new Error(`The benchmark needs bagit-python (${BAGIT_VALIDATE}; set BAGIT_VALIDATE) and 7-Zip (7zz).`);

/**
 * Runs a shell command under /usr/bin/time: wall time (ms), processor time of all its threads (user + system, ms) and
 * peak RSS (MB), failing loudly on an unexpected exit.
 */
const timed = (script: string, expect = 0): { ms: number; cpu: number; mb: number } => {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'bash', '-c', script], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== expect) throw new Error(`${script} exited ${r.status}: ${r.stdout}${r.stderr}`);
  const [kb, user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { ms, cpu: ((user ?? NaN) + (sys ?? NaN)) * 1000, mb: (kb ?? NaN) / 1024 };
};

const load = (): string => loadavg()[0]?.toFixed(1) ?? '?';

/** RUNS alternating rounds after one unmeasured round, so that no side pays for a cold file cache. */
const sideBySide = (name: string, ours: (bin: string) => string, theirs: string, theirsName: string): void => {
  const sides = [
    { who: 'countersign verify', script: ours(BIN) },
    ...BEFORE.map(({ dir, bin }) => ({
      who: BEFORE.length > 1 ? `before (${basename(dir)})` : 'the same, before',
      script: ours(bin),
    })),
    { who: theirsName, script: theirs },
  ];
  for (const side of sides) timed(side.script);
  const before = load();
  const runs = sides.map(() => [] as { ms: number; cpu: number; mb: number }[]);
  // Each round starts with the next side, so that none always runs right after another's writes (7z's extraction).
  for (let i = 0; i < RUNS; i++)
    for (let k = 0; k < sides.length; k++) {
      const j = (i + k) % sides.length;
      runs[j]?.push(timed(sides[j]?.script ?? 'false'));
    }
  const medians = runs.map((r) => ({
    ms: median(r.map((x) => x.ms)),
    cpu: median(r.map((x) => x.cpu)),
    mb: Math.max(...r.map((x) => x.mb)),
  }));
  const row = (who: string, { ms, cpu, mb }: { ms: number; cpu: number; mb: number }) =>
    `  ${who.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms   processor ${cpu.toFixed(0).padStart(5)} ms   ` +
    `peak ${mb.toFixed(0).padStart(4)} MB`;
  console.log(`\n${name} (median of ${RUNS} alternating runs; load average ${before} before, ${load()} after)`);
  sides.forEach((side, j) => console.log(row(side.who, medians[j] ?? { ms: NaN, cpu: NaN, mb: NaN })));
  const other = medians.at(-1) ?? { ms: NaN, cpu: NaN, mb: NaN };
  medians.slice(0, -1).forEach((m, j) => {
    const label = `ratio${j > 0 ? `, ${sides[j]?.who ?? 'before'}` : ''}`.padEnd(24);
    console.log(
      `  ${label} ${(m.ms / other.ms).toFixed(2).padStart(6)} x   processor ${(m.cpu / other.cpu).toFixed(2)} x`,
    );
  });
};

const bytesIn = async (dir: string): Promise<number> => {
  let n = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) n += (await stat(join(e.parentPath, e.name))).size;
  return n;
};

execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-cli.mjs'), '--if-stale'], { stdio: 'inherit' });
const work = await tempDir('cs-bench-verify-');
console.log(`Making a bundle with the exporter (20 captures of 1280 x 800 noise) in ${work}…`);
const zip = await exportedIncident(work, 20, [1280, 800]);
const folder = join(work, 'extracted');
execFileSync(SEVEN, ['x', '-y', '-bd', `-o${folder}`, zip], { stdio: 'ignore' });
const [bag] = await readdir(folder);
const bagDir = join(folder, bag ?? '');
console.log(
  `The bag: ${((await bytesIn(bagDir)) / 1e6).toFixed(1)} MB in ${bagDir}; ` +
    `the zip ${((await stat(zip)).size / 1e6).toFixed(1)} MB`,
);

const unzipped = join(work, 'unzipped');
sideBySide(
  'The extracted folder',
  (bin) => `node ${bin} verify ${bagDir} > /dev/null`,
  `${BAGIT} ${bagDir} 2> /dev/null`,
  'bagit-python validate',
);
sideBySide(
  'The zip',
  (bin) => `node ${bin} verify ${zip} > /dev/null`,
  `rm -rf ${unzipped} && ${SEVEN} x -y -bd -o${unzipped} ${zip} > /dev/null && ` +
    `find ${unzipped} -type f -print0 | xargs -0 sha256sum > /dev/null`,
  '7z x + sha256sum',
);

if (process.env.MEMORY === '1') {
  console.log('\nPeak memory of countersign verify on large and hostile bundles:');
  const big = await exportedIncident(work, 60, [2600, 1100]);
  const bigFolder = join(work, 'big');
  execFileSync(SEVEN, ['x', '-y', '-bd', `-o${bigFolder}`, big], { stdio: 'ignore' });
  const [bigBag] = await readdir(bigFolder);
  const size = (await bytesIn(join(bigFolder, bigBag ?? ''))) / 1e9;
  const z = timed(`node ${BIN} verify ${big} > /dev/null`);
  const f = timed(`node ${BIN} verify ${join(bigFolder, bigBag ?? '')} > /dev/null`);
  console.log(
    `  a ${size.toFixed(2)} GB bundle, zip:            ${z.ms.toFixed(0).padStart(6)} ms   peak ${z.mb.toFixed(0)} MB`,
  );
  console.log(`  the same, extracted folder:        ${f.ms.toFixed(0).padStart(6)} ms   peak ${f.mb.toFixed(0)} MB`);
  const bomb = join(work, 'bomb.zip');
  execFileSync('python3', [
    '-c',
    'import sys, zipfile\n' +
      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n" +
      "    z.writestr('CS-X/bagit.txt', 'BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n')\n" +
      "    with z.open('CS-X/data/screenshots.pdf', 'w', force_zip64=True) as f:\n" +
      '        for _ in range(1536): f.write(bytes(1 << 20))\n',
    bomb,
  ]);
  const b = timed(`node ${BIN} verify ${bomb} > /dev/null`, 2);
  console.log(
    `  a ${((await stat(bomb)).size / 1e6).toFixed(1)} MB zip holding one 1.5 GiB zero entry: ` +
      `${b.ms.toFixed(0)} ms   peak ${b.mb.toFixed(0)} MB (refused as a zip bomb, exit 2)`,
  );
  const zeros = join(work, 'zeros', 'CS-X');
  await mkdir(join(zeros, 'data'), { recursive: true });
  execFileSync('bash', ['-c', `head -c 1610612736 /dev/zero > ${join(zeros, 'data', 'screenshots.pdf')}`]);
  const zf = timed(`node ${BIN} verify ${zeros} > /dev/null`, 1);
  console.log(
    `  a folder holding that 1.5 GiB zero file (streamed and hashed): ${zf.ms.toFixed(0)} ms   ` +
      `peak ${zf.mb.toFixed(0)} MB (exit 1)`,
  );
}
if (process.env.KEEP === '1') console.log(`\nKept ${work}`);
else await rm(work, { recursive: true, force: true });
