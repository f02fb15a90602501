// Rules read from the source itself: one IPC door, no openExternal, windows made only where their options are tested,
// no HTML sinks; and files small enough to read, with names that say which one they are.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every file whose name matches under the given folders, as repository paths with forward slashes. */
const filesIn = async (name: RegExp, ...dirs: string[]): Promise<{ path: string; text: string }[]> => {
  const out: { path: string; text: string }[] = [];
  for (const dir of dirs) {
    const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
    for (const e of entries) {
      if (!e.isFile() || !name.test(e.name)) continue;
      const full = join(e.parentPath, e.name);
      out.push({ path: relative(ROOT, full).split('\\').join('/'), text: await readFile(full, 'utf8') });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
};

/** Every .ts and .tsx file under the given folders. */
const sources = (...dirs: string[]) => filesIn(/\.tsx?$/, ...dirs);

/** A comment line says what code does; only code counts. */
const isComment = (line: string): boolean => /^\s*(\/\/|\/\*|\*)/.test(line);

/** Every line of code that matches, as "path: line". */
const matching = (files: { path: string; text: string }[], re: RegExp): string[] =>
  files.flatMap((f) =>
    f.text
      .split('\n')
      .filter((l) => !isComment(l) && re.test(l))
      .map((l) => `${f.path}: ${l.trim()}`),
  );

const app = await sources('electron', 'renderer', 'shared');

describe('the source', () => {
  it('has one IPC door: nothing listens on ipcMain but registerHandler, and the preload only invokes', () => {
    expect(app.length).toBeGreaterThan(20);
    expect(matching(app, /\bipcMain\s*\.\s*\w+/)).toEqual([]);
    const uses = matching(app, /\bipcRenderer\s*\.\s*\w+/);
    expect(uses.length).toBeGreaterThan(0);
    expect(
      uses.every((l) => /^electron\/preload\/preload\.ts: .*ipcRenderer\.invoke\(/.test(l)),
      uses.join('\n'),
    ).toBe(true);
    expect(uses.join('\n')).not.toMatch(/ipcRenderer\.(send|on|sendSync|postMessage)\b/);
    // register.ts's own ipc.handle; webContents.ipc listeners would match here too.
    const handlers = matching(app, /\bipc\.(handle|handleOnce|on|once)\(/);
    expect(handlers.length).toBeGreaterThan(0);
    expect(
      handlers.every((l) => l.startsWith('electron/main/ipc/register-handlers.ts:')),
      handlers.join('\n'),
    ).toBe(true);
  });

  it('never opens another program, file or address outside the app', () => {
    expect(matching(app, /\b(openExternal|openPath|showItemInFolder)\s*\(/)).toEqual([]);
  });

  it('creates windows and views, and sets web preferences, only in the three files whose tests pin them', () => {
    const vetted = [
      'electron/main/window.ts',
      'electron/main/browser/electron-evidence-browser.ts',
      'electron/main/printing/electron-printer.ts',
    ];
    const outside = (lines: string[]) => lines.filter((l) => !vetted.some((v) => l.startsWith(`${v}:`)));
    expect(outside(matching(app, /\bnew\s+[\w.]*\b(BrowserWindow|WebContentsView|BrowserView)\s*\(/))).toEqual([]);
    expect(outside(matching(app, /\bwebPreferences\s*[:=]/))).toEqual([]);
    expect(matching(app, /\benableBlinkFeatures\b|\ballowpopups\b|\bdisablewebsecurity\b/i)).toEqual([]);
  });

  it("the app's pages never turn text into HTML or code", () => {
    const renderer = app.filter((f) => f.path.startsWith('renderer/'));
    expect(renderer.length).toBeGreaterThan(0);
    expect(
      matching(
        renderer,
        new RegExp(
          [
            'dangerouslySetInnerHTML',
            '\\.(inner|outer)HTML\\b',
            'insertAdjacentHTML',
            'document\\.write',
            '\\beval\\s*\\(',
            'new\\s+Function\\s*\\(',
            'setTimeout\\(\\s*[\'"`]',
          ].join('|'),
        ),
      ),
    ).toEqual([]);
  });

  it('the composition root sandboxes every renderer, registers the app scheme and keeps one instance', async () => {
    const index = await readFile(join(ROOT, 'electron/main/index.ts'), 'utf8');
    const sandbox = index.indexOf('app.enableSandbox()');
    const ready = index.search(/\.whenReady\(\)/);
    expect(sandbox).toBeGreaterThan(0);
    expect(sandbox).toBeLessThan(ready);
    expect(index.indexOf('registerAppScheme(protocol)')).toBeLessThan(ready);
    expect(index).toContain('app.requestSingleInstanceLock()');
    // Dates and the engine's own words in UK English, set before the app is ready.
    expect(index.indexOf("app.commandLine.appendSwitch('lang', 'en-GB')")).toBeLessThan(ready);
    expect(index.indexOf("app.commandLine.appendSwitch('lang', 'en-GB')")).toBeGreaterThan(0);
    // The IPC sender check compares against the app window's own webContents.
    expect(index).toMatch(/isAppContents:\s*\(id\)\s*=>[\s\S]{0,200}?appWindow\.webContents\.id === id/);
  });
});

const MAX_LINES = 500;

describe('the files', () => {
  const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

  it(`no source, script or test file is over ${MAX_LINES} lines`, async () => {
    const code = await filesIn(/\.(ts|tsx|mjs|cjs|js)$/, 'electron', 'shared', 'renderer', 'test', 'scripts', 'bin');
    expect(code.length).toBeGreaterThan(100);
    const tooLong = code.filter((f) => lineCount(f.text) > MAX_LINES).map((f) => `${f.path}: ${lineCount(f.text)}`);
    expect(tooLong).toEqual([]);
  });

  it('names every file in electron/, shared/ and renderer/ uniquely (ignoring case)', async () => {
    // Each room's tsconfig.json is named as TypeScript requires.
    const files = (await filesIn(/^(?!tsconfig\.json$)/, 'electron', 'shared', 'renderer')).map((f) => f.path);
    expect(files.length).toBeGreaterThan(50);
    const byName = new Map<string, string[]>();
    for (const path of files) {
      const name = basename(path).toLowerCase();
      byName.set(name, [...(byName.get(name) ?? []), path]);
    }
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });
});
