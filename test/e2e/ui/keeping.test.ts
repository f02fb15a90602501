// Keeping records through the screens: the school sets its retention period (none until it does), incidents show
// their review date, the vault is backed up to a folder, and two people delete an incident, with its certificate.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewDay } from '@shared/procedure/retention';
import { checkBackup } from '@main/services/backup';
import { startUi, type Ui } from './ui-harness';
import { DSL, HEAD, onScreen, setUpQuickly } from './flows';

let ui: Ui;
let ref = '';
let signedOffAt = '';

const ukDay = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));

beforeAll(async () => {
  ui = await startUi();
  await setUpQuickly(ui);
  const started = await ui.core.startIncident({
    passphrases: [HEAD.passphrase, DSL.passphrase],
    reason: 'Unkind posts reported by a parent.',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
  });
  ref = started.ref;
  const [a, b] = started.record.reviewers;
  await ui.core.act(ref, a.id, { kind: 'clock.confirmed', data: { shownAt: new Date().toISOString(), offsetMs: 0 } });
  await ui.core.act(ref, b.id, { kind: 'triage.answered', data: { illegalSuspected: false } });
  await ui.core.act(ref, a.id, { kind: 'judgement.made', data: { substance: false, actions: [], policeReasons: [] } });
  await ui.core.act(ref, a.id, { kind: 'conclusion.recorded', data: { text: 'No further action.' } });
  const sealed = await ui.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
  signedOffAt = sealed.retention.signedOffAt ?? '';
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

describe('keeping records', () => {
  it('sets the retention period, shows the review date, and backs up', async () => {
    const { page } = ui;
    await ui.reload();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: 'Settings' }).first().click();
    await onScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Keeping records' }).click();
    await page.getByText('No period is set yet').waitFor();
    await page.getByText(/IRMS Information Management Toolkit/).waitFor();
    await page.getByLabel('Keep each incident after sign-off for').fill('6');
    await page.getByRole('button', { name: 'Save the period' }).click();
    await page.getByText('Each incident is due for review 6 years after it was signed off.').waitFor();
    await page.getByLabel('Back up into this folder').fill(ui.outDir);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByRole('heading', { name: 'Backed up' }).waitFor({ timeout: 30_000 });
    await ui.screen('60-keeping-records');
    const [backup] = await readdir(ui.outDir);
    expect(await checkBackup(join(ui.outDir, backup ?? ''))).toEqual([]);

    await page.getByRole('button', { name: 'Incidents' }).first().click();
    await onScreen(page, 'Incidents');
    const due = ukDay(reviewDay(signedOffAt, 72));
    await page.getByRole('cell', { name: due }).waitFor();
    await page.getByRole('button', { name: `Open incident ${ref}` }).click();
    await page.getByText(`review due ${due}`).waitFor();
  });

  it('deletes the incident only with two people, and saves the certificate', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Delete this incident…' }).click();
    await onScreen(page, `Delete incident ${ref}`);
    await page.getByLabel('Why is it being deleted?').fill('Retention period over');
    await page.getByLabel('First person’s passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Second person’s passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Save the destruction certificate in this folder').fill(ui.outDir);
    await ui.screen('61-delete-incident');
    await page.getByRole('button', { name: 'Delete this incident for good' }).click();
    await page.getByText('Nothing was deleted').waitFor();
    expect(await readdir(join(ui.dataDir, 'incidents'))).toEqual([ref]);

    await page.getByLabel('First person’s passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Second person’s passphrase').fill(DSL.passphrase);
    await page.getByRole('button', { name: 'Delete this incident for good' }).click();
    await onScreen(page, `Incident ${ref} has been deleted`);
    const pdf = join(ui.outDir, `${ref}-destruction-certificate.pdf`);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readdir(join(ui.dataDir, 'incidents'))).toEqual([]);
    await page.getByRole('button', { name: 'Back to the incidents' }).click();
    await onScreen(page, 'Incidents');
    await page.getByText('No incidents match').waitFor();
    expect(ui.violations).toEqual([]);
  });
});
