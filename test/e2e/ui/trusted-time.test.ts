// Settings, Trusted time through the screens: off by default; Test says in plain words whether the authority answered
// (a local openssl authority, then an address where nothing answers); saving turns time-stamping on and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa, type LocalTsa } from '@test/helpers/local-tsa';
import { startUi, type Ui } from './ui-harness';
import { onScreen, setUpQuickly } from './flows';

let ui: Ui;
let tsa: LocalTsa;

beforeAll(async () => {
  tsa = await startLocalTsa();
  ui = await startUi();
  await setUpQuickly(ui);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await tsa?.close();
});

describe('trusted time', () => {
  it('tests the authority, says what happens offline, and turns time-stamping on and off', async () => {
    const { page } = ui;
    await ui.reload();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: 'Settings' }).first().click();
    await onScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Trusted time' }).click();
    await page.getByText('Now: off (the default).').waitFor();
    const field = page.getByLabel('Address of the time-stamping authority');

    await field.fill('http://127.0.0.1:9/tsa');
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByRole('heading', { name: 'It did not answer' }).waitFor({ timeout: 15_000 });
    await page.getByText(/carries on: nothing in the review waits for it/).waitFor();

    await field.fill(tsa.url);
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByRole('heading', { name: 'It answered' }).waitFor({ timeout: 15_000 });
    await page.getByText(/The authority’s time: /).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Now: on, with ${tsa.url}.`).waitFor();
    expect(await ui.core.settings.timestampingUrl()).toBe(tsa.url);

    await field.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Now: off (the default).').waitFor();
    expect(await ui.core.settings.timestampingUrl()).toBeNull();
  });
});
