// The screens follow the incident's own policy: for every built-in profile the judgement and the police referral show
// its words (the template's marked), its routes and its review date, and never an identifier; so do who was told
// (offering its contacts), sites and devices, the sanctions row, the follow-ups and the incident log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_KINDS, POLICE_REASONS, TOLD_HOW } from '@shared/evidence/entries';
import {
  outcomeLabels,
  policeColumns,
  policeReasonLabels,
  policyQuote,
  reviewNotice,
} from '@shared/policy/policy-words';
import { FOLLOW_UP_LABELS } from '@shared/procedure/follow-ups';
import { tellable } from '@shared/procedure/told';
import {
  BUILT_IN_PROFILES,
  CONTACT_KEYS,
  profileById,
  QUOTE_KEYS,
  type PolicyProfile,
} from '@shared/policy/profile-registry';
import { startUi, type Ui } from './ui-harness';
import { DSL, HEAD, onScreen, SCHOOL, setUpQuickly } from './flows';

let ui: Ui;
const CLASS_TEACHER = { name: 'Sam Teacher', role: 'Class teacher', passphrase: 'an orange ferry crossing at dawn' };

beforeAll(async () => {
  ui = await startUi();
  await setUpQuickly(ui);
  await ui.core.staff.add(CLASS_TEACHER, [HEAD.passphrase, DSL.passphrase]);
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

/** Every identifier Countersign uses inside, which a screen must never show. */
const IDENTIFIERS: RegExp[] = [
  ...BUILT_IN_PROFILES.map((p) => new RegExp(`\\b${p.id}\\b`)),
  ...POLICE_REASONS.filter((id) => id.includes('-')).map((id) => new RegExp(`\\b${id}\\b`)),
  ...[...QUOTE_KEYS, ...CONTACT_KEYS].filter((k) => /[A-Z0-9]/.test(k)).map((k) => new RegExp(`\\b${k}\\b`)),
  // Lower-case keys, but not inside a web or email address (www.iwf.org.uk, LADO@camden.gov.uk).
  /(?<![./@])\b(dsl|lado|ceop|iwf|staffId|other-[0-9])\b(?![.@])/,
  ...[...FOLLOW_UP_KINDS, ...TOLD_HOW].filter((k) => k.includes('-')).map((k) => new RegExp(`\\b${k}\\b`)),
  /\b(sanctionRow|reportedBy|followUps|policeTold)\b/,
];

const shown = async (): Promise<string> => (await ui.page.locator('body').innerText()).replace(/\s+/g, ' ');
const oneLine = (text: string): string => text.replace(/\s+/g, ' ');
const identifiersIn = (text: string): string[] => IDENTIFIERS.filter((re) => re.test(text)).map(String);

const useProfile = async (profile: PolicyProfile) =>
  ui.core.settings.save({
    organisation: SCHOOL.organisation,
    computer: { name: SCHOOL.computer, location: SCHOOL.location },
    profileId: profile.id,
  });

/** An incident about a member of staff, involving the head teacher, brought to the review or the police route. */
const incident = async (illegal: boolean): Promise<string> => {
  const staff = ui.core.staff.list().find((s) => s.name === CLASS_TEACHER.name);
  const started = await ui.core.startIncident({
    passphrases: [HEAD.passphrase, DSL.passphrase],
    reason: 'A member of staff was reported viewing material of concern on a school laptop.',
    subject: { kind: 'staff', ref: 'S-9', headteacher: true, ...(staff ? { staffId: staff.id } : {}) },
    category: 'Inappropriate or offensive content',
  });
  const [a, b] = started.record.reviewers;
  await ui.core.act(started.ref, a.id, {
    kind: 'clock.confirmed',
    data: { shownAt: new Date().toISOString(), offsetMs: 0 },
  });
  await ui.core.act(started.ref, b.id, { kind: 'triage.answered', data: { illegalSuspected: illegal } });
  return started.ref;
};

const open = async (ref: string, heading: string) => {
  const { page } = ui;
  // The register lists what the vault holds when it is shown: these incidents were started through the services.
  await ui.reload();
  await onScreen(page, 'Incidents');
  await page.getByRole('button', { name: `Open incident ${ref}` }).click();
  await onScreen(page, heading);
};

describe.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))('under %s', (id, profile) => {
  let review = '';
  let police = '';

  beforeAll(async () => {
    await useProfile(profile);
    review = await incident(false);
    police = await incident(true);
  }, 60_000);

  it('the judgement asks in the policy’s words, marks the template’s, says when it is past review', async () => {
    const { page } = ui;
    await open(review, 'Review the content of concern');
    await page.getByRole('button', { name: 'Finished reviewing: make the judgement' }).click();
    await onScreen(page, 'Does the concern have substance?');
    await page.getByLabel('Yes, it has substance: action is needed').check();
    await page.getByRole('group', { name: 'What action will the school take?' }).waitFor();
    const text = await shown();
    expect(identifiersIn(text), id).toEqual([]);
    for (const l of [...Object.values(outcomeLabels(profile)), ...policeReasonLabels(profile)]) {
      expect(text, l.text).toContain(l.text.replace(/\s+/g, ' '));
    }
    const borrowed = policeReasonLabels(profile).filter((l) => !l.ownWords).length;
    const marks = await page.getByText('The SWGfL template’s words: your policy does not list this.').count();
    expect(marks).toBeGreaterThanOrEqual(borrowed);
    const notice = reviewNotice(profile, new Date());
    if (notice) expect(text).toContain(notice);
    else expect(text).not.toContain('due for review');
    if (id === 'st-wilfrids')
      await ui.screen('51-judgement-policy-words', page.getByRole('group', { name: /reported to the police/ }));
  });

  it('the police referral gives the policy’s steps, whom to tell, and its route for the head teacher', async () => {
    const { page } = ui;
    await open(police, 'Report to the police now');
    await page.getByRole('heading', { name: 'What your policy says to do' }).waitFor();
    const text = await shown();
    expect(identifiersIn(text), id).toEqual([]);
    if (id === 'gloucester-house') {
      expect(text).toContain(
        '“Incidents involving the head teacher should be reported to the chair of the Steering Committee.”',
      );
      expect(text).toContain('Tell Chair of the Steering Committee');
      expect(text).toContain('Jacqueline Fearon 020279744556 LADO@camden.gov.uk');
      await ui.screen('52-referral-head-teacher');
    } else {
      expect(text).toContain('allegations about the head teacher go to the chair of governors');
    }
    if (id === 'st-wilfrids') {
      expect(text).toContain(
        'Ensure that the URLs (webpage addresses) which contain the suspect images are reported to the Internet ' +
          'Watch Foundation via www.iwf.org.uk .',
      );
      expect(text).toContain('Contact the police regarding the images and quarantine any devices involved');
      await page.getByRole('heading', { name: 'What your policy says to do' }).scrollIntoViewIfNeeded();
      await ui.screen('53-referral-policy-steps', page.getByRole('heading', { name: 'What your policy says to do' }));
    }
  });

  it('who was told offers the policy’s contacts; a person told and a device show in its words', async () => {
    const { page } = ui;
    // The school changes its policy: this incident and the screens after it keep the one it was opened under.
    const other = profileById(id === 'gloucester-house' ? 'st-wilfrids' : 'gloucester-house') as PolicyProfile;
    await useProfile(other);
    expect(tellable(other).map((c) => c.label)).not.toEqual(tellable(profile).map((c) => c.label));
    await open(police, 'Report to the police now');
    const who = page.getByLabel('Who did you tell?');
    const contacts = tellable(profile);
    await expect
      .poll(() => who.locator('option').allTextContents())
      .toEqual(['Choose who you told', ...contacts.map((c) => c.label), 'Someone else']);
    const lado = contacts.find((c) => !c.police && c.key !== 'dsl') ?? contacts[0];
    await who.selectOption({ label: lado?.label ?? '' });
    await page.getByLabel('How did you tell them?').selectOption({ label: 'Online report form' });
    await page.getByLabel('Their reference (e.g. police incident number)').fill('TOLD-1');
    await page.getByRole('button', { name: 'Record this report' }).click();
    await page.getByRole('table', { name: 'Who has been told' }).getByText('TOLD-1').waitFor();
    await page.getByText('Record a site or device of concern', { exact: true }).click();
    await page.getByLabel('A device').check();
    await page.getByLabel('The device').fill('The staff laptop, asset tag 12');
    await page.getByLabel('The nature of the content causing concern').fill('Images of concern.');
    await page.getByRole('button', { name: 'Record the device' }).click();
    await page.getByText('The staff laptop, asset tag 12').first().waitFor();
    const text = await shown();
    expect(identifiersIn(text), id).toEqual([]);
    expect(text).toContain(oneLine(lado?.label ?? '?'));
    // The staff route quotes the policy on suspension at the referral, or the template's words, marked.
    const suspension = policyQuote(profile, 'suspension');
    expect(text).toContain(oneLine(suspension?.text ?? '?'));
    if (!suspension?.ownWords) expect(text).toContain('Your policy has no words for this.');
    const told = (await ui.core.detail(police)).record.told;
    expect(told.map((t) => [t.who, t.contact, t.police, t.how])).toEqual([
      [lado?.label, lado?.key.startsWith('other-') ? null : lado?.key, false, 'online-form'],
    ]);
  });

  it('the judgement records the sanctions row and starts police steps for a column the policy counts', async () => {
    const { page } = ui;
    await open(review, 'Review the content of concern');
    await page.getByRole('button', { name: 'Finished reviewing: make the judgement' }).click();
    await onScreen(page, 'Does the concern have substance?');
    await page.getByLabel('Yes, it has substance: action is needed').check();
    const table = profile.staffSanctions;
    const row = table.rows[0];
    await page
      .getByLabel(/Which kind of incident in your staff sanctions table is closest/)
      .selectOption(row?.incident ?? '');
    const sanctions = page.getByRole('group', { name: 'Sanctions and actions' });
    const policeCheck = page.getByLabel(outcomeLabels(profile).police.text, { exact: true });
    const counted = policeColumns(table)[0];
    // Gloucester House has no column that alone means the police: "the LADO or the police" is ticked and stays open.
    const either = table.columns.find((c) => /\bpolice\b/i.test(c) && !policeColumns(table).includes(c));
    await sanctions.getByLabel(counted ?? either ?? '', { exact: true }).check();
    expect(await policeCheck.isChecked(), id).toBe(counted !== undefined);
    expect(await policeCheck.isDisabled(), id).toBe(counted !== undefined);
    if (id === 'gloucester-house') expect(either).toBeDefined();
    await page.getByLabel(outcomeLabels(profile).internal.text, { exact: true }).check();
    const text = await shown();
    expect(identifiersIn(text), id).toEqual([]);
    if (counted) expect(text).toContain('Ticked because a sanction below involves the police.');
    await page.getByRole('button', { name: /^Record the judgement/ }).click();
    await onScreen(page, counted ? 'Report to the police now' : 'Conclusion and action proposed or taken');
    const j = (await ui.core.detail(review)).record.judgement;
    expect(j?.sanctionRow).toBe(row?.incident);
    expect(j?.actions.includes('police')).toBe(counted !== undefined);
  });

  it('follow-ups after sign-off quote the policy and show in its words', async () => {
    const { page } = ui;
    const detail = await ui.core.detail(police);
    const [a, b] = detail.record.reviewers;
    const at = new Date().toISOString();
    const table = profile.staffSanctions;
    await ui.core.act(police, a.id, {
      kind: 'told.recorded',
      data: { who: 'Police (non-emergency)', contact: 'police101', police: true, toldAt: at, reference: 'CAD-7' },
    });
    await ui.core.act(police, b.id, { kind: 'isolation.recorded', data: { checks: ['Locked away'] } });
    await ui.core.act(police, a.id, { kind: 'conclusion.recorded', data: { text: 'Referred.' } });
    await ui.core.signOff(police, [HEAD.passphrase, DSL.passphrase]);
    await ui.core.followUp(police, HEAD.passphrase, { kind: 'police-response', text: 'No further police action.' });
    await ui.core.followUp(police, DSL.passphrase, {
      kind: 'internal-procedures',
      text: 'Back under the staff code of conduct.',
      judgement: {
        substance: true,
        actions: ['internal'],
        policeReasons: [],
        sanctionRow: table.rows[0]?.incident ?? '',
        sanctions: table.columns.filter((c) => !policeColumns(table).includes(c)).slice(0, 1),
      },
    });
    await ui.core.followUp(police, DSL.passphrase, { kind: 'debrief', text: 'Debriefed the team.' });
    await open(police, 'Signed off');
    await page.getByRole('button', { name: 'What happened next' }).click();
    await onScreen(page, 'Add what happened next');
    await page.getByLabel(/^Police response/).check();
    const text = await shown();
    expect(identifiersIn(text), id).toEqual([]);
    for (const kind of ['police-response', 'internal-procedures', 'debrief'] as const)
      expect(text).toContain(FOLLOW_UP_LABELS[kind]);
    for (const key of ['followUp', 'policeResponse'] as const) {
      const q = policyQuote(profile, key);
      expect(text, `${id}: ${key}`).toContain(oneLine(q?.text ?? '?'));
    }
  });

  it('the incident log lists the incidents in their own policy’s words, with no identifier', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: 'Preview the incident log' }).click();
    const log = page.getByRole('document', { name: 'Preview of the incident log' });
    await log.getByText(review).first().waitFor();
    const text = oneLine(await log.evaluate((el) => el.shadowRoot?.textContent ?? ''));
    expect(identifiersIn(text), id).toEqual([]);
    const internal = outcomeLabels(profile).internal.text.replace(/\.$/, '');
    expect(text.toLowerCase()).toContain(oneLine(internal).toLowerCase());
    expect(text).toContain('1 device of concern recorded.');
    expect(text).toContain(
      `Kind of incident (sanctions table): ${oneLine(profile.staffSanctions.rows[0]?.incident ?? '')}.`,
    );
  });
});

