// Which policy an incident follows: every profile an incident is opened under is kept in the vault's settings (as
// the canonical JSON its hash was taken of), so it keeps its policy whatever is chosen, imported or updated later.
import type { EntryData, JournalEntry } from '@shared/evidence/entries';
import { parseProfile, profileCanonicalJson, type PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import { profileInForce } from '../export/incident-profile';
import type { Settings } from './access';
import { sha256Hex } from './crypto';

export type RecordedProfile = EntryData<'incident.opened'>['profile'];

/** The settings with this profile among those kept; the same object when it is already there. */
export const rememberProfile = (settings: Settings, profile: PolicyProfile): Settings => {
  const json = profileCanonicalJson(profile);
  const kept = settings.profilesUsed ?? [];
  return kept.includes(json) ? settings : { ...settings, profilesUsed: [...kept, json] };
};

/**
 * The profile whose canonical JSON has the recorded hash: one kept in the settings, or (for incidents opened before
 * profiles were kept) a built-in one or the school's imported one. Throws CORRUPT when none has it.
 */
export const recordedProfile = (recorded: RecordedProfile, settings: Settings): PolicyProfile => {
  for (const json of settings.profilesUsed ?? []) {
    if (sha256Hex(json) !== recorded.sha256) continue;
    const parsed = parseProfile(JSON.parse(json));
    if (parsed.ok) return parsed.value;
  }
  return profileInForce(recorded, settings.importedProfile);
};

/** The same, or undefined when this computer does not have it. */
export const recordedProfileIfKnown = (recorded: RecordedProfile, settings: Settings): PolicyProfile | undefined => {
  try {
    return recordedProfile(recorded, settings);
  } catch (e) {
    if (e instanceof CodedError && e.code === 'CORRUPT') return undefined;
    throw e;
  }
};

/** What the incident's opening entry records of its policy. */
export const openingProfile = (entries: readonly JournalEntry[]): RecordedProfile => {
  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  if (!opened) throw new CodedError('CORRUPT', 'The journal has no opening entry.');
  return opened.data.profile;
};
