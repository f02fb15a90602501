// The shipping scripts as CI runs them: the offline Electronegativity gate on small sample apps, and the fuse read-back
// check.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = (name: string): string => fileURLToPath(new URL(`../../../scripts/${name}`, import.meta.url));

interface Run {
  code: number | null;
  out: string;
}

const node = (args: string[], input?: string): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input ?? '');
  });

let base: string;
afterAll(() => (base ? rm(base, { recursive: true, force: true }) : undefined));
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'countersign-shipping-'));
});

/** A small app laid out as this repository is: package.json, electron/, renderer/ and docs/security.md. */
const sampleApp = async (files: Record<string, string>): Promise<string> => {
  const dir = await mkdtemp(join(base, 'app-'));
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'sample', devDependencies: { electron: '45.4.1' } }),
    'electron/main/index.ts': [
      "import { BrowserWindow, session } from 'electron';",
      'export const open = (): BrowserWindow => {',
      '  const win = new BrowserWindow({ webPreferences: { sandbox: ' +
        'true, contextIsolation: true, nodeIntegration: false } });',
      "  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));",
      "  win.webContents.on('will-navigate', (event) => event.preventDefault());",
      '  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));',
      '  return win;',
      '};',
    ].join('\n'),
    'renderer/index.html':
      `<!doctype html><meta http-equiv="Content-Security-Policy" ` +
      `content="default-src 'none'; script-src 'self'"><title>x</title>`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
};

const findingsTable = (rows: [string, string][]): string =>
  [
    '# Security',
    '',
    '## Electronegativity findings',
    '',
    '| Finding | File | Why it does not apply |',
    '|---|---|---|',
    ...rows.map(([id, file]) => `| \`${id}\` | \`${file}\` | Explained. |`),
    '',
    '## Next section',
    '',
    '| `CONTEXT_ISOLATION_JS_CHECK` | `electron/main/legacy.ts` | A row outside the table does not count. |',
    '',
  ].join('\n');

// The sample's window leaves middle-click to the window-open handler, which Electronegativity reports as MEDIUM.
const AUXCLICK: [string, string] = ['AUXCLICK_JS_CHECK', 'electron/main/index.ts'];
const LEGACY_WINDOW =
  "import { BrowserWindow } from 'electron';\nexport const legacy = () => " +
  'new BrowserWindow({ webPreferences: { contextIsolation: false } });\n';
const electronegativity = (repo: string) => node([script('electronegativity.mjs'), '--repo', repo]);

describe('scripts/electronegativity.mjs', () => {
  it('passes when every HIGH and MEDIUM finding is explained in the table, and says it ran offline', async () => {
    const r = await electronegativity(await sampleApp({ 'docs/security.md': findingsTable([AUXCLICK]) }));
    expect(r.out).toMatch(/AUXCLICK_JS_CHECK\s+electron\/main\/index\.ts:3/);
    expect(r.out).toContain('left out, as it needs the network: AvailableSecurityFixesGlobalCheck');
    expect(r.out).toContain('OK: every HIGH and MEDIUM finding is explained');
    expect(r.code).toBe(0);
  });

  it('fails, naming the finding and its file, when a finding is not in the table', async () => {
    const r = await electronegativity(await sampleApp({ 'docs/security.md': findingsTable([]) }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED: 1 HIGH or MEDIUM finding\(s\) not explained/);
    expect(r.out).toMatch(/MEDIUM AUXCLICK_JS_CHECK\s+electron\/main\/index\.ts:3/);
  });

  it('fails on a new insecure window, even when a row about it sits under another heading', async () => {
    const r = await electronegativity(
      await sampleApp({ 'docs/security.md': findingsTable([AUXCLICK]), 'electron/main/legacy.ts': LEGACY_WINDOW }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK\s+electron\/main\/legacy\.ts:2/);
  });

  it('fails when a source file cannot be parsed, since nothing in it was checked', async () => {
    const r = await electronegativity(
      await sampleApp({
        'docs/security.md': findingsTable([AUXCLICK]),
        'electron/main/broken.ts': 'export const broken = (: number => ;\n',
      }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/could not parse these files[\s\S]*electron\/main\/broken\.ts/);
  });

  it('fails when docs/security.md has no findings table', async () => {
    const r = await electronegativity(await sampleApp({ 'docs/security.md': '# Security\n' }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('has no "Electronegativity findings" table');
  });
});

const ESC = String.fromCharCode(27);
/** `@electron/fuses read` as it prints on a terminal, for the fuses electron-builder.yml sets. */
const readOutput = (states: Record<string, string>): string =>
  [
    `${ESC}[36mAnalyzing app: countersign${ESC}[39m`,
    'Fuse Version: v1',
    ...Object.entries(states).map(([name, state]) => `  ${ESC}[33m${name}${ESC}[39m is ${ESC}[31m${state}${ESC}[39m`),
  ].join('\n');
const AS_BUILT = {
  RunAsNode: 'Disabled',
  EnableCookieEncryption: 'Enabled',
  EnableNodeOptionsEnvironmentVariable: 'Disabled',
  EnableNodeCliInspectArguments: 'Disabled',
  EnableEmbeddedAsarIntegrityValidation: 'Enabled',
  OnlyLoadAppFromAsar: 'Enabled',
  LoadBrowserProcessSpecificV8Snapshot: 'Disabled',
  GrantFileProtocolExtraPrivileges: 'Disabled',
  WasmTrapHandlers: 'Enabled',
};

describe('scripts/check-fuses.mjs', () => {
  it('accepts an app whose fuses are as electron-builder.yml sets them', async () => {
    const file = join(base, 'fuses-ok.txt');
    await writeFile(file, readOutput(AS_BUILT));
    const r = await node([script('check-fuses.mjs'), file]);
    expect(r.out).toContain('All 8 fuses are as electron-builder.yml sets them.');
    expect(r.code).toBe(0);
  });

  it('refuses an app with a fuse flipped back, naming it (read from a pipe)', async () => {
    const r = await node([script('check-fuses.mjs')], readOutput({ ...AS_BUILT, RunAsNode: 'Enabled' }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/WRONG RunAsNode\s+expected Disabled\s+found Enabled/);
  });

  it('refuses output without the fuses, as when the read failed', async () => {
    const r = await node([script('check-fuses.mjs')], 'Error: Could not find sentinel in the provided Electron binary');
    expect(r.code).toBe(1);
    expect(r.out).toContain('8 fuse(s) in the packaged app differ from electron-builder.yml.');
  });
});
