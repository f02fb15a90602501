// The school's settings (organisation, computer, policy profile) and the policy profile in force, as the screens use
// them.
import {
  BUILT_IN_PROFILES,
  parseProfile,
  profileById,
  profileCanonicalJson,
  type PolicyProfile,
} from '@shared/policy/profile-registry';
import type { JournalEntry } from '@shared/evidence/entries';
import { reviewDueWords } from '@shared/policy/policy-words';
import type { IncidentState } from '@shared/procedure/procedure-machine';
import { reviewDayOf } from '@shared/procedure/retention';
import { CodedError } from '@shared/result';
import { profileFor, readSettings, writeSettings, type Settings } from '../services/access';
import { sha256Hex } from '../services/crypto';
import { saveTimestamping } from '../services/timestamping-settings';
import {
  openingProfile,
  recordedProfile,
  recordedProfileIfKnown,
  type RecordedProfile,
} from '../services/policy-in-force';
import type { Vault } from '../services/vault';
import { signedOffAt } from './facts';
import { DEFAULT_IDLE_LOCK_MINUTES } from './auto-lock';

export interface SettingsReply {
  organisation: string;
  computer: { name: string; location: string };
  profileId: string;
  imported: boolean;
  profileName: string;
  retentionMonths: number | null;
  idleLockMinutes: number;
}

export interface PolicyReply {
  profile: PolicyProfile;
  sha256: string;
  recorded: boolean;
}

export interface ProfileChoice {
  id: string;
  name: string;
  organisation: string;
  version: string;
  reviewDue: string | null;
}

export interface SettingsInput {
  organisation: string;
  computer: { name: string; location: string };
  profileId: string;
  /** Left as it was when not given. */
  idleLockMinutes?: number | undefined;
}

/** Minutes without input after which Countersign locks itself. */
export const idleLockMinutes = (s: Settings): number => s.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;

const replyOf = (s: Settings): SettingsReply => {
  const profile = profileFor(s);
  return {
    organisation: s.organisation,
    computer: s.computer,
    profileId: profile.id,
    imported: s.importedProfile !== undefined,
    profileName: profile.name,
    retentionMonths: s.retentionMonths ?? null,
    idleLockMinutes: idleLockMinutes(s),
  };
};

export class SettingsService {
  /** `vault` gives the unlocked vault, or throws while Countersign is locked; `saved` hears of every change. */
  constructor(
    private readonly vault: () => Vault,
    private readonly saved: (settings: Settings) => void = () => undefined,
  ) {}

  read(): Promise<Settings> {
    return readSettings(this.vault());
  }

  async get(): Promise<SettingsReply> {
    return replyOf(await this.read());
  }

  async save(input: SettingsInput): Promise<SettingsReply> {
    const current = await this.read();
    const keepImported = current.importedProfile !== undefined && profileFor(current).id === input.profileId;
    if (!keepImported && !profileById(input.profileId))
      throw new CodedError('INVALID_INPUT', `There is no policy profile "${input.profileId}".`);
    const minutes = input.idleLockMinutes ?? current.idleLockMinutes;
    const next: Settings = {
      organisation: input.organisation,
      computer: input.computer,
      profileId: input.profileId,
      ...(keepImported ? { importedProfile: current.importedProfile } : {}),
      // The profiles incidents were opened under stay, whatever is chosen now.
      ...(current.profilesUsed ? { profilesUsed: current.profilesUsed } : {}),
      ...(current.retentionMonths ? { retentionMonths: current.retentionMonths } : {}),
      ...(minutes === undefined ? {} : { idleLockMinutes: minutes }),
      ...(current.timestamping ? { timestamping: current.timestamping } : {}),
    };
    await writeSettings(this.vault(), next);
    this.saved(next);
    return replyOf(next);
  }

  /** When the incident was signed off, and the day it is due for review under the school's period (null if unset). */
  async retentionOf(entries: readonly JournalEntry[], state: IncidentState) {
    const sealedAt = signedOffAt(entries, state);
    return { signedOffAt: sealedAt, reviewDue: reviewDayOf(sealedAt, (await this.read()).retentionMonths ?? null) };
  }

  /** The school's retention period after sign-off, in months; null clears it (Countersign then suggests none). */
  async setRetention(months: number | null): Promise<SettingsReply> {
    const { retentionMonths: _old, ...rest } = await this.read();
    const next: Settings = { ...rest, ...(months ? { retentionMonths: months } : {}) };
    await writeSettings(this.vault(), next);
    return replyOf(next);
  }

  /** The time-stamping authority's address, or null when time-stamping is off. */
  async timestampingUrl(): Promise<string | null> {
    return (await this.read()).timestamping?.url ?? null;
  }

  /** Turns time-stamping on with this authority, or off with null; heads signed from now on follow it. */
  async setTimestampingUrl(url: string | null): Promise<string | null> {
    await saveTimestamping({ vault: this.vault() }, url === null ? null : { url });
    return this.timestampingUrl();
  }

  /** A school's own policy profile, from a JSON file; refused with the field that is wrong. */
  async importProfile(json: string): Promise<SettingsReply> {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new CodedError('INVALID_INPUT', 'That file is not a policy profile: it is not JSON.');
    }
    const parsed = parseProfile(value);
    if (!parsed.ok) throw new CodedError(parsed.error.code, parsed.error.message);
    const current = await this.read();
    const next: Settings = { ...current, profileId: parsed.value.id, importedProfile: value };
    await writeSettings(this.vault(), next);
    this.saved(next);
    return replyOf(next);
  }

  /**
   * The policy profile the screens quote: the one an incident recorded (by its hash) when `recorded` is given and this
   * computer has it, otherwise the one in force now.
   */
  async policy(recorded?: RecordedProfile): Promise<PolicyReply> {
    const settings = await this.read();
    const kept = recorded ? recordedProfileIfKnown(recorded, settings) : undefined;
    if (kept && recorded) return { profile: kept, sha256: recorded.sha256, recorded: true };
    const profile = profileFor(settings);
    return { profile, sha256: sha256Hex(profileCanonicalJson(profile)), recorded: false };
  }

  /**
   * The policy profile an incident's journal says it was opened under, for its record, form and log; undefined when
   * this computer no longer has it (the form then says so).
   */
  async incidentProfile(entries: readonly JournalEntry[]): Promise<PolicyProfile | undefined> {
    const p = await this.policy(openingProfile(entries));
    return p.recorded ? p.profile : undefined;
  }

  /** The policy profile an incident was opened under; throws CORRUPT when this computer no longer has it. */
  async recorded(recorded: RecordedProfile): Promise<PolicyProfile> {
    return recordedProfile(recorded, await this.read());
  }

  profiles(): ProfileChoice[] {
    return BUILT_IN_PROFILES.map((p) => ({
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      version: p.version,
      reviewDue: reviewDueWords(p),
    }));
  }
}
