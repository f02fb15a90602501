// Safe view's recorded choice: turning it off when an incident is opened needs a reason, which the journal keeps with
// the choice, and the pages of that incident are then shown sharp (nothing listed as blurred).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePracticeSites, type PracticeSites } from '@main/practice/practice-sites';
import { startUi, type Ui } from './ui-harness';
import { answerTriage, BULLYING, confirmClock, DSL, HEAD, onScreen, openAddress, setUpQuickly } from './flows';

let ui: Ui;
let sites: PracticeSites;

beforeAll(async () => {
  [ui, sites] = await Promise.all([startUi(), servePracticeSites()]);
});

afterAll(async () => {
  await ui?.close();
  await sites?.close();
});

const REASON = 'The pupil’s drawings are the concern: their detail must be seen to judge them.';

describe('turning safe view off for an incident', () => {
  it('asks for a reason, records the choice with it, and blurs nothing in that review', async () => {
    const { page } = ui;
    await setUpQuickly(ui);
    await page.getByRole('button', { name: /^Start a (new|practice) incident$/ }).click();
    await onScreen(page, /^Start a (new|practice) incident$/);
    await page.getByLabel('Reason for investigation').fill(BULLYING.reason);
    await page.getByLabel('Who reported the concern to you?').fill('Form tutor, Year 8');
    await page.getByLabel(BULLYING.subject).check();
    await page.getByLabel('The school’s reference for them').fill(BULLYING.subjectRef);
    await page.getByLabel('First reviewing person: passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Second reviewing person: passphrase').fill(DSL.passphrase);
    await page.getByLabel('Turn safe view off: show every picture sharp from the start').check();
    await page.getByRole('button', { name: 'Start the incident' }).click();
    await page.getByText('Say why the pictures must be shown sharp, or leave safe view on.').waitFor();
    expect(ui.core.desk.active).toBeNull();

    await page.getByLabel('First reviewing person: passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Second reviewing person: passphrase').fill(DSL.passphrase);
    await page.getByLabel('Why must the pictures be shown sharp?').fill(REASON);
    await ui.screen('start-safe-view-off');
    await page.getByRole('button', { name: 'Start the incident' }).click();
    await onScreen(page, 'Check the computer’s clock');
    const opened = ui.core.desk.active?.store.journal.entries[0];
    expect(opened?.kind).toBe('incident.opened');
    expect(opened?.data).toMatchObject({ safeView: false, safeViewOffReason: REASON });

    await confirmClock(ui);
    await answerTriage(ui, false);
    await openAddress(page, `${sites.url}/social/post/3.html`, /./);
    // The page's pictures have loaded once the engine reports them; with safe view on they would be listed here.
    await expect
      .poll(
        () =>
          ui.core.desk.active?.inv.safeView() !== null &&
          ui.core.desk.active?.store.journal.entries.some((e) => e.kind === 'browser.title'),
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.waitForTimeout(1000);
    expect(ui.core.desk.active?.inv.safeView()).toMatchObject({ on: false, hidden: [] });
    expect(await page.getByRole('region', { name: /^Safe view: blurred on this page/ }).count()).toBe(0);
    expect(ui.violations.filter((v) => v.screen === 'start-safe-view-off')).toEqual([]);
  });
});
