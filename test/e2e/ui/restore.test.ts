// Restoring a backup from the first screen of a replacement computer: the backup folder and two people's passphrases,
// by keyboard; the incident begun on the old laptop (another machine id) is then in the register here.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupVault } from '@main/services/backup';
import { systemClock } from '@main/services/clock';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from '@test/unit/electron/main/app/core-fixture';
import { startUi, type Ui } from './ui-harness';
import { onScreen } from './flows';

let ui: Ui | undefined;

afterAll(async () => {
  await ui?.close();
});

describe('restoring a backup on a replacement computer', () => {
  it('restores from the first screen with two passphrases, then unlocks to the incident', async () => {
    const old = await makeCore({ machineId: async () => 'the-old-laptop' });
    await setUp(old);
    const { ref } = await incidentInReview(old);
    await old.core.close();
    const backup = await backupVault(old.dataDir, join(old.dataDir, '..', 'usb'), systemClock);

    ui = await startUi();
    const { page } = ui;
    await onScreen(page, 'Set up Countersign on this computer');
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await onScreen(page, 'Restore from a backup');
    await page.getByLabel('The backup folder').fill(backup.path);
    await page.getByLabel('First person’s passphrase').fill(HEAD.passphrase);
    // The rest by keyboard: past the recovery-code box to the second passphrase, and Enter sends the form.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DSL.passphrase);
    await expect.poll(() => page.getByLabel('Second person’s passphrase').inputValue()).toBe(DSL.passphrase);
    await ui.screen('62-restore-from-backup');
    await page.keyboard.press('Enter');
    await onScreen(page, 'The backup is restored on this computer');
    await page.getByText(`agreed by ${HEAD.name} and ${DSL.name}`).waitFor();
    await page.getByRole('button', { name: 'Continue to unlock' }).click();
    await page.getByLabel('Your passphrase').fill(DSL.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await onScreen(page, 'Incidents');
    await page.getByRole('button', { name: `Open incident ${ref}` }).waitFor();
    expect(ui.violations).toEqual([]);
  });
});
