// The main path through the app, the same on both hosts: set-up, incident, capture, halt, police route, sign-off,
// export, verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';
import {
  answerTriage,
  confirmClock,
  DSL,
  fillSetUp,
  onScreen,
  openAddress,
  setUpThroughUi,
  signOffThroughUi,
  startThroughUi,
  HEAD,
} from './flows';
import { startHost, type Host } from './host';

let host: Host;
const PASSWORD = 'copper-heron-5521';

beforeAll(async () => {
  host = await startHost({ practice: true });
}, 120_000);

afterAll(async () => {
  await host?.close();
});

describe(`main path (${process.env.COUNTERSIGN_E2E_HOST ?? 'chromium'} host)`, () => {
  let origin = '';
  let bundle = '';

  // Pressed at the foot of the long set-up form, a summary or a refusal at its top alone was out of sight, and the
  // button seemed to do nothing.
  it('set-up shows what needs attention where the person is: the first answer marked, or the refusal', async () => {
    const { page } = host;
    const inView = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.top > -1 && r.bottom < window.innerHeight + 1;
    };
    const send = page.getByRole('button', { name: 'Set up Countersign' });
    await fillSetUp(host);
    await page.getByRole('group', { name: 'Person 2' }).getByLabel('Passphrase again').fill('not the same one at all');
    await send.click();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const label = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? '') : '';
        return { label, legend: el?.closest('fieldset')?.querySelector('legend')?.textContent ?? '' };
      });
    expect(await focused()).toEqual({ label: 'Passphrase again', legend: 'Person 2' });
    expect(await page.locator(':focus').evaluate(inView)).toBe(true);

    // A name that would print as someone else's is refused, and the message says whose it is.
    await fillSetUp(host, undefined, [HEAD, { ...DSL, name: DSL.name.replace(' ', '\u200b ') }]);
    await send.click();
    const refused = page.getByRole('alert').filter({ hasText: 'Countersign was not set up' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain("Person 2's name holds a character that prints as nothing (U+200B)");
    // Shown whole above the button just pressed, both on screen, and it has the focus (the button was disabled).
    expect(await refused.evaluate(inView)).toBe(true);
    expect(await send.evaluate(inView)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain("Person 2's name");
  });

  it('sets up, starts an incident with two people, and reaches the review', async () => {
    const { page } = host;
    await setUpThroughUi(host);
    // Sent empty, the start screen puts the focus on its first answer that needs attention.
    await page.getByRole('button', { name: /^Start a (new|practice) incident$/ }).click();
    await page.getByRole('button', { name: 'Start the incident' }).click();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent),
    ).toBe('Reason for investigation');
    await startThroughUi(host, {
      reason: 'PRACTICE: a pupil reported messages from an adult on a games forum.',
      subject: 'A pupil',
      subjectRef: 'P-PRACTICE-9',
      category: 'Grooming or exploitation concern',
    });
    await confirmClock(host);
    await answerTriage(host, false);
    origin = new URL(await page.getByLabel('Web address').inputValue()).origin;
  });

  it('captures the page of concern, then halts on the suspect page', async () => {
    const { page } = host;
    await openAddress(page, `${origin}/forum/thread.html`, /Pixel Quarry/);
    await page
      .getByLabel('Describe the content causing concern')
      .fill('An adult account asks a 12-year-old for their age and school.');
    await page.getByRole('button', { name: 'Capture visible area' }).click();
    await page.getByRole('heading', { name: /^Capture 1/ }).waitFor();
    await openAddress(page, `${origin}/halt/index.html`, /halt practice/);
    await page.getByRole('button', { name: 'Capture full page' }).click();
    await page.getByRole('heading', { name: /^Capture 2/ }).waitFor();
    await page.getByLabel('Web address').focus();
    await page.keyboard.press(
      process.platform === 'darwin' && host.kind === 'electron' ? 'Meta+Shift+H' : 'Control+Shift+H',
    );
    await onScreen(page, 'The review was halted');
    expect(await page.getByRole('button', { name: /^Capture/ }).count()).toBe(0);
  });

  it('destroys the capture of the suspect page and follows the police route to sign-off', async () => {
    const { page } = host;
    await page.getByLabel('Capture 2 shows the suspect imagery: destroy it').check();
    await page.getByRole('button', { name: 'Destroy the ticked capture and go on' }).click();
    await onScreen(page, 'Report to the police now');
    await page.getByLabel('Who did you tell?').selectOption({ index: 1 });
    await page.getByLabel('Their reference (e.g. police incident number)').fill('PRACTICE-7001');
    await page.getByRole('button', { name: 'Record this report' }).click();
    await page.getByRole('table', { name: 'Who has been told' }).getByText('PRACTICE-7001').waitFor();
    await page.getByRole('button', { name: 'Next: the judgement' }).click();
    await onScreen(page, 'The judgement, after the halt');
    await page.getByRole('button', { name: 'Record the judgement' }).click();
    await onScreen(page, 'Isolate the computer in question');
    await page.getByLabel(/Nobody is using the computer in question/).check();
    await page.getByRole('button', { name: 'Record the checklist' }).click();
    await onScreen(page, 'Conclusion and action proposed or taken');
    await page
      .getByLabel('Conclusion and action proposed or taken')
      .fill('PRACTICE: referred to the police; the pupil and parents supported.');
    await page.getByRole('button', { name: 'Record the conclusion' }).click();
    await signOffThroughUi(host);
  });

  it('exports a locked bundle that the verifier and the app both find intact', async () => {
    const { page } = host;
    await page.getByRole('button', { name: 'Evidence bundle' }).click();
    await onScreen(page, 'Export the evidence bundle');
    await page.getByLabel('Save the bundle in this folder').fill(host.outDir);
    // A weak password is refused in plain words; a suggested one is six random words, shown to write down.
    await page.getByLabel('Password to lock the bundle (optional, recommended)').fill('police');
    await page.getByLabel('Password again').fill('police');
    await page.getByLabel('Your passphrase (one of the two reviewers signs the bundle)').fill(HEAD.passphrase);
    await page.getByRole('button', { name: 'Export the evidence bundle' }).click();
    await page.getByText('That bundle password is too easy to guess').waitFor();
    await page.getByRole('button', { name: 'Suggest a strong password' }).click();
    const suggested = (await page.locator('.notice strong.mono').textContent()) ?? '';
    expect(suggested).toMatch(/^[a-z]+(-[a-z]+){5}$/);
    expect(await page.getByLabel('Password again').inputValue()).toBe(suggested);
    await page.getByLabel('Password to lock the bundle (optional, recommended)').fill(PASSWORD);
    await page.getByLabel('Password again').fill(PASSWORD);
    await page.getByLabel('Your passphrase (one of the two reviewers signs the bundle)').fill(HEAD.passphrase);
    await page.getByRole('button', { name: 'Export the evidence bundle' }).click();
    await page.getByRole('heading', { name: 'Bundle exported' }).waitFor({ timeout: 60_000 });
    bundle = ((await page.locator('.success .mono').first().textContent()) ?? '').trim();
    expect(bundle.startsWith(host.outDir)).toBe(true);

    const cli = await runCli(['verify', bundle, '--json'], { COUNTERSIGN_BUNDLE_PASSWORD: PASSWORD });
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout);
    expect(report.valid).toBe(true);

    await page.getByRole('button', { name: 'Check a bundle' }).first().click();
    await onScreen(page, 'Check an evidence bundle');
    await page.getByLabel('Bundle file or folder').fill(bundle);
    await page.getByLabel('Bundle password (if it is locked)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.getByRole('heading', { name: 'VALID: the bundle is intact' }).waitFor({ timeout: 30_000 });
  });
});
