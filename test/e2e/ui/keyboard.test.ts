// The main path with the keyboard alone: from set-up to sign-off, every control reached with Tab and used with Enter,
// Space or the arrows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePracticeSites, type PracticeSites } from '@main/practice/practice-sites';
import { startUi, type Ui } from './ui-harness';
import { DSL, HEAD, onScreen, SCHOOL } from './flows';

let ui: Ui;
let sites: PracticeSites;

beforeAll(async () => {
  [ui, sites] = await Promise.all([startUi(), servePracticeSites()]);
});

afterAll(async () => {
  await ui?.close();
  await sites?.close();
});

/** The focused element's name as assistive technology would read it: its label, aria-label or text. */
const focusedName = (): Promise<string> =>
  ui.page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      return Array.from(el.labels ?? [])
        .map((l) => l.textContent ?? '')
        .join(' ');
    }
    return el.textContent ?? '';
  });

/** Presses Tab until the control with this name has the focus; fails if Tab never reaches it. */
const tabTo = async (name: RegExp): Promise<void> => {
  for (let i = 0; i < 80; i += 1) {
    await ui.page.keyboard.press('Tab');
    if (name.test((await focusedName()).trim())) return;
  }
  throw new Error(`Tab never reached a control named ${name}`);
};

const typeInto = async (name: RegExp, text: string): Promise<void> => {
  await tabTo(name);
  await ui.page.keyboard.type(text);
};

describe('the main path with the keyboard alone', () => {
  it('sets up, starts, reviews, judges, concludes and signs off without the mouse', async () => {
    const { page, core } = ui;
    await onScreen(page, 'Set up Countersign on this computer');
    await typeInto(/^Name of the school$/, SCHOOL.organisation);
    await typeInto(/^Name of this computer$/, SCHOOL.computer);
    await typeInto(/^Where this computer is kept$/, SCHOOL.location);
    for (const p of [HEAD, DSL]) {
      await typeInto(/^Full name$/, p.name);
      await typeInto(/^Role or position$/, p.role);
      await typeInto(/^Passphrase$/, p.passphrase);
      await typeInto(/^Passphrase again$/, p.passphrase);
    }
    await tabTo(/^Set up Countersign$/);
    await page.keyboard.press('Enter');
    await onScreen(page, 'Keep the recovery code safe');
    await tabTo(/I have printed or written down/);
    await page.keyboard.press('Space');
    await tabTo(/^Continue to Countersign$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Incidents');
    await tabTo(/^Start a new incident$/);
    await page.keyboard.press('Enter');
    await onScreen(page, 'Start a new incident');
    await typeInto(/^Reason for investigation$/, 'Report of unkind posts about a pupil.');
    await typeInto(/^Who reported the concern to you\?$/, 'Form tutor, Year 8');
    await typeInto(/^The school’s reference for them$/, 'P-201');
    await typeInto(/^First reviewing person: passphrase$/, HEAD.passphrase);
    await typeInto(/^Second reviewing person: passphrase$/, DSL.passphrase);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Check the computer’s clock');
    await tabTo(/^Yes, it matches/);
    await page.keyboard.press('Space');
    await tabTo(/^Confirm the clock$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Before you look at anything');
    await tabTo(/^Yes, or we are not sure/);
    // The arrow key moves the choice within the group, as for any radio buttons.
    await page.keyboard.press('ArrowDown');
    expect(await focusedName()).toMatch(/^No: review the content/);
    await tabTo(/^Record the answer$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Review the content of concern');
    await typeInto(/^Web address$/, `${sites.url}/social/post/2.html`);
    await page.keyboard.press('Enter');
    await page.locator('.page-title', { hasText: 'Showing:' }).waitFor({ timeout: 20_000 });
    await typeInto(/^Describe the content causing concern$/, 'Post arranging to leave the pupil out on purpose.');
    await tabTo(/^Capture visible area$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Capture 1/ }).waitFor();
    await tabTo(/^Finished reviewing: make the judgement$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Does the concern have substance?');
    await tabTo(/^Yes, it has substance/);
    await page.keyboard.press('Space');
    await tabTo(/^Internal response or discipline procedures$/);
    await page.keyboard.press('Space');
    await tabTo(/^Record the judgement$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Conclusion and action proposed or taken');
    await typeInto(/^Conclusion and action proposed or taken$/, 'Upheld; handled under the behaviour policy.');
    await tabTo(/^Record the conclusion$/);
    await page.keyboard.press('Enter');

    await onScreen(page, 'Sign off the record');
    await typeInto(new RegExp(`^${HEAD.name} \\(${HEAD.role}\\): passphrase$`), HEAD.passphrase);
    await typeInto(new RegExp(`^${DSL.name} \\(${DSL.role}\\): passphrase$`), DSL.passphrase);
    await tabTo(/^Sign off the record$/);
    await page.keyboard.press('Enter');
    await onScreen(page, 'Signed off: print and keep the form');

    const [row] = await core.register.list();
    const record = (await core.detail(row?.ref ?? '')).record;
    expect(record.status.phase).toBe('sealed');
    expect(record.captures.map((c) => c.concern)).toEqual(['Post arranging to leave the pupil out on purpose.']);
    expect(record.judgement).toMatchObject({ substance: true, actions: ['internal'] });
    expect(record.reportedBy).toBe('Form tutor, Year 8');
  });
});
