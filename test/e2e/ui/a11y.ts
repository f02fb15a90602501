// Accessibility scan of one screen: axe-core (WCAG 2.2 A and AA rules) when installed, and Countersign's own basic
// checks always.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export interface Violation {
  screen: string;
  rule: string;
  impact: string;
  targets: string[];
  help: string;
}

const AXE_PATH = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url));
export const AXE_AVAILABLE = existsSync(AXE_PATH);

let axeSource: string | null = null;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * Serious and critical violations from axe-core; evaluated through the DevTools protocol, which the page's CSP does not
 * govern.
 */
const axeScan = async (page: Page, screen: string): Promise<Violation[]> => {
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResult> } }).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen,
      rule: v.id,
      impact: v.impact ?? '',
      targets: v.nodes.map((n) => n.target.join(' ')),
      help: v.help,
    }));
};

/**
 * Checks that hold on every screen whatever tool is at hand: one h1, named controls, labelled fields, no duplicate ids,
 * a language.
 */
const basicScan = async (page: Page, screen: string): Promise<Violation[]> => {
  const found = await page.evaluate(() => {
    const out: { rule: string; targets: string[]; help: string }[] = [];
    const visible = (el: Element) =>
      (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    const name = (el: Element): string => {
      const labelledby = el.getAttribute('aria-labelledby');
      if (labelledby)
        return labelledby
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim();
      const aria = el.getAttribute('aria-label');
      if (aria) return aria.trim();
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
        return Array.from(el.labels ?? [])
          .map((l) => l.textContent ?? '')
          .join(' ')
          .trim();
      }
      return (el.textContent ?? '').trim();
    };
    const describe = (el: Element) => {
      const classes = el.className ? `.${String(el.className).split(' ').join('.')}` : '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}`;
    };
    const h1 = Array.from(document.querySelectorAll('h1')).filter(visible);
    if (h1.length !== 1)
      out.push({ rule: 'one-h1', targets: h1.map(describe), help: 'Each screen has exactly one main heading.' });
    const unnamed = Array.from(
      document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea'),
    ).filter((el) => visible(el) && !name(el));
    if (unnamed.length > 0)
      out.push({ rule: 'control-name', targets: unnamed.map(describe), help: 'Every control has an accessible name.' });
    const ids = Array.from(document.querySelectorAll('[id]')).map((el) => el.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dupes.length > 0) out.push({ rule: 'duplicate-id', targets: dupes, help: 'Ids are unique.' });
    if (!document.documentElement.lang)
      out.push({ rule: 'html-lang', targets: ['html'], help: 'The page has a language.' });
    const imgs = Array.from(document.querySelectorAll('img')).filter((img) => !img.hasAttribute('alt'));
    if (imgs.length > 0)
      out.push({ rule: 'image-alt', targets: imgs.map(describe), help: 'Images have alternative text.' });
    return out;
  });
  return found.map((f) => ({ screen, rule: f.rule, impact: 'serious', targets: f.targets, help: f.help }));
};

export const scanScreen = async (page: Page, screen: string): Promise<Violation[]> => [
  ...(await basicScan(page, screen)),
  ...(AXE_AVAILABLE ? await axeScan(page, screen) : []),
];