describe('starting an incident about a member of staff', () => {
  it('asks if they are registered and if the head teacher is involved, and shows the policy’s route', async () => {
    const { page } = ui;
    await useProfile(profileById('gloucester-house') as PolicyProfile);
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await page.getByRole('button', { name: 'Start a new incident' }).click();
    await onScreen(page, 'Start a new incident');
    await page.getByLabel('Reason for investigation').fill('A colleague reported the head teacher’s laptop.');
    await page.getByLabel('Who reported the concern to you?').fill('The school business manager');
    await page.getByLabel('A member of staff or volunteer').check();
    await page.getByLabel('The school’s reference for them').fill('S-1');
    await page
      .getByLabel('Are they registered in Countersign?')
      .selectOption({ label: `Yes: ${DSL.name} (${DSL.role})` });
    await page.getByLabel('The concern involves the head teacher').check();
    await page.getByText('Tell Chair of the Steering Committee').waitFor();
    await page.getByLabel('First reviewing person: passphrase').fill(HEAD.passphrase);
    await page.getByLabel('Second reviewing person: passphrase').fill(DSL.passphrase);
    await ui.screen('50-start-staff', page.getByLabel('Are they registered in Countersign?'));
    await page.getByRole('button', { name: 'Start the incident' }).click();
    await page
      .getByText(`${DSL.name} is the member of staff the concern is about, so cannot review it.`)
      .waitFor({ timeout: 20_000 });
    await onScreen(page, 'Start a new incident');
  });
});

describe('the accessibility of these screens', () => {
  it('has no serious or critical problem', () => {
    expect(ui.violations).toEqual([]);
  });
});
