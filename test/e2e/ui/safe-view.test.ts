// Safe view on the review screen: the practice site's pictures are listed blurred, one is shown after a confirmation
// reached with the keyboard alone, and the reveal is in the journal with who and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePracticeSites, type PracticeSites } from '@main/practice/practice-sites';
import { startUi, type Ui } from './ui-harness';
import { answerTriage, BULLYING, confirmClock, openAddress, setUpQuickly, startThroughUi } from './flows';

let ui: Ui;
let sites: PracticeSites;

beforeAll(async () => {
  [ui, sites] = await Promise.all([startUi(), servePracticeSites()]);
});

afterAll(async () => {
  await ui?.close();
  await sites?.close();
});

describe('safe view on the review screen', () => {
  it('lists the blurred pictures and shows one only after a confirmation, recorded', async () => {
    const { page } = ui;
    await setUpQuickly(ui);
    const ref = await startThroughUi(ui, BULLYING);
    await confirmClock(ui);
    await answerTriage(ui, false);
    const post = `${sites.url}/social/post/3.html`;
    await openAddress(page, post, /./);
    const panel = page.getByRole('region', { name: /^Safe view: blurred on this page/ });
    const picture = `${sites.url}/social/img/new-glasses-edited.svg`;
    const show = panel.getByRole('listitem').filter({ hasText: 'new-glasses-edited.svg' }).getByRole('button');
    await show.waitFor({ timeout: 20_000 });
    await ui.screen('review-safe-view');

    // The keyboard alone: focus the button, Enter, then the dialog's first button has the focus.
    await show.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Show this image unblurred?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(picture);
    // While the question is asked the evidence view is hidden, so it cannot cover the dialog.
    expect(ui.viewBounds()).toBeNull();
    await ui.screen('review-safe-view-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const revealedSoFar = () =>
      (ui.core.desk.active?.store.journal.entries ?? []).filter((e) => e.kind === 'media.revealed');
    // Escape keeps it blurred, and nothing is recorded.
    expect(revealedSoFar()).toHaveLength(0);
    expect(ui.core.desk.active?.ref).toBe(ref);

    await show.focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Yes, show it' }).press('Enter');
    await panel.getByText('Shown unblurred so far: 1.').waitFor({ timeout: 20_000 });
    const revealed = revealedSoFar();
    expect(revealed).toHaveLength(1);
    expect(revealed[0]?.data).toEqual({ url: picture, kind: 'image' });
    expect(revealed[0]?.actor).toMatch(/^[0-9a-f]{32}$/);
    expect(ui.violations.filter((v) => v.screen.startsWith('review-safe-view'))).toEqual([]);
  });
});
