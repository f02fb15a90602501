// The halt path in practice mode: the shortcut tears the page down, capture is refused for good, no image of the page
// is kept, and the police screen follows.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { startUi, type Ui } from './ui-harness';
import { answerTriage, callFromPage, confirmClock, onScreen, openAddress, setUpQuickly, startThroughUi } from './flows';

let ui: Ui;

beforeAll(async () => {
  ui = await startUi({ practice: true });
  await setUpQuickly(ui);
});

afterAll(async () => {
  await ui?.close();
});

/** The evidence files the vault holds for the incident (content-addressed: one per kept capture). */
const files = async (ref: string): Promise<string[]> =>
  (await readdir(join(ui.dataDir, 'incidents', ref, 'files')).catch(() => []))
    .filter((n) => /^[0-9a-f]{64}$/.test(n))
    .sort();

/** The files these screenshots should leave on disk: each one and the page source recorded with it. */
const keptFor = (captures: readonly (string | undefined)[]): string[] => {
  const taken = (ui.core.desk.active?.store.journal.entries ?? []).filter(
    (e): e is JournalEntry<'capture.taken'> => e.kind === 'capture.taken',
  );
  const sources = taken.filter((e) => captures.includes(e.data.sha256)).map((e) => e.data.page?.source.sha256);
  expect(sources.every((x) => x !== undefined)).toBe(true);
  return [...new Set([...captures, ...sources])].filter((x): x is string => x !== undefined).sort();
};
const allTaken = (): string[] =>
  (ui.core.desk.active?.store.journal.entries ?? []).flatMap((e) =>
    e.kind === 'capture.taken' ? [(e as JournalEntry<'capture.taken'>).data.sha256] : [],
  );

describe('halting the review', () => {
  let ref = '';
  let practice = '';

  it('marks practice mode on every screen and offers the practice sites', async () => {
    const { page } = ui;
    await expect.poll(() => page.getByRole('note', { name: 'Practice mode' }).isVisible()).toBe(true);
    await ui.screen('30-practice-incidents');
    ref = await startThroughUi(ui, {
      reason: 'PRACTICE: a pupil says an older user on a gaming forum sent them pictures.',
      subject: 'A pupil',
      subjectRef: 'P-PRACTICE-1',
      category: 'Grooming or exploitation concern',
    });
    expect(await page.getByRole('note', { name: 'Practice mode' }).isVisible()).toBe(true);
    await confirmClock(ui);
    await answerTriage(ui, false);
    practice = await page.getByLabel('Web address').inputValue();
    expect(practice).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/index\.html$/);
  });

  it(
    'halts at once with the shortcut: the page is gone, ' + 'capture is locked, and no image of the page exists',
    async () => {
      const { page } = ui;
      const origin = new URL(practice).origin;
      await openAddress(page, `${origin}/forum/thread.html`, /Pixel Quarry/);
      await page
        .getByLabel('Describe the content causing concern')
        .fill('Adult account flattering a 12-year-old and asking their age and school.');
      await page.getByRole('button', { name: 'Capture visible area' }).click();
      await page.getByRole('heading', { name: /^Capture 1/ }).waitFor();
      await openAddress(page, `${origin}/halt/index.html`, /halt practice/);
      // A capture taken before the reviewers realised what the page shows: the purge question will name it.
      await page.getByRole('button', { name: 'Capture full page' }).click();
      await page.getByRole('heading', { name: /^Capture 2/ }).waitFor();
      expect(allTaken()).toHaveLength(2);
      expect(await files(ref)).toEqual(keptFor(allTaken()));
      await ui.screen('31-review-before-halt');

      await page.getByLabel('Web address').focus();
      await page.keyboard.press('Control+Shift+H');
      await onScreen(page, 'The review was halted');
      expect(ui.viewBounds()).toBeNull();
      // Nothing that browses or captures is offered any more.
      expect(await page.getByRole('button', { name: /^Capture/ }).count()).toBe(0);
      expect(await page.getByLabel('Web address').count()).toBe(0);
      await ui.screen('32-halted');

      const refused = (await callFromPage(page, 'review.capture', {
        ref,
        actor: (await ui.core.detail(ref)).record.reviewers[0].id,
        mode: 'viewport',
      })) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(refused).toMatchObject({ ok: false, error: { code: 'CAPTURE_LOCKED' } });
      const record = (await ui.core.detail(ref)).record;
      expect(record.halt?.url).toBe(`${origin}/halt/index.html`);
      expect(record.status.captureLocked).toBe(true);
      expect(record.captures).toHaveLength(2);
      expect(await files(ref)).toEqual(keptFor(allTaken()));
    },
  );

  it('destroys the capture the reviewers name, keeps the other, then shows the police referral', async () => {
    const { page } = ui;
    const before = (await ui.core.detail(ref)).record.captures;
    await page.getByLabel('Capture 2 shows the suspect imagery: destroy it').check();
    await page.getByRole('button', { name: 'Destroy the ticked capture and go on' }).click();
    await onScreen(page, 'Report to the police now');
    expect(await files(ref)).toEqual(keptFor([before[0]?.sha256]));
    const record = (await ui.core.detail(ref)).record;
    expect(record.captures.map((c) => c.purged)).toEqual([false, true]);
    const reveal = (await callFromPage(page, 'review.reveal', { ref, sha256: before[1]?.sha256 })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(reveal).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The school's contacts and the instruction to isolate the computer in question.
    await page.getByText('999').first().waitFor();
    await expect(page.getByText(/Isolate the computer in question as best you can/).isVisible()).resolves.toBe(true);
    await ui.screen('33-police-referral');
    await page.getByLabel('Who did you tell?').selectOption({ index: 1 });
    await page.getByLabel('Their reference (e.g. police incident number)').fill('PRACTICE-4411');
    await page.getByRole('button', { name: 'Record this report' }).click();
    await page.getByRole('table', { name: 'Who has been told' }).getByText('PRACTICE-4411').waitFor();
    // After a halt the judgement comes next, with the police already chosen; the isolation checklist follows it.
    expect(await page.getByRole('button', { name: 'Next: isolate the computer' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Next: the judgement' }).click();
    await onScreen(page, 'The judgement, after the halt');
    const police = page.getByLabel('Police involvement and/or action');
    expect([await police.isChecked(), await police.isDisabled()]).toEqual([true, true]);
    await page.getByLabel('Incidents of ‘grooming’ behaviour').check();
    await ui.screen('35-judgement-after-halt');
    await page.getByRole('button', { name: 'Record the judgement' }).click();
    await onScreen(page, 'Isolate the computer in question');
    expect((await ui.core.detail(ref)).record.judgement).toMatchObject({
      substance: true,
      actions: ['police'],
      policeReasons: [{ id: 'grooming' }],
    });
    await page.getByLabel(/Nobody is using the computer in question/).check();
    await page.getByLabel(/It has been left as it was/).check();
    await ui.screen('34-isolation');
    await page.getByRole('button', { name: 'Record the checklist' }).click();
    await onScreen(page, 'Conclusion and action proposed or taken');
    expect((await ui.core.detail(ref)).record.isolation?.checks).toHaveLength(2);
  });

  it('has no serious or critical accessibility problems on the screens of the halt path', () => {
    expect(ui.violations).toEqual([]);
  });
});
