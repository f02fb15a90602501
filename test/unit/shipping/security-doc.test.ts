// docs/security.md stays true: one row per item of Electron's checklist, and every file and test it cites exists.
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const doc = await readFile(new URL('docs/security.md', root), 'utf8');

/** The rows of the first table after a heading, as trimmed cells. */
const table = (heading: string): string[][] => {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.replace(/^#+\s*/, '') === heading && l.startsWith('#'));
  if (start < 0) throw new Error(`docs/security.md has no heading "${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
};

/** Repository paths in backticks: anything with a slash and a file extension. */
const citedPaths = (text: string): string[] =>
  [...text.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.(?:ts|tsx|mjs|yml|json|html|plist))`/g)].map((m) => m[1] ?? '');

const CHECKLIST = [
  'Only load secure content',
  'Do not enable Node.js integration for remote content',
  'Enable context isolation',
  'Enable process sandboxing',
  'Handle session permission requests from remote content',
  'Do not disable `webSecurity`',
  'Define a Content Security Policy',
  'Do not enable `allowRunningInsecureContent`',
  'Do not enable experimental features',
  'Do not use `enableBlinkFeatures`',
  '`<webview>`: do not use `allowpopups`',
  '`<webview>`: verify options and params',
  'Disable or limit navigation',
  'Disable or limit creation of new windows',
  'Do not use `shell.openExternal` with untrusted content',
  'Use a current version of Electron',
  'Validate the sender of all IPC messages',
  'Avoid `file://`; prefer a custom protocol',
  'Check which fuses you can change',
  'Do not expose Electron APIs to untrusted web content',
];

describe('docs/security.md', () => {
  const rows = table("Electron's security checklist");

  it('has one row for each of the twenty checklist items, in order', () => {
    expect(rows.map((r) => [r[0], r[1]])).toEqual(CHECKLIST.map((item, i) => [String(i + 1), item]));
  });

  it('says for every item where the code enforces it (or why it does not apply) and which test shows it', () => {
    for (const [n, , where, test] of rows) {
      expect(where?.length ?? 0, `item ${n}`).toBeGreaterThan(20);
      expect(test?.length ?? 0, `item ${n}`).toBeGreaterThan(10);
      if (/^Does not apply/.test(where ?? '')) expect(where, `item ${n}`).toMatch(/^Does not apply[:,]/);
    }
  });

  it('cites only files that exist', async () => {
    const cited = [...new Set(citedPaths(doc))];
    expect(cited.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const p of cited) {
      if (!(await stat(new URL(p, root)).catch(() => null))) missing.push(p);
    }
    expect(missing).toEqual([]);
  });

  it('names a test file for every item that can be tested here', () => {
    for (const [n, , , test] of rows) {
      if (n === '16') continue;
      expect(
        citedPaths(test ?? '').some((p) => p.startsWith('test/') || p.startsWith('.github/')),
        `item ${n}`,
      ).toBe(true);
    }
  });

  it('explains each Electronegativity finding by id, file and reason', () => {
    const findings = table('Electronegativity findings');
    expect(findings.length).toBeGreaterThan(0);
    for (const [id, file, severity, why] of findings) {
      expect(id).toMatch(/^`[A-Z0-9_]+`$/);
      expect(file).toMatch(/^`(N\/A|[\w./-]+)`$/);
      expect(severity).toMatch(/^(HIGH|MEDIUM|LOW|INFORMATIONAL)$/);
      expect(why?.length ?? 0, id).toBeGreaterThan(40);
    }
  });
});
