#!/usr/bin/env node
// Benchmark (npm run bench:cli): the start-up cost of `countersign --version` beside a bare `node -e 0`, run
// alternately in pairs so that both see the same load on the machine. Prints median and p95 of each and their ratio.
//   node scripts/bench-cli-start.mjs [runs]   (default 30 pairs)
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../bin/countersign.mjs', import.meta.url));
const GOAL = 3;

const timed = (args) => {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
};

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
};

// One unmeasured pair first, so that neither side pays for a cold file cache.
timed(['-e', '0']);
timed([bin, '--version']);
const bare = [];
const cli = [];
for (let i = 0; i < runs; i++) {
  bare.push(timed(['-e', '0']));
  cli.push(timed([bin, '--version']));
}
const b = summary(bare);
const c = summary(cli);
const row = (name, s) => `${name.padEnd(34)} ${s.median.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)}`;
console.log(`${runs} paired runs on Node ${process.version}`);
console.log(`${''.padEnd(34)} ${'median'.padStart(8)} ${'p95'.padStart(8)}   (ms)`);
console.log(row('node -e 0', b));
console.log(row('node bin/countersign.mjs --version', c));
const ratio = c.median / b.median;
console.log(
  `ratio (median): ${ratio.toFixed(2)}x, (p95): ${(c.p95 / b.p95).toFixed(2)}x; ` +
    `goal at most ${GOAL}x: ${ratio <= GOAL ? 'met' : 'NOT met'}`,
);
