// The screens follow the incident's own policy: for every built-in profile the judgement and the police referral show
// its words (the template's marked), its routes and its review date, and never an identifier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICE_REASONS } from '@shared/evidence/entries';
import { outcomeLabels, policeReasonLabels, reviewNotice } from '@shared/policy/policy-words';
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
];

const shown = async (): Promise<string> => (await ui.page.locator('body').innerText()).replace(/\s+/g, ' ');

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
    expect(IDENTIFIERS.filter((re) => re.test(text)).map(String), id).toEqual([]);
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
    expect(IDENTIFIERS.filter((re) => re.test(text)).map(String), id).toEqual([]);
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
});

describe('starting an incident about a member of staff', () => {
  it('asks if they are registered and if the head teacher is involved, and shows the policy’s route', async () => {
    const { page } = ui;
    await useProfile(profileById('gloucester-house') as PolicyProfile);
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await page.getByRole('button', { name: 'Start a new incident' }).click();
    await onScreen(page, 'Start a new incident');
    await page.getByLabel('Reason for investigation').fill('A colleague reported the head teacher’s laptop.');
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
