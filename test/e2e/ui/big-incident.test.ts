// An incident of 500 captures (issue 13): it opens quickly with only a page of captures drawn, the keyboard reaches the
// last capture, and the page of captures stays accessible.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanScreen } from './a11y';
import { HEAD, onScreen } from './flows';
import { vaultWithCaptures } from './many-captures';
import { startUi, type Ui } from './ui-harness';

const COUNT = 500;
/** The most capture cards the page may hold at once (a page of them). */
const MOST_ROWS = 20;

let ui: Ui;
let ref = '';
let dataDir = '';

beforeAll(async () => {
  const made = await vaultWithCaptures(COUNT);
  ref = made.ref;
  dataDir = made.dataDir;
  ui = await startUi({ dataDir: made.dataDir });
  await onScreen(ui.page, 'Countersign is locked');
  await ui.page.getByLabel('Your passphrase').fill(HEAD.passphrase);
  await ui.page.getByRole('button', { name: 'Unlock' }).click();
  await onScreen(ui.page, 'Incidents');
}, 240_000);

afterAll(async () => {
  await ui?.close();
  if (dataDir) await rm(dirname(dataDir), { recursive: true, force: true });
});

const rows = () => ui.page.locator('.captures > li');
const focusedText = () => ui.page.evaluate(() => document.activeElement?.textContent ?? '');

describe('an incident of 500 captures', () => {
  it('opens with only a page of captures drawn and their thumbnails asked for', async () => {
    const { page } = ui;
    const t0 = performance.now();
    await page.getByRole('button', { name: `Open incident ${ref}` }).click();
    await page.getByRole('heading', { level: 2, name: `Captures (${COUNT})` }).waitFor();
    await rows().first().waitFor();
    // Only a guard against a screen that hangs: the row count below is what shows the list is virtualised, and the
    // benchmark (npm run bench:captures) measures the 200 ms goal. 5 s failed once at 8.2 s on a 2-core machine
    // running two suites at once.
    expect(performance.now() - t0).toBeLessThan(12_000);
    expect(await rows().count()).toBe(MOST_ROWS);
    await expect(page.getByRole('status').filter({ hasText: 'Showing captures' }).textContent()).resolves.toBe(
      `Showing captures 1 to 20 of ${COUNT}`,
    );
    // Each card tells a screen reader where it stands in the whole list.
    expect(await rows().first().getAttribute('aria-posinset')).toBe('1');
    expect(await rows().first().getAttribute('aria-setsize')).toBe(String(COUNT));
    await page
      .locator('.captures img.thumb.blurred')
      .nth(MOST_ROWS - 1)
      .waitFor();
    expect(await page.locator('img.thumb').count()).toBe(MOST_ROWS);
    expect(await scanScreen(page, 'review-500-captures')).toEqual([]);
  });

  it('reaches the last capture with the keyboard and keeps a page of rows drawn', async () => {
    const { page } = ui;
    const last = page.getByRole('button', { name: 'Last page of captures' });
    await last.focus();
    await page.keyboard.press('Enter');
    // The focus goes to the first capture of the page turned to, and Tab goes on through the page to the last one.
    await expect.poll(focusedText).toMatch(new RegExp(`^Capture ${COUNT - MOST_ROWS + 1} `));
    expect(await rows().count()).toBe(MOST_ROWS);
    expect(await rows().last().getAttribute('aria-posinset')).toBe(String(COUNT));
    let presses = 0;
    while ((await focusedText()) !== `Reveal capture ${COUNT}` && presses < 100) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await focusedText()).toBe(`Reveal capture ${COUNT}`);
    await page.getByRole('button', { name: 'Previous page of captures' }).press('Enter');
    await expect.poll(focusedText).toMatch(new RegExp(`^Capture ${COUNT - 2 * MOST_ROWS + 1} `));
    await page.getByRole('button', { name: 'Next page of captures' }).press('Enter');
    await expect.poll(focusedText).toMatch(new RegExp(`^Capture ${COUNT - MOST_ROWS + 1} `));
    expect(await scanScreen(page, 'review-500-captures-last-page')).toEqual([]);
  });

  it('describes a capture on the last page and stays on that page', async () => {
    const { page } = ui;
    const n = COUNT - 1;
    await page.getByLabel(`Describe the content causing concern in capture ${n}`).fill('Threat in the replies');
    await page
      .getByRole('listitem')
      .filter({ hasText: `Capture ${n} ` })
      .getByRole('button', { name: 'Save' })
      .click();
    // The form goes once the description is recorded (its draft's text alone may show before that).
    await page.getByLabel(`Describe the content causing concern in capture ${n}`).waitFor({ state: 'detached' });
    await page.getByText('Threat in the replies').waitFor();
    expect(await rows().count()).toBe(MOST_ROWS);
    expect((await ui.core.detail(ref)).record.captures[n - 1]?.concern).toBe('Threat in the replies');
  });

  it('after a halt, asks about 500 captures a page at a time and destroys those ticked on any page', async () => {
    const { page } = ui;
    await page.getByLabel('Web address').focus();
    await page.keyboard.press('Control+Shift+H');
    await onScreen(page, 'The review was halted');
    const boxes = page.getByRole('checkbox', { name: /^Capture \d+ shows the suspect imagery/ });
    await expect(page.getByRole('status').filter({ hasText: 'Showing captures' }).textContent()).resolves.toBe(
      `Showing captures 1 to 20 of ${COUNT}`,
    );
    expect(await boxes.count()).toBe(MOST_ROWS);
    // Thumbnails are asked for the page shown only, not for all 500.
    await page
      .locator('.captures img.thumb.blurred')
      .nth(MOST_ROWS - 1)
      .waitFor();
    expect(await page.locator('.captures .thumb').count()).toBe(MOST_ROWS);
    await boxes.first().check();
    await page.getByRole('button', { name: 'Last page of captures' }).press('Enter');
    // The focus goes to the first tick box of the page turned to; the one ticked on the first page stays ticked.
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent))
      .toBe(`Capture ${COUNT - MOST_ROWS + 1} shows the suspect imagery: destroy it`);
    expect(await boxes.count()).toBe(MOST_ROWS);
    await page.getByLabel(`Capture ${COUNT} shows the suspect imagery: destroy it`).check();
    expect(await scanScreen(page, 'purge-500-captures')).toEqual([]);
    await page.getByRole('button', { name: 'Destroy the 2 ticked captures and go on' }).click();
    await page.getByRole('heading', { level: 1, name: 'The review was halted' }).waitFor({ state: 'detached' });
    const purged = (await ui.core.detail(ref)).record.captures.filter((c) => c.purged).map((c) => c.n);
    expect(purged).toEqual([1, COUNT]);
  });
});
