// Illegal activity suspected at triage: no browsing at all on this computer, straight to the police, then through to a
// signed, exported bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUi, type Ui } from './ui-harness';
import {
  answerTriage,
  callFromPage,
  confirmClock,
  DSL,
  HEAD,
  onScreen,
  setUpQuickly,
  signOffThroughUi,
  startThroughUi,
} from './flows';

let ui: Ui;

beforeAll(async () => {
  ui = await startUi();
  await setUpQuickly(ui);
});

afterAll(async () => {
  await ui?.close();
});

describe('illegal activity suspected at triage', () => {
  let ref = '';

  it('goes straight to the police referral, with nothing to browse or capture', async () => {
    const { page } = ui;
    ref = await startThroughUi(ui, {
      reason: 'A member of staff reported that a colleague’s school laptop was seen showing indecent images.',
      subject: 'A member of staff or volunteer',
      subjectRef: 'S-042',
      category: 'Sexual images or sharing of images',
    });
    await confirmClock(ui);
    await page.getByLabel(/^Yes, or we are not sure/).check();
    await page.getByText('No website will be opened and no screenshot can be taken for this incident.').waitFor();
    await ui.screen('40-triage-yes');
    await answerTriage(ui, true);
    await expect(page.getByText(/A member of staff is involved: tell the LADO/).isVisible()).resolves.toBe(true);
    // The staff route quotes the policy on suspension at the point of referral.
    await expect(page.getByText(/it is likely that a suspension will take place/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Isolate the computer in question as best you can/).isVisible()).resolves.toBe(true);
    await ui.screen('41-triage-police');

    const actor = (await ui.core.detail(ref)).record.reviewers[0].id;
    const browse = (await callFromPage(page, 'review.browse', {
      ref,
      actor,
      action: 'navigate',
      url: 'http://127.0.0.1:9/',
    })) as { ok: boolean; error?: { code: string } };
    expect(browse).toMatchObject({ ok: false, error: { code: 'PROCEDURE_FORBIDS' } });
    const capture = (await callFromPage(page, 'review.capture', { ref, actor, mode: 'viewport' })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(capture).toMatchObject({ ok: false, error: { code: 'CAPTURE_LOCKED' } });
    expect((await ui.core.detail(ref)).record.visits).toEqual([]);
  });

  it('records who was told, isolates the computer, concludes and is signed off', async () => {
    const { page } = ui;
    // Isolation is offered only once someone has been told.
    expect(await page.getByRole('button', { name: 'Next: isolate the computer' }).count()).toBe(0);
    await page.getByLabel('Who did you tell?').selectOption({ label: 'Police (non-emergency)' });
    await page.getByLabel('Their reference (e.g. police incident number)').fill('PC-2026-55871');
    await page
      .getByLabel('Anything they asked you to do (optional)')
      .fill('Do not touch the laptop; an officer will collect it this afternoon.');
    await page.getByRole('button', { name: 'Record this report' }).click();
    await page.getByRole('table', { name: 'Who has been told' }).getByText('PC-2026-55871').waitFor();
    await page.getByRole('button', { name: 'Next: isolate the computer' }).click();
    await onScreen(page, 'Isolate the computer in question');
    for (const item of [/Nobody is using/, /left as it was/, /Nobody has opened/, /locked away/, /The police know/])
      await page.getByLabel(item).check();
    await page.getByRole('button', { name: 'Record the checklist' }).click();
    await onScreen(page, 'Conclusion and action proposed or taken');
    await page
      .getByLabel('Conclusion and action proposed or taken')
      .fill('Referred to the police at once (PC-2026-55871) and to the LADO. Not investigated in school.');
    await page.getByRole('button', { name: 'Record the conclusion' }).click();
    await signOffThroughUi(ui);
    const record = (await ui.core.detail(ref)).record;
    expect(record.triage?.illegalSuspected).toBe(true);
    expect(record.told.map((r) => [r.who, r.police, r.reference])).toEqual([
      ['Police (non-emergency)', true, 'PC-2026-55871'],
    ]);
    expect(record.status).toMatchObject({ phase: 'sealed', policeRoute: 'triage', captureLocked: true });
  });

  it('exports a bundle with no screenshots that checks out', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Evidence bundle' }).click();
    await page.getByLabel('Your passphrase (one of the two reviewers signs the bundle)').fill(HEAD.passphrase);
    await page.getByRole('button', { name: 'Export the evidence bundle' }).click();
    await page.getByRole('heading', { name: 'Bundle exported' }).waitFor({ timeout: 60_000 });
    const bundle = ((await page.locator('.success .mono').first().textContent()) ?? '').trim();
    const report = await ui.core.verify(bundle);
    expect(report.valid).toBe(true);
    expect(report.screenshots).toBe(0);
  });

  it('records the police response, then returns to internal procedures with a new judgement, each signed', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'What happened next' }).click();
    await onScreen(page, 'Add what happened next');
    // Returning to internal procedures is offered only once the police response is recorded.
    expect(await page.getByLabel(/^Returned to internal procedures/).count()).toBe(0);
    await page.getByLabel(/^Police response/).check();
    await page
      .getByLabel('What happened')
      .fill('Police (PC-2026-55871): the images were not indecent; no further police action. Back to the school.');
    await page.getByLabel('Your passphrase (one of the two reviewers)').fill(HEAD.passphrase);
    await page.getByRole('button', { name: 'Add the signed follow-up' }).click();
    await page.getByRole('table', { name: 'Added after sign-off' }).getByText('no further police action').waitFor();
    await page.getByLabel(/^Returned to internal procedures/).check();
    await page.getByLabel('What happened').fill('Handled under the staff code of conduct.');
    await page.getByLabel('Yes, it has substance: action is needed').check();
    await page.getByLabel('Internal response or discipline procedures').check();
    await page.getByLabel('Your passphrase (one of the two reviewers)').fill(DSL.passphrase);
    await ui.screen('42-follow-up', page.getByRole('group', { name: 'What are you adding?' }));
    await page.getByRole('button', { name: 'Add the signed follow-up' }).click();
    await page.getByRole('table', { name: 'Added after sign-off' }).getByText('staff code of conduct').waitFor();
    const record = (await ui.core.detail(ref)).record;
    expect(record.followUps.map((f) => [f.kind, f.signedBy])).toEqual([
      ['police-response', [HEAD.name]],
      ['internal-procedures', [DSL.name]],
    ]);
    expect(record.followUps[1]?.judgement).toMatchObject({ substance: true, actions: ['internal'] });
    // A bundle exported after it: the verifier checks each follow-up's signature with the reviewer's recorded key.
    const { job } = await ui.core.startExport({
      ref,
      recipient: 'Police',
      folder: ui.outDir,
      passphrase: HEAD.passphrase,
    });
    const done = await ui.core.exports.finished(job);
    const report = await ui.core.verify(done.path ?? '');
    expect(report.problems).toEqual([]);
    expect(report.checks.find((c) => c.id === 'addenda')?.result).toBe('passed');
  });

  it('has no serious or critical accessibility problems on these screens', () => {
    expect(ui.violations).toEqual([]);
  });
});
