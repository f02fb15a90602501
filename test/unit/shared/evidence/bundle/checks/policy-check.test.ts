// policy.json: the canonical JSON of the profile whose hash the journal recorded at the opening.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { profileCanonicalJson } from '@shared/policy/profile-registry';
import { MILFORD_HAVEN } from '@shared/policy/profiles/milford-haven';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { generateSigningKey } from '@main/services/crypto';
import { codes, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys);
const withPolicy = async (text: string) =>
  verifyFiles(await forgeBag(entries, device, keys, [], { replace: { 'data/policy.json': utf8Encode(text) } }));

describe('policy.json', () => {
  it("another school's profile is not the policy the incident was opened under", async () => {
    const r = await withPolicy(profileCanonicalJson(MILFORD_HAVEN));
    expect(codes(r)).toContain('POLICY_MISMATCH');
    expect(r.problems.find((p) => p.code === 'POLICY_MISMATCH')?.message).toMatch(/not the policy in force/);
    // Without the policy, incident.json cannot be rebuilt: never "passed".
    expect(r.checks.find((c) => c.id === 'incident')?.result).toBe('not checked');
  });

  it('the same profile, indented instead of canonical, is refused: the hash is of the canonical form', async () => {
    const r = await withPolicy(JSON.stringify(SWGFL_TEMPLATE, null, 2));
    expect(codes(r)).toContain('POLICY_MISMATCH');
    expect(r.problems.find((p) => p.code === 'POLICY_MISMATCH')?.message).toMatch(/canonical form/);
  });
});
