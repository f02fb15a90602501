// The policy profile an incident was opened under, found by the hash its journal records: a built-in profile, or the
// school's imported one, so that the bundle's policy.json is exactly the profile in force then.
import type { EntryData } from '@shared/evidence/entries';
import {
  BUILT_IN_PROFILES,
  parseProfile,
  profileCanonicalJson,
  type PolicyProfile,
} from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import { sha256Hex } from '../services/crypto';

/**
 * The profile whose canonical JSON has the SHA-256 recorded at the opening. `imported` is the school's own profile as
 * the settings hold it (unparsed), if there is one. Throws CORRUPT when neither it nor a built-in profile matches: the
 * bundle could not then say which policy applied.
 */
export const profileInForce = (recorded: EntryData<'incident.opened'>['profile'], imported: unknown): PolicyProfile => {
  const own = imported === undefined ? null : parseProfile(imported);
  const candidates = [...(own?.ok ? [own.value] : []), ...BUILT_IN_PROFILES];
  const found = candidates.find((p) => sha256Hex(profileCanonicalJson(p)) === recorded.sha256);
  if (found) return found;
  throw new CodedError(
    'CORRUPT',
    `The policy profile this incident was opened under ("${recorded.id}", SHA-256 ${recorded.sha256.slice(0, 16)}…) ` +
      'is no longer on this computer (the school imported another, or Countersign was updated), so the bundle ' +
      'cannot say which policy applied. Import that profile again in Settings, then export.',
  );
};
