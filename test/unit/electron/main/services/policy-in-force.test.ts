// Each incident keeps the policy it was opened under: the profiles used are kept by their canonical JSON, found again
// by the hash the journal records; an incident from before they were kept falls back to the built-in or imported one.
import { describe, expect, it } from 'vitest';
import { profileById, profileCanonicalJson, type PolicyProfile } from '@shared/policy/profile-registry';
import type { Settings } from '@main/services/access';
import { sha256Hex } from '@main/services/crypto';
import { recordedProfile, recordedProfileIfKnown, rememberProfile } from '@main/services/policy-in-force';

const forest = profileById('forest-ce-federation') as PolicyProfile;
const own: PolicyProfile = { ...structuredClone(forest), id: 'own-policy', name: 'Our own policy' };
const hashOf = (p: PolicyProfile) => ({ id: p.id, sha256: sha256Hex(profileCanonicalJson(p)) });
const base: Settings = {
  organisation: 'School',
  computer: { name: 'LAPTOP', location: 'Office' },
  profileId: 'forest-ce-federation',
};

describe('profiles kept for their incidents', () => {
  it('keeps each profile once, by the canonical JSON its hash is taken of', () => {
    const once = rememberProfile(base, own);
    expect(once.profilesUsed).toEqual([profileCanonicalJson(own)]);
    expect(rememberProfile(once, own)).toBe(once);
    expect(rememberProfile(once, forest).profilesUsed).toHaveLength(2);
  });

  it('finds an incident’s profile after the school has moved to another and the imported one is gone', () => {
    const settings = { ...rememberProfile(base, own), profileId: 'milford-haven' };
    expect(recordedProfile(hashOf(own), settings)).toEqual(own);
  });

  it('falls back, for an incident from before profiles were kept, to the built-in or imported one', () => {
    expect(recordedProfile(hashOf(forest), base)).toEqual(forest);
    expect(recordedProfile(hashOf(own), { ...base, importedProfile: own })).toEqual(own);
  });

  it('says CORRUPT, or undefined for the screens, when this computer has no profile with that hash', () => {
    const gone = { id: 'own-policy', sha256: 'e'.repeat(64) };
    expect(() => recordedProfile(gone, base)).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
    expect(recordedProfileIfKnown(gone, base)).toBeUndefined();
  });
});
