// A whole incident through the UI, from first-run set-up to an exported bundle that checks out, with a screenshot of
// every screen.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePracticeSites, type PracticeSites } from '@main/practice/practice-sites';
import { runCli } from '@test/helpers/cli';
import { startUi, type Ui } from './ui-harness';
import {
  answerTriage,
  BULLYING,
  callFromPage,
  confirmClock,
  DSL,
  HEAD,
  onScreen,
  openAddress,
  setUpThroughUi,
  signOffThroughUi,
  startThroughUi,
} from './flows';
import { tempDir } from '@test/helpers/temp-dirs';

let ui: Ui;
let sites: PracticeSites;

beforeAll(async () => {
  [ui, sites] = await Promise.all([startUi(), servePracticeSites()]);
});

afterAll(async () => {
  await ui?.close();
  await sites?.close();
});

/** What the vault holds for the incident (the journal is encrypted on disk, so it is read through the services). */
const recordOf = async (ref: string) => (await ui.core.detail(ref)).record;

describe('a whole incident through the UI', () => {
  let ref = '';

  it('sets up the vault and shows the recovery code once', async () => {
    const code = await setUpThroughUi(ui, true, 'Milford Haven School Networking e-Safety Policy (Approved 24/05/23)');
    expect(code).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    await ui.screen('03-incidents-empty');
    await expect(ui.page.getByText('No incidents match')).toBeDefined();
  });

  it('starts an incident with two people, confirms the clock and answers triage', async () => {
    ref = await startThroughUi(ui, BULLYING, '04-start');
    await ui.screen('05-clock');
    await confirmClock(ui);
    await ui.screen('06-triage');
    // Before triage, nothing that browses or captures is on screen.
    expect(await ui.page.getByRole('button', { name: /Capture/ }).count()).toBe(0);
    await answerTriage(ui, false);
    await ui.screen('07-review-start');
  });

  it('reviews a page, captures it with a description, and captures another then describes it', async () => {
    const { page } = ui;
    await openAddress(page, `${sites.url}/social/index.html`, /Chatterbox/);
    await ui.screen('08-review-page');
    await page
      .getByLabel('Describe the content causing concern')
      .fill('Profile of the pupil (P-117) with unkind comments from other accounts.');
    await page.getByRole('button', { name: 'Capture visible area' }).click();
    await page.getByRole('heading', { name: /^Capture 1/ }).waitFor();
    await openAddress(page, `${sites.url}/social/post/1.html`, /.+/);
    await page.getByRole('button', { name: 'Capture full page' }).click();
    await page.getByRole('heading', { name: /^Capture 2/ }).waitFor();
    // Capture 2 has no description yet, so the judgement is not offered.
    await expect(
      page.getByRole('button', { name: 'Finished reviewing: make the judgement' }).isDisabled(),
    ).resolves.toBe(true);
    await page
      .getByLabel('Describe the content causing concern in capture 2')
      .fill('Post of the pupil’s photo with name-calling: “nobody likes you”.');
    await page.getByRole('button', { name: 'Save the description' }).click();
    await page.getByText('Concern: Post of the pupil’s photo').waitFor();
    await page.getByLabel('Add a note').fill('Comments appear to come from three accounts in the same class.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: /Comments appear to come from three accounts/ })
      .waitFor();
    // A site the parent named, recorded as text without opening it, and the parent told of the review.
    await page.getByText('Record a site or device of concern').click();
    await page.getByLabel('The site’s address').fill('http://chat.example.invalid/group/714');
    await page.getByLabel('The nature of the content causing concern').fill('Group chat where the photo was shared.');
    await page.getByRole('button', { name: 'Record the site' }).click();
    await page.getByRole('list', { name: 'Sites and devices recorded without a capture' }).waitFor();
    await page.getByText('Record someone you told').click();
    await page.getByLabel('Who did you tell?').selectOption('other');
    await page.getByLabel('Who was it?').fill('Parent of P-117');
    await page.getByLabel('How did you tell them?').selectOption({ label: 'By phone' });
    await page.getByRole('button', { name: 'Record who was told' }).click();
    await page.getByRole('table', { name: 'Who has been told' }).getByText('Parent of P-117').waitFor();
    // Captures are blurred until someone chooses to reveal one.
    expect(await page.locator('img.thumb.blurred').count()).toBe(2);
    await ui.screen('09-review-captures');
    await page.getByRole('button', { name: 'Reveal capture 1' }).click();
    await page.getByRole('dialog', { name: 'Reveal capture 1?' }).waitFor();
    expect(ui.viewBounds()).toBeNull();
    await ui.screen('10-reveal-confirm');
    await page.getByRole('button', { name: 'Yes, reveal capture 1' }).click();
    await page.getByAltText('Capture 1, original').waitFor();
    await page.getByRole('button', { name: 'Blur capture 1 again' }).click();
    expect(await page.getByAltText('Capture 1, original').count()).toBe(0);

    const record = await recordOf(ref);
    expect(record.captures.map((c) => c.mode)).toEqual(['viewport', 'fullpage']);
    expect(record.captures[0]?.concern).toContain('unkind comments');
    expect(record.captures[1]?.concern).toContain('nobody likes you');
    expect(record.notes.map((n) => n.text)).toEqual(['Comments appear to come from three accounts in the same class.']);
    expect(record.sites.map((x) => [x.url, x.concern])).toEqual([
      ['http://chat.example.invalid/group/714', 'Group chat where the photo was shared.'],
    ]);
    expect(record.told.map((t) => [t.who, t.police, t.how])).toEqual([['Parent of P-117', false, 'phone']]);
    expect(record.reportedBy).toBe('Form tutor, Year 8');
    const visited = record.visits.map((v) => v.url);
    expect(visited).toContain(`${sites.url}/social/index.html`);
    expect(visited).toContain(`${sites.url}/social/post/1.html`);
  });

  it('makes the judgement with sanctions suggested from the pupil matrix', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Finished reviewing: make the judgement' }).click();
    await onScreen(page, 'Does the concern have substance?');
    await page.getByLabel('Yes, it has substance: action is needed').check();
    // All six items of the police list are asked.
    expect(
      await page
        .getByRole('group', { name: 'Should any of these be reported to the police?' })
        .getByRole('checkbox')
        .count(),
    ).toBe(6);
    await page.getByLabel('Internal response or discipline procedures').check();
    await page
      .getByLabel('Which kind of incident in your pupil sanctions table is closest?')
      .selectOption(
        'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
      );
    // The school's matrix suggests, and ticks, what its policy gives for this kind of incident.
    await expect.poll(() => page.getByLabel('Inform parents / carers').isChecked()).toBe(true);
    expect(await page.getByLabel('Removal of internet access rights').isChecked()).toBe(true);
    expect(await page.getByLabel('Warning').isChecked()).toBe(false);
    // The policy suggests referring to the police for this kind of incident: ticked, it involves the police.
    expect(await page.getByLabel('Refer to Police').isChecked()).toBe(true);
    const police = page.getByLabel('Police involvement and/or action');
    expect([await police.isChecked(), await police.isDisabled()]).toEqual([true, true]);
    // The reviewers decide otherwise about that suggestion: no police involvement here.
    await page.getByLabel('Refer to Police').uncheck();
    expect([await police.isChecked(), await police.isDisabled()]).toEqual([false, false]);
    await ui.screen('11-judgement', page.getByRole('heading', { name: 'Sanctions from your policy' }));
    await page.getByRole('button', { name: 'Record the judgement' }).click();
    await onScreen(page, 'Conclusion and action proposed or taken');
  });

  it('keeps what was typed in the conclusion when the window is closed and opened again', async () => {
    const { page } = ui;
    const text =
      'Concern upheld. Parents of P-117 informed; three pupils spoken ' +
      'to under the behaviour policy; accounts reported to the site.';
    await page.getByLabel('Conclusion and action proposed or taken').fill(text);
    await ui.screen('12-conclusion');
    await page.waitForTimeout(700);
    await ui.reload();
    await ui.core.lock();
    await ui.reload();
    await onScreen(page, 'Countersign is locked');
    await ui.screen('21-lock');
    await page.getByRole('button', { name: 'Forgotten your passphrase?' }).click();
    await onScreen(page, 'Forgotten passphrase');
    await ui.screen('22-forgotten-passphrase');
    await page.getByRole('button', { name: 'Back to unlocking' }).click();
    await onScreen(page, 'Countersign is locked');
    await page.getByLabel('Your passphrase').fill(DSL.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: `Open incident ${ref}` }).click();
    await onScreen(page, 'Conclusion and action proposed or taken');
    await expect.poll(() => page.getByLabel('Conclusion and action proposed or taken').inputValue()).toBe(text);
    // The draft is in the vault, encrypted: its words are nowhere in clear in the data folder.
    const drafts = await readdir(join(ui.dataDir, 'drafts'));
    expect(drafts.length).toBeGreaterThan(0);
    for (const f of drafts)
      expect((await readFile(join(ui.dataDir, 'drafts', f))).toString('latin1')).not.toContain('Concern upheld');
    await page.getByRole('button', { name: 'Record the conclusion' }).click();
  });

  it('is signed off by both reviewers', async () => {
    const { page } = ui;
    await onScreen(page, 'Sign off the record');
    await page.getByRole('button', { name: 'Show the whole form as it will print' }).click();
    await page.getByRole('document', { name: 'The incident form as it will print' }).waitFor();
    await signOffThroughUi(ui, '13-sign-off');
    const record = await recordOf(ref);
    expect(record.signoffs.map((x) => x.reviewer.name)).toEqual([HEAD.name, DSL.name]);
    expect(record.status.phase).toBe('sealed');
    expect(record.judgement?.sanctions).toEqual(expect.arrayContaining(['Inform parents / carers']));
    expect(record.judgement?.sanctions).not.toContain('Refer to Police');
    expect(record.judgement?.sanctionRow).toBe(
      'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
    );
  });

  it('previews and saves the form and the screenshots', async () => {
    const { page } = ui;
    await ui.screen('14-signed-off');
    await page.getByRole('button', { name: 'Preview the form' }).click();
    const preview = page.getByRole('document', { name: 'Preview of the incident form' });
    await preview.waitFor();
    await expect(preview.getByText(ref).first().isVisible()).resolves.toBe(true);
    await ui.screen('15-form-preview', preview);
    await page.getByRole('button', { name: 'Save the incident form as PDF' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved' });
    await saved.waitFor();
    const path = ((await saved.locator('.mono').textContent()) ?? '').trim();
    expect(path.startsWith(ui.outDir)).toBe(true);
    expect((await readFile(path)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('button', { name: 'Preview the screenshots' }).click();
    await page.getByRole('document', { name: 'Preview of the screenshots' }).waitFor();
  });

  it('previews and saves each reviewer’s own account: their captures’ fingerprints, no image', async () => {
    const { page } = ui;
    const record = await recordOf(ref);
    // The account of whoever took the first capture: it must list every capture of theirs by its SHA-256.
    const who = record.reviewers.find((r) => r.id === record.captures[0]?.by.id);
    if (!who) throw new Error('the first capture has no reviewer');
    const theirs = record.captures.filter((x) => x.by.id === who.id);
    await page.getByLabel('Whose account?').selectOption({ label: `${who.name} (${who.role})` });
    await page.getByRole('button', { name: 'Close the preview' }).click();
    const accounts = page.getByRole('heading', { name: 'Each reviewer’s own account' });
    await accounts.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ui.screen('15a-accounts', accounts);
    await page.getByRole('button', { name: `Preview the account of ${who.name}` }).click();
    const preview = page.getByRole('document', { name: `Preview of the account of ${who.name}` });
    await preview.waitFor();
    await expect(preview.getByText('Generated from the signed record, for you to check.').isVisible()).resolves.toBe(
      true,
    );
    const html = (await preview.evaluate((node) => node.shadowRoot?.innerHTML)) ?? '';
    expect(theirs.length).toBeGreaterThan(0);
    for (const c of theirs) expect(html).toContain(c.sha256);
    expect(html).not.toMatch(/<img/i);
    await ui.screen('15b-account-preview', preview);
    await page.getByRole('button', { name: 'Save the account as PDF' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Account saved' });
    await saved.waitFor();
    const path = ((await saved.locator('.mono').textContent()) ?? '').trim();
    expect(path).toMatch(new RegExp(`${ref}-account-[a-z0-9-]+\\.pdf$`));
    expect((await readFile(path)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exports the evidence bundle with a progress bar, and the bundle checks out', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Evidence bundle' }).click();
    await onScreen(page, 'Export the evidence bundle');
    await page.getByLabel('Password to lock the bundle (optional, recommended)').fill('amber-lantern-4417');
    await page.getByLabel('Password again').fill('amber-lantern-4417');
    await page.getByLabel('Your passphrase (one of the two reviewers signs the bundle)').fill(HEAD.passphrase);
    await ui.screen('16-export');
    // Whether a progress bar was ever shown, however quickly the export ran.
    await page.evaluate(() => {
      const seen = window as unknown as { sawProgress: boolean };
      seen.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress')) seen.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByRole('button', { name: 'Export the evidence bundle' }).click();
    await page.getByRole('heading', { name: 'Bundle exported' }).waitFor({ timeout: 60_000 });
    await ui.screen('17-exported', page.getByRole('heading', { name: 'Bundle exported' }));
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
    const bundle = ((await page.locator('.success .mono').first().textContent()) ?? '').trim();
    expect(bundle).toMatch(new RegExp(`${ref}-evidence\\.zip$`));
    const made = (await ui.core.detail(ref)).exports;
    expect(made.map((x) => x.recipient)).toEqual(['Police']);

    // The police officer's check: the bundle, its password, and what the signed paper form prints.
    const record = await recordOf(ref);
    await page.getByRole('button', { name: 'Check a bundle' }).first().click();
    await onScreen(page, 'Check an evidence bundle');
    await page.getByLabel('Bundle file or folder').fill(bundle);
    await page.getByLabel('Bundle password (if it is locked)').fill('amber-lantern-4417');
    await page.getByLabel('Computer’s key fingerprint').fill(record.deviceKeyFingerprint.slice(0, 16));
    await page.getByLabel('Record digest').fill(record.recordDigest ?? '');
    await page
      .getByLabel('Key fingerprint of the first reviewer to sign off')
      .fill(record.signoffs[0]?.keyFingerprint ?? '');
    await page
      .getByLabel('Key fingerprint of the second reviewer to sign off')
      .fill(record.signoffs[1]?.keyFingerprint ?? '');
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.getByRole('heading', { name: 'VALID: the bundle is intact' }).waitFor({ timeout: 30_000 });
    const paper = page.getByRole('region', { name: 'Compare with the printed form' });
    expect(await paper.getByText('matches what you typed').count()).toBe(4);
    expect(
      await page.getByRole('row', { name: /The values typed from the printed form match the bundle Passed/ }).count(),
    ).toBe(1);
    await ui.screen('18-verify', page.getByRole('heading', { name: 'Compare with the printed form' }));
    expect((await ui.core.verify(bundle, 'amber-lantern-4417')).valid).toBe(true);

    // A digest from another form: INVALID, and the value typed is named.
    await page.getByLabel('Record digest').fill('ab'.repeat(8));
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.getByRole('heading', { name: 'INVALID: do not rely on this bundle' }).waitFor({ timeout: 30_000 });
    expect(
      await page
        .getByText(/the record digest typed from the printed form \(abababababababab\) is not in this bundle/)
        .count(),
    ).toBeGreaterThan(0);
    await ui.screen('18b-verify-mismatch', page.getByRole('heading', { name: 'Compare with the printed form' }));

    // Every note the command line prints is on the screen too: the bundle repacked under another folder name.
    const dir = await tempDir('cs-repack-');
    expect(spawnSync('7zz', ['x', `-pamber-lantern-4417`, `-o${dir}`, bundle]).status).toBe(0);
    await rename(join(dir, ref), join(dir, 'renamed'));
    const repacked = join(dir, 'repacked.zip');
    expect(spawnSync('7zz', ['a', repacked, 'renamed'], { cwd: dir }).status).toBe(0);
    const cli = JSON.parse((await runCli(['verify', repacked, '--json'])).stdout) as { warnings: string[] };
    expect(cli.warnings.some((w) => /the zip was repacked/.test(w))).toBe(true);
    await page.getByLabel('Bundle file or folder').fill(repacked);
    await page.getByLabel('Bundle password (if it is locked)').fill('');
    await page.getByLabel('Record digest').fill('');
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.getByRole('heading', { name: 'VALID: the bundle is intact' }).waitFor({ timeout: 30_000 });
    const notes = page.getByRole('heading', { name: 'Notes' }).locator('xpath=following-sibling::ul[1]/li');
    expect(await notes.allTextContents()).toEqual(cli.warnings);
    const wrong = (await callFromPage(page, 'verify.run', { path: bundle, password: 'not-the-password' })) as {
      ok: boolean;
      value: { valid: boolean };
    };
    expect(wrong.ok && wrong.value.valid).toBe(false);
  });

  it('saves the stand-alone verifier for the police from the same screen, with its SHA-256 beside it', async () => {
    const { page } = ui;
    const folder = await tempDir('cs-verifier-');
    await page.getByLabel('Folder to save it in').fill(folder);
    await page.getByRole('button', { name: 'Save the stand-alone verifier' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    const html = await readFile(join(folder, 'countersign-verifier.html'));
    const sha256 = createHash('sha256').update(html).digest('hex');
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).toContain(sha256);
    expect(await readFile(join(folder, 'countersign-verifier.html.sha256'), 'utf8')).toContain(sha256);
  });

  it('lists the incident in the register, where it can be found by stage and category', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Incidents' }).click();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: `Open incident ${ref}` }).waitFor();
    await page.getByLabel('Stage').selectOption('sealed');
    await page.getByLabel('Category').selectOption('Cyberbullying');
    await expect.poll(() => page.getByRole('button', { name: /^Open incident/ }).count()).toBe(1);
    await ui.screen('19-register');
    await page.getByLabel('Stage').selectOption('open');
    await expect.poll(() => page.getByRole('button', { name: /^Open incident/ }).count()).toBe(0);
    await page.getByLabel('Stage').selectOption('all');
    await page.getByLabel('Category').selectOption('');
  });

  it('makes the incident log and the governors’ summary from the Incidents screen, for the school year', async () => {
    const { page } = ui;
    // The period is typed day/month/year: the school year this incident falls in.
    const now = new Date();
    const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
    await expect.poll(() => page.getByLabel('Incidents opened from').inputValue()).toBe(`01/09/${start}`);
    await page.getByLabel('Incidents opened from').fill('31/02/2026');
    await page.getByText('Write the date as day/month/year').first().waitFor();
    await page.getByLabel('Incidents opened from').fill(`01/09/${start}`);
    await page.getByRole('button', { name: 'Preview the incident log' }).click();
    const log = page.getByRole('document', { name: 'Preview of the incident log' });
    await log.waitFor();
    await log.getByText(ref).first().waitFor();
    await log.getByText('Form tutor, Year 8').first().waitFor();
    await ui.screen(
      '19b-incident-log',
      page.getByRole('heading', { name: 'The incident log and the governors’ summary' }),
    );
    await page.getByRole('button', { name: 'Preview the governors’ summary' }).click();
    const summary = page.getByRole('document', { name: 'Preview of the governors’ summary' });
    await summary.waitFor();
    expect(await summary.getByText(ref).count()).toBe(0);
    await page.getByRole('button', { name: 'Save as CSV (spreadsheet)' }).last().click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved' });
    await saved.waitFor();
    const path = ((await saved.locator('.mono').textContent()) ?? '').trim();
    expect(path).toBe(join(ui.outDir, 'governors-summary.csv'));
    const csv = await readFile(path, 'utf8');
    expect(csv).toContain('Total,All incidents,1');
    expect(csv).not.toContain(ref);
  });

  it('shows the settings: school and computer, policy, staff', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).click();
    await onScreen(page, 'Settings');
    await ui.screen('20-settings');
    await page.getByRole('button', { name: 'Policy', exact: true }).click();
    await page.getByLabel('Policy profile', { exact: true }).waitFor();
    await ui.screen('20b-settings-policy');
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await page.getByRole('table', { name: 'Registered staff' }).getByText(HEAD.name).waitFor();
    await ui.screen('20c-settings-staff');
  });

  it('has no serious or critical accessibility problems on any screen it visited', () => {
    expect(ui.violations).toEqual([]);
  });

  it('keeps the app window only ever talking through window.countersign', async () => {
    expect(await ui.page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    const frozen = await ui.page.evaluate(() => {
      const w = window as unknown as { countersign: unknown };
      try {
        w.countersign = null;
      } catch {
        return 'threw';
      }
      return w.countersign === null ? 'replaced' : 'kept';
    });
    expect(frozen).not.toBe('replaced');
  });
});
