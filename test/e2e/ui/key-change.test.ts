// A reviewer's new key after a passphrase recovery, in the real UI: the incident shows who has a new key and asks the
// other reviewer to confirm it; sign-off with the new key is refused until then, and accepted after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DSL, HEAD, onScreen, SCHOOL } from './flows';
import { startUi, type Ui } from './ui-harness';

const NEW_DSL = 'a lantern left burning in the boathouse';

let ui: Ui;
let ref: string;

beforeAll(async () => {
  ui = await startUi();
  const { core } = ui;
  const { recoveryCode } = await core.setUp({
    organisation: SCHOOL.organisation,
    computer: { name: SCHOOL.computer, location: SCHOOL.location },
    profileId: 'swgfl-template',
    staff: [HEAD, DSL],
  });
  const started = await core.startIncident({
    passphrases: [HEAD.passphrase, DSL.passphrase],
    reason: 'Unkind posts about a pupil reported by a parent.',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
  });
  ref = started.ref;
  const a = started.record.reviewers[0].id;
  await core.act(ref, a, { kind: 'clock.confirmed', data: { shownAt: new Date().toISOString(), offsetMs: 0 } });
  await core.act(ref, a, { kind: 'triage.answered', data: { illegalSuspected: false } });
  await core.act(ref, a, { kind: 'judgement.made', data: { substance: false, actions: [], policeReasons: [] } });
  await core.act(ref, a, {
    kind: 'conclusion.recorded',
    data: { text: 'No substance: the posts were not about him.' },
  });
  await core.lock();
  const dana = (await core.recoveryStaff(recoveryCode)).find((s) => s.name === DSL.name);
  await core.recoveryReset(recoveryCode, dana?.id ?? '', NEW_DSL);
  await ui.reload();
  await onScreen(ui.page, 'Incidents');
}, 120_000);

afterAll(async () => {
  await ui.close();
});

describe('a reviewer with a new signing key', () => {
  it('is shown on the incident, with the other reviewer asked to confirm it', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: `Open incident ${ref}` }).click();
    await onScreen(page, 'Sign off the record');
    const box = page.getByRole('region', { name: `${DSL.name} has a new signing key` });
    await box.waitFor();
    await ui.screen('23-new-signing-key', box);
    await page.getByLabel(`${HEAD.name} (${HEAD.role}): passphrase`).fill(HEAD.passphrase);
    await page.getByLabel(`${DSL.name} (${DSL.role}): passphrase`).fill(NEW_DSL);
    await page.getByRole('button', { name: 'Sign off the record' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/signing key is not the one recorded for Dana Lead in this incident/);
  });

  it('is confirmed by the other reviewer, and then both sign off', async () => {
    const { page } = ui;
    const box = page.getByRole('region', { name: `${DSL.name} has a new signing key` });
    await box.getByLabel(`${HEAD.name}: passphrase`).fill(HEAD.passphrase);
    await box.getByRole('button', { name: `Confirm ${DSL.name}’s new key` }).click();
    await box.waitFor({ state: 'detached' });
    await page.getByLabel(`${HEAD.name} (${HEAD.role}): passphrase`).fill(HEAD.passphrase);
    await page.getByLabel(`${DSL.name} (${DSL.role}): passphrase`).fill(NEW_DSL);
    await page.getByRole('button', { name: 'Sign off the record' }).click();
    await onScreen(page, /signed off/i);
    expect((await ui.core.detail(ref)).phase).toBe('sealed');
    expect(ui.violations).toEqual([]);
  });
});
