// Runs Electronegativity over the app's source, offline, and fails on any HIGH or MEDIUM finding docs/security.md does
// not explain.
//
// Usage: node scripts/electronegativity.mjs [--repo <dir>]
//
// Electronegativity always exits 0, and its CLI drops the files it could not parse when it writes a report
// file, so this calls its runner directly and reads the findings and parse errors it returns.
import console from 'node:console';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The app as it ships: scanned together, so the global checks (navigation, permissions, CSP) see all of it and nothing
 * from the tests.
 */
const APP_SOURCES = ['electron', 'renderer', 'shared', 'package.json'];
/** The one check that needs the network: it downloads Electron's release list to look for newer security fixes. */
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATED = new Set(['HIGH', 'MEDIUM']);
const TABLE_HEADING = /^#{2,6}\s+Electronegativity findings\s*$/;
const DOC = 'docs/security.md';

const { values: args } = parseArgs({ options: { repo: { type: 'string' } } });
const repo = path.resolve(args.repo ?? fileURLToPath(new URL('..', import.meta.url)));

// Electronegativity also fetches translations from the internet at start. Every outbound connection fails at
// once instead, so the scan runs the same with or without a network and never waits for one.
let refusedConnections = 0;
net.Socket.prototype.connect = function refuseConnection() {
  refusedConnections += 1;
  process.nextTick(() => this.destroy(new Error('the Electronegativity scan runs offline')));
  return this;
};

const toPosix = (p) => p.split(path.sep).join('/');

/** Copies the app's sources into a fresh folder; gives the folder. */
const stageSources = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'countersign-electronegativity-'));
  for (const name of APP_SOURCES) {
    const from = path.join(repo, name);
    const found = await stat(from).catch(() => null);
    if (found) await cp(from, path.join(dir, name), { recursive: true });
  }
  return dir;
};

const electronVersion = async () => {
  const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  return typeof range === 'string' ? range.replace(/^[^\d]*/, '') : undefined;
};

/**
 * The "Electronegativity findings" table of docs/security.md: the set of "ID file" keys it explains, or null if there
 * is none.
 */
const explainedFindings = async () => {
  const text = await readFile(path.join(repo, DOC), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => TABLE_HEADING.test(l));
  if (start < 0) return null;
  const keys = new Set();
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    if (!line.trim().startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replaceAll('`', ''));
    const [id, file] = cells;
    if (!id || !file || /^-+$/.test(id.replaceAll(':', '')) || id === 'Finding') continue;
    keys.add(`${id} ${file}`);
  }
  return keys;
};

const scan = async (dir) => {
  const require = createRequire(import.meta.url);
  process.env.LANG = 'en-US';
  const run = require('@doyensec/electronegativity');
  return run(
    {
      input: dir,
      excludeFromScan: ONLINE_CHECKS.map((c) => c.toLowerCase()),
      electronVersionOverride: await electronVersion(),
      isRelative: false,
      isVerbose: true,
      parserPlugins: [],
    },
    false,
  );
};

const main = async () => {
  const dir = await stageSources();
  let result;
  try {
    result = await scan(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const where = (file) => (file === 'N/A' ? 'N/A' : toPosix(path.relative(dir, file)));
  const findings = result.issues.map((i) => ({
    id: i.id,
    file: where(i.file),
    line: i.location?.line ?? 0,
    severity: i.severity.name,
    confidence: i.confidence.name,
    description: String(i.description ?? '').split('\n')[0],
  }));
  const unparsed = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: where(e.file), message: e.message }));

  console.log(
    `Electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks over ` +
      `${APP_SOURCES.join(', ')} (left out, as it needs the network: ${ONLINE_CHECKS.join(', ')}; ` +
      `${refusedConnections} connection attempt(s) refused).`,
  );
  for (const f of findings) {
    console.log(`  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.file}:${f.line}  ${f.description}`);
  }
  if (findings.length === 0) console.log('  no findings');

  const explained = await explainedFindings();
  if (explained === null) {
    console.error(`\nFAILED: ${DOC} has no "Electronegativity findings" table to check the findings against.`);
    return 1;
  }
  const unexplained = findings.filter((f) => GATED.has(f.severity) && !explained.has(`${f.id} ${f.file}`));
  const found = new Set(findings.map((f) => `${f.id} ${f.file}`));
  const stale = [...explained].filter((k) => !found.has(k));
  for (const k of stale)
    console.log(`\nNote: ${DOC} explains "${k}", which Electronegativity no longer reports; the row can go.`);

  if (unparsed.length > 0) {
    console.error('\nFAILED: Electronegativity could not parse these files, so nothing in them was checked:');
    for (const u of unparsed) console.error(`  ${u.file}: ${u.message}`);
  }
  if (unexplained.length > 0) {
    console.error(
      `\nFAILED: ${unexplained.length} HIGH or MEDIUM ` +
        `finding(s) not explained in ${DOC} ("Electronegativity findings"):`,
    );
    for (const f of unexplained) console.error(`  ${f.severity} ${f.id}  ${f.file}:${f.line}  ${f.description}`);
    console.error('Fix the code, or add a row (finding id, file, why it does not apply) to that table.');
  }
  if (unparsed.length > 0 || unexplained.length > 0) return 1;
  console.log(`\nOK: every HIGH and MEDIUM finding is explained in ${DOC}.`);
  return 0;
};

process.exitCode = await main();
