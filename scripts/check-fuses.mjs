// Checks the fuses read back from a packaged app (the output of `@electron/fuses read`) against electron-builder.yml.
//
// Usage: npx @electron/fuses read --app <executable or .app> > fuses.txt && node scripts/check-fuses.mjs fuses.txt
// (or pipe the output in). Exits 1, naming each fuse, when one is missing or not as electron-builder.yml sets it.
import console from 'node:console';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { text } from 'node:stream/consumers';
import { URL } from 'node:url';
import { parse } from 'yaml';

// Colour codes the CLI adds on a terminal (ESC [ … m).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const LINE = /^\s*(\w+) is (Enabled|Disabled|Inherited|Removed)\b/;

/** electron-builder's option name is the fuse's name with a lower-case first letter (runAsNode: RunAsNode). */
const fuseName = (option) => option[0].toUpperCase() + option.slice(1);

const config = parse(await readFile(new URL('../electron-builder.yml', import.meta.url), 'utf8'));
const wanted = Object.entries(config?.electronFuses ?? {}).filter(([option]) => option !== 'resetAdHocDarwinSignature');
if (wanted.length === 0) {
  console.error('electron-builder.yml sets no electronFuses: there is nothing to check against.');
  process.exit(1);
}

const file = process.argv[2];
const output = file ? await readFile(file, 'utf8') : await text(process.stdin);
const found = new Map();
for (const raw of output.split('\n')) {
  const m = LINE.exec(raw.replace(ANSI, ''));
  if (m) found.set(m[1], m[2]);
}

let wrong = 0;
for (const [option, value] of wanted) {
  const name = fuseName(option);
  const expected = value === true ? 'Enabled' : 'Disabled';
  const actual = found.get(name) ?? 'not in the binary';
  const ok = actual === expected;
  if (!ok) wrong += 1;
  console.log(`${ok ? 'OK   ' : 'WRONG'} ${name.padEnd(40)} expected ${expected.padEnd(9)} found ${actual}`);
}
if (wrong > 0) {
  console.error(`\n${wrong} fuse(s) in the packaged app differ from electron-builder.yml.`);
  process.exit(1);
}
console.log(`\nAll ${wanted.length} fuses are as electron-builder.yml sets them.`);
