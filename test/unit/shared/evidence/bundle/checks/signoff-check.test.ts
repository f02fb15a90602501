// Both sign-offs, by the keys recorded when the incident was opened, on journals the app would never write.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import {
  codes,
  forgeBag,
  forgeJournal,
  opened,
  signoff,
  toConclusion,
  toReview,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const head = (k: Record<string, ReturnType<typeof generateSigningKey>['signer']> = keys) => [
  opened(device.fingerprint, ['ah', 'ds'], k),
  ...toReview,
  ...toConclusion,
];

describe('sign-off', () => {
  it('signed off by one reviewer only: INVALID, naming who has not signed', async () => {
    const e = forgeJournal(device, [...head(), signoff('ah', keys.ah)]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toEqual(['NOT_SIGNED_OFF']);
    expect(r.problems[0]?.message).toMatch(/^the record was never signed off by D. Lead \(ds\):/);
  });

  it('a sign-off made with a key other than the one recorded for that reviewer', async () => {
    const other = generateSigningKey().signer;
    const e = forgeJournal(device, [...head(), signoff('ah', keys.ah), signoff('ds', other)]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toEqual(['BAD_SIGNOFF']);
    expect(r.problems[0]?.message).toMatch(/ds signed with a key that is not the one recorded for them/);
    expect(r.checks.find((c) => c.id === 'signoff')?.result).toBe('failed');
  });

  it('an incident opened with no keys recorded cannot be signed off: nothing shows the keys were theirs', async () => {
    const e = forgeJournal(device, [...head({}), signoff('ah', keys.ah), signoff('ds', keys.ds)]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toContain('BAD_SIGNOFF');
    expect(r.problems.find((p) => p.code === 'BAD_SIGNOFF')?.message).toMatch(/no signing key was recorded for ah/);
    expect(r.status).toBe('invalid');
  });

  it('a sign-off before the conclusion, over another digest', async () => {
    const e = forgeJournal(device, [
      opened(device.fingerprint, ['ah', 'ds'], keys),
      ...toReview,
      { kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } },
      signoff('ah', keys.ah),
    ]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toEqual(expect.arrayContaining(['NOT_SIGNED_OFF', 'SIGNOFF_BEFORE_CONCLUSION']));
  });
});
