// Through the app core: the school's retention period gives signed-off incidents a review date; a backup and a
// deletion close the incident open for work first; a deletion needs two people and saves its certificate.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewDay } from '@shared/procedure/retention';
import { checkBackup } from '@main/services/backup';
import { refusalCode as code } from '@test/helpers/refusals';
import { tempDir } from '@test/helpers/vault';
import { DSL, HEAD, incidentInReview, makeCore, setUp, THIRD } from './core-fixture';

const sealed = async () => {
  const f = await makeCore();
  await setUp(f);
  const { ref, a } = await incidentInReview(f);
  await f.core.act(ref, a, { kind: 'judgement.made', data: { substance: false, actions: [], policeReasons: [] } });
  await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'No further action.' } });
  const detail = await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
  return { f, ref, detail };
};

describe('retention', () => {
  it('shows no review date until the school sets a period, then the period after sign-off', async () => {
    const { f, ref, detail } = await sealed();
    expect((await f.core.settings.get()).retentionMonths).toBeNull();
    const signedOffAt = detail.retention.signedOffAt ?? '';
    expect(signedOffAt).not.toBe('');
    expect(detail.retention.reviewDue).toBeNull();
    expect((await f.core.register.list())[0]?.signedOffAt).toBe(signedOffAt);

    expect((await f.core.settings.setRetention(72)).retentionMonths).toBe(72);
    expect((await f.core.detail(ref)).retention.reviewDue).toBe(reviewDay(signedOffAt, 72));
    // Saving the school's details keeps the period.
    const s = await f.core.settings.get();
    await f.core.settings.save({ organisation: 'Renamed', computer: s.computer, profileId: s.profileId });
    expect((await f.core.settings.get()).retentionMonths).toBe(72);
    expect((await f.core.settings.setRetention(null)).retentionMonths).toBeNull();
  });
});

describe('backup and deletion through the core', () => {
  it('backs up with an incident open, the copy whole', async () => {
    const f = await makeCore();
    await setUp(f);
    await incidentInReview(f);
    const r = await f.core.care.backup(await tempDir('cs-usb-'));
    expect(await checkBackup(r.path)).toEqual([]);
  });

  it('deletes the open incident with two people, saving the certificate; one person cannot', async () => {
    const { f, ref } = await sealed();
    const folder = await tempDir('cs-cert-');
    const input = { ref, reason: 'Retention period over', folder };
    expect(await code(f.core.care.delete({ ...input, passphrases: [HEAD.passphrase, HEAD.passphrase] }))).toBe(
      'SAME_PERSON',
    );
    expect((await f.core.register.list()).map((r) => r.ref)).toEqual([ref]);
    // Any two registered people may agree, not only the incident's reviewers.
    const done = await f.core.care.delete({ ...input, passphrases: [THIRD.passphrase, DSL.passphrase] });
    expect(done.certificate).toBe(join(folder, `${ref}-destruction-certificate.pdf`));
    expect((await readFile(done.certificate)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await f.core.register.list()).toEqual([]);
    expect(await readdir(join(f.dataDir, 'incidents'))).toEqual([]);
    expect(await code(f.core.detail(ref))).toBe('NOT_FOUND');
  });
});
