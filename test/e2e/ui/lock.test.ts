// Locking from the screens: the idle time set in Settings, the laptop going to sleep, the lock screen saying why, and
// an unlock that brings the reviewers back to the incident they were on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PowerPort } from '@main/app/auto-lock';
import { startUi, type Ui } from './ui-harness';
import { answerTriage, BULLYING, confirmClock, DSL, HEAD, onScreen, setUpQuickly, startThroughUi } from './flows';

type SleepListener = (why: 'suspend' | 'lock-screen') => void;
const listeners = new Set<SleepListener>();
let idle = 0;
const power: PowerPort = {
  systemIdleSeconds: () => idle,
  onSleep(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
const ticks = new Set<() => void>();

let ui: Ui;

beforeAll(async () => {
  ui = await startUi({
    power,
    every: (_ms, tick) => {
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
  });
  await setUpQuickly(ui);
});

afterAll(async () => {
  await ui?.close();
});

const unlockAs = async (passphrase: string) => {
  const { page } = ui;
  await page.getByLabel('Your passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
};

describe('locking by itself', () => {
  let ref = '';

  it('takes the idle time from Settings, then locks after it and comes back to the same incident', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).click();
    await onScreen(page, 'Settings');
    const minutes = page.getByLabel('Lock Countersign after this many minutes without use');
    expect(await minutes.inputValue()).toBe('10');
    await minutes.fill('3');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await page.getByRole('status').filter({ hasText: 'New incidents will use these details' }).waitFor();
    expect((await ui.core.settings.get()).idleLockMinutes).toBe(3);
    await ui.screen('20d-settings-lock');

    await page.getByRole('button', { name: 'Incidents' }).click();
    ref = await startThroughUi(ui, BULLYING);
    await confirmClock(ui);
    await answerTriage(ui, false);
    idle = 2 * 60 + 59;
    ticks.forEach((t) => t());
    idle = 3 * 60;
    ticks.forEach((t) => t());
    await onScreen(page, 'Countersign is locked');
    await page.getByText('Countersign locked itself because nobody used it for a while.').waitFor();
    await ui.screen('23-locked-itself');
    idle = 0;
    await unlockAs(DSL.passphrase);
    await onScreen(page, 'Review the content of concern');
    expect(await page.locator('.incident-bar .ref').textContent()).toBe(ref);
  });

  it('locks at once when the laptop goes to sleep, and says so', async () => {
    const { page } = ui;
    listeners.forEach((l) => l('suspend'));
    await onScreen(page, 'Countersign is locked');
    await page.getByText('Countersign locked itself because the laptop went to sleep.').waitFor();
    await unlockAs(HEAD.passphrase);
    await onScreen(page, 'Review the content of concern');
    expect(await page.locator('.incident-bar .ref').textContent()).toBe(ref);
    expect(ui.violations).toEqual([]);
  });
});
