// Addenda after sign-off: each signed by a reviewer, with the key recorded for them.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { addendum, codes, followUp, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const verifyAfter = async (...after: NonNullable<Parameters<typeof sealedJournal>[3]>) =>
  verifyFiles(await forgeBag(sealedJournal(device, keys, [], after), device, keys, []));

describe('addenda', () => {
  it('an addendum signed by a reviewer with their recorded key passes', async () => {
    const r = await verifyAfter(addendum('ds', keys.ds, 'The police replied: no further action.'));
    expect(r.problems).toEqual([]);
    expect(r.checks.find((c) => c.id === 'addenda')?.result).toBe('passed');
  });

  it("an addendum whose text was changed after it was signed (the app's message, checked by verify)", async () => {
    const a = addendum('ds', keys.ds, 'The police replied: no further action.');
    const changed = { ...a, data: { ...a.data, text: 'The police replied: charged.' } } as typeof a;
    const r = await verifyAfter(changed);
    expect(codes(r)).toEqual(['ADDENDUM_SIGNATURE']);
    expect(r.problems[0]?.message).toMatch(/signature by ds is not valid/);
  });

  it('an addendum signed with another key, or by nobody, is INVALID', async () => {
    const other = addendum('ds', generateSigningKey().signer, 'Outcome: warning given.');
    const unsigned = { kind: 'addendum.added', actor: 'ah', data: { text: 'Outcome recorded.' } } as const;
    const r = await verifyAfter(other, unsigned);
    expect(codes(r)).toEqual(['ADDENDUM_SIGNATURE', 'ADDENDUM_UNSIGNED']);
  });

  it('a follow-up is checked the same way: a changed police response is INVALID, the one signed passes', async () => {
    const f = followUp('ah', keys.ah, 'Police: no further action (PC-2026-55871).');
    expect((await verifyAfter(f)).problems).toEqual([]);
    const changed = { ...f, data: { ...f.data, text: 'Police: charged.' } } as typeof f;
    const r = await verifyAfter(changed);
    expect(codes(r)).toEqual(['ADDENDUM_SIGNATURE']);
    expect(r.problems[0]?.message).toMatch(/the follow-up signature by ah is not valid/);
  });
});
