// Steps of the UI a person takes, shared by the end-to-end tests: set-up, starting an incident, the clock and triage.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Ui } from './ui-harness';

/** What the shared flows need of a host: the app window, and (in the Chromium harness) screenshots of screens. */
export type Driver = Pick<Ui, 'page'> & Partial<Pick<Ui, 'screen'>>;

export const HEAD = { name: 'Alex Head', role: 'Headteacher', passphrase: 'blue kettle on the staffroom windowsill' };
export const DSL = {
  name: 'Dana Lead',
  role: 'Designated Safeguarding Lead',
  passphrase: 'seven ravens circling the playground',
};
export const SCHOOL = {
  organisation: 'Brindlewick Primary School',
  computer: 'SAFEGUARD-LAPTOP-1',
  location: 'Locked cabinet, head’s office',
};

/** Waits for the screen whose main heading is this. */
export const onScreen = async (page: Page, heading: string | RegExp): Promise<void> => {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 });
};

/** The set-up screen filled in, as the two staff would, not yet sent. */
export const fillSetUp = async (ui: Driver, policy?: string, people: readonly (typeof HEAD)[] = [HEAD, DSL]) => {
  const { page } = ui;
  await onScreen(page, 'Set up Countersign on this computer');
  await page.getByLabel('Name of the school').fill(SCHOOL.organisation);
  await page.getByLabel('Name of this computer').fill(SCHOOL.computer);
  await page.getByLabel('Where this computer is kept').fill(SCHOOL.location);
  if (policy) await page.getByLabel('Your online safety policy').selectOption({ label: policy });
  for (const [i, p] of people.entries()) {
    const card = page.getByRole('group', { name: `Person ${i + 1}` });
    await card.getByLabel('Full name').fill(p.name);
    await card.getByLabel('Role or position').fill(p.role);
    await card.getByLabel('Passphrase', { exact: true }).fill(p.passphrase);
    await card.getByLabel('Passphrase again').fill(p.passphrase);
  }
};

/** The set-up screen, filled in and sent, as the two staff would; returns the recovery code shown. */
export const setUpThroughUi = async (ui: Driver, shots = false, policy?: string): Promise<string> => {
  const { page } = ui;
  await fillSetUp(ui, policy);
  if (shots) await ui.screen?.('01-set-up');
  await page.getByRole('button', { name: 'Set up Countersign' }).click();
  await onScreen(page, 'Keep the recovery code safe');
  const code = (await page.getByLabel('Recovery code', { exact: true }).textContent()) ?? '';
  if (shots) await ui.screen?.('02-recovery-code');
  await page.getByLabel(/I have printed or written down the recovery code/).check();
  await page.getByRole('button', { name: 'Continue to Countersign' }).click();
  await onScreen(page, 'Incidents');
  return code;
};

/** Set-up straight through the services (for tests about later screens), then the page picks up the unlocked vault. */
export const setUpQuickly = async (ui: Ui): Promise<void> => {
  await ui.core.setUp({
    organisation: SCHOOL.organisation,
    computer: { name: SCHOOL.computer, location: SCHOOL.location },
    profileId: 'swgfl-template',
    staff: [HEAD, DSL],
  });
  await ui.reload();
  await onScreen(ui.page, 'Incidents');
};

export interface StartDetails {
  reason: string;
  subject: 'A pupil' | 'A member of staff or volunteer' | 'Someone else';
  subjectRef: string;
  category: string;
  /** Who reported the concern (default: a form tutor). */
  reportedBy?: string;
}

export const BULLYING: StartDetails = {
  reason: 'Parent reported unkind comments about a Year 8 pupil on a social network page.',
  subject: 'A pupil',
  subjectRef: 'P-117',
  category: 'Cyberbullying',
};

/**
 * From the incident list: the start screen, both passphrases, then the clock screen. Returns the new incident's
 * reference.
 */
export const startThroughUi = async (ui: Driver, details: StartDetails, shot?: string): Promise<string> => {
  const { page } = ui;
  // From the incident list, unless a test has opened the start screen already.
  const open = page.getByRole('button', { name: /^Start a (new|practice) incident$/ });
  if ((await open.count()) > 0) await open.click();
  await onScreen(page, /^Start a (new|practice) incident$/);
  await page.getByLabel('Reason for investigation').fill(details.reason);
  await page.getByLabel('Who reported the concern to you?').fill(details.reportedBy ?? 'Form tutor, Year 8');
  await page.getByLabel(details.subject).check();
  await page.getByLabel('The school’s reference for them').fill(details.subjectRef);
  await page.getByLabel('Category').selectOption(details.category);
  await page.getByLabel('First reviewing person: passphrase').fill(HEAD.passphrase);
  await page.getByLabel('Second reviewing person: passphrase').fill(DSL.passphrase);
  if (shot) await ui.screen?.(shot);
  await page.getByRole('button', { name: 'Start the incident' }).click();
  await onScreen(page, 'Check the computer’s clock');
  const ref = (await page.locator('.incident-bar .ref').textContent()) ?? '';
  expect(ref).toMatch(/^CS-\d{8}-[0-9A-F]{12}$/);
  return ref;
};

export const confirmClock = async (ui: Driver, shot?: string): Promise<void> => {
  const { page } = ui;
  await page.getByLabel('Yes, it matches (to within a minute)').check();
  if (shot) await ui.screen?.(shot);
  await page.getByRole('button', { name: 'Confirm the clock' }).click();
  await onScreen(page, 'Before you look at anything');
};

export const answerTriage = async (ui: Driver, illegal: boolean, shot?: string): Promise<void> => {
  const { page } = ui;
  await page.getByLabel(illegal ? /^Yes, or we are not sure/ : /^No: review the content/).check();
  if (shot) await ui.screen?.(shot);
  await page.getByRole('button', { name: /^Record the answer/ }).click();
  await onScreen(page, illegal ? 'Report to the police now' : 'Review the content of concern');
};

/**
 * Opens an address in the evidence browser from the review screen's address bar and waits until the page's title shows.
 */
export const openAddress = async (page: Page, url: string, title: string | RegExp): Promise<void> => {
  await page.getByLabel('Web address').fill(url);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('.page-title', { hasText: title }).waitFor({ timeout: 20_000 });
};

/** Calls a channel from inside the app page, exactly as the renderer does. */
export const callFromPage = (page: Page, channel: string, request: unknown): Promise<unknown> =>
  page.evaluate(
    ([c, r]) =>
      (window as unknown as { countersign: Record<string, (x: unknown) => Promise<unknown>> }).countersign[
        c as string
      ]?.(r),
    [channel, request] as const,
  );

/** Each reviewer's passphrase typed in the two sign-off fields, then the record sealed. */
export const signOffThroughUi = async (ui: Driver, shot?: string): Promise<void> => {
  const { page } = ui;
  await onScreen(page, 'Sign off the record');
  await page.getByLabel(`${HEAD.name} (${HEAD.role}): passphrase`).fill(HEAD.passphrase);
  await page.getByLabel(`${DSL.name} (${DSL.role}): passphrase`).fill(DSL.passphrase);
  if (shot) await ui.screen?.(shot);
  await page.getByRole('button', { name: 'Sign off the record' }).click();
  await onScreen(page, 'Signed off: print and keep the form');
};
