// A picture shown unblurred under safe view is in the reviewer's own account, in the first person, as an address only;
// the capture taken after it records what was revealed.
import { describe, expect, it } from 'vitest';
import { buildRecord } from '@shared/outputs/record';
import { reviewerStatementHtml } from '@shared/outputs/statement';
import { nodeCrypto } from '@main/services/crypto';
import { Investigation } from '@main/services/investigation';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { incidentInReview, newVault } from '@test/helpers/vault';

const PICTURE = 'http://127.0.0.1:9/img/photo.jpg';

describe('a reveal in the account', () => {
  it('says who chose to see which picture, and the capture lists it as revealed', async () => {
    const store = await incidentInReview(await newVault());
    const browser = new FakeBrowser();
    browser.hidden = [{ url: PICTURE, kind: 'image' }];
    const launched: boolean[] = [];
    const inv = new Investigation({
      store,
      launchBrowser: async ({ safeView }) => {
        launched.push(safeView);
        return browser;
      },
    });
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1');
    await inv.reveal('ds', PICTURE);
    await inv.capture('ah', 'viewport');
    await inv.close();

    expect(launched).toEqual([true]);
    expect(store.journal.entries.find((e) => e.kind === 'capture.taken')?.data).toMatchObject({ revealed: [PICTURE] });
    const record = buildRecord(store.journal.entries, { crypto: nodeCrypto });
    const lead = reviewerStatementHtml(record, store.journal.entries, 'ds', {
      generatedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(lead).toContain('I chose to see the blurred picture at <span class="url">' + PICTURE + '</span> as it is.');
    expect(lead).not.toMatch(/<img|data:/);
  });
});
