// Who may do what: setting up an encrypted vault, unlocking it, and the two-person start and sign-off of an incident.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TimestampingSchema } from '@shared/evidence/timestamp/authority-url';
import { signoffMessage } from '@shared/evidence/chain';
import { CURRENT_RULES, type EntryData, type JournalEntry } from '@shared/evidence/entries';
import { reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import {
  BUILT_IN_PROFILES,
  DEFAULT_PROFILE_ID,
  parseProfile,
  profileById,
  profileCanonicalJson,
  type PolicyProfile,
} from '@shared/policy/profile-registry';
import { RetentionMonthsSchema } from '@shared/procedure/retention';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import { sha256Hex } from './crypto';
import { writeAtomic } from './durable';
import { keyNotRecordedMessage } from './key-change';
import type { StaffRecord } from './keyring/key-files';
import { createKeyring, openKeyring, type Keyring, type KeyringDeps } from './keyring/keyring';
import type { MachineId } from './machine-id';
import { rememberProfile } from './policy-in-force';
import type { NewStaff } from './keyring/staff-names';
import { Vault, type IncidentStore } from './vault';

export const SETTINGS_FILE = 'settings.json';

export const SettingsSchema = z.object({
  organisation: z.string().trim().min(1),
  computer: z.object({ name: z.string().trim().min(1), location: z.string().trim().min(1) }),
  /** A built-in profile's id, or the imported profile itself. */
  profileId: z.string().min(1),
  importedProfile: z.unknown().optional(),
  /** Every profile an incident was opened under, as canonical JSON, so each keeps its policy (policy-in-force.ts). */
  profilesUsed: z.array(z.string()).optional(),
  /** How long an incident is kept after sign-off, in months: the school's choice, absent until it is made. */
  retentionMonths: RetentionMonthsSchema.optional(),
  /** Minutes without input after which Countersign locks itself; 10 when not set. */
  idleLockMinutes: z.number().int().min(1).max(120).optional(),
  /** RFC 3161 time-stamping of signed heads and bundles: on with an authority's address, off when absent. */
  timestamping: TimestampingSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export interface AccessDeps extends KeyringDeps {
  clock: Clock;
  /** Which computer this is; the operating system's identifier unless a test says otherwise. */
  machineId?: MachineId;
}

/** An unlocked vault: the evidence store and the keys of the people who may use it. */
export interface OpenVault {
  vault: Vault;
  keyring: Keyring;
  /** The member of staff whose passphrase unlocked it. */
  unlockedBy: StaffRecord;
}

export interface SetUp extends OpenVault {
  recoveryCode: string;
  staff: StaffRecord[];
}

/** First-run set-up: keys for every member of staff, the encrypted vault, its device key and settings. */
export const setUpVault = async (
  dataDir: string,
  settings: Settings,
  staff: readonly NewStaff[],
  deps: AccessDeps,
): Promise<SetUp> => {
  const parsed = SettingsSchema.safeParse(settings);
  if (!parsed.success)
    throw new CodedError(
      'INVALID_INPUT',
      `Set-up: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  profileFor(parsed.data);
  const created = await createKeyring(dataDir, staff, deps);
  const vault = await Vault.create(dataDir, { codec: created.codec, clock: deps.clock, machineId: deps.machineId });
  await writeSettings(vault, parsed.data);
  const first = created.staff[0];
  if (!first) throw new CodedError('INTERNAL', 'Set-up registered nobody.');
  return {
    vault,
    keyring: created.keyring,
    unlockedBy: first,
    recoveryCode: created.recoveryCode,
    staff: created.staff,
  };
};

/** Unlocks with one member of staff's passphrase. */
export const unlockVault = async (dataDir: string, passphrase: string, deps: AccessDeps): Promise<OpenVault> => {
  const keyring = await openKeyring(dataDir, deps);
  const { staff, codec } = await keyring.unlock(passphrase);
  const vault = await Vault.open(dataDir, { codec, clock: deps.clock, machineId: deps.machineId });
  return { vault, keyring, unlockedBy: staff };
};

export const writeSettings = async (vault: Vault, settings: Settings): Promise<void> => {
  const bytes = Buffer.from(JSON.stringify(SettingsSchema.parse(settings)), 'utf8');
  await writeAtomic(join(vault.dataDir, SETTINGS_FILE), vault.codec.encodeFile(bytes, 'settings'));
};

export const readSettings = async (vault: Vault): Promise<Settings> => {
  let raw: Buffer;
  try {
    raw = await readFile(join(vault.dataDir, SETTINGS_FILE));
  } catch {
    throw new CodedError('NOT_FOUND', 'This vault has no settings: set-up did not finish.');
  }
  const parsed = SettingsSchema.safeParse(
    JSON.parse(Buffer.from(vault.codec.decodeFile(raw, 'settings')).toString('utf8')),
  );
  if (!parsed.success) throw new CodedError('CORRUPT', 'The vault settings are damaged.');
  return parsed.data;
};

/** The policy profile in force under these settings. */
export const profileFor = (settings: Settings): PolicyProfile => {
  if (settings.importedProfile !== undefined) {
    const r = parseProfile(settings.importedProfile);
    if (!r.ok) throw new CodedError('INVALID_INPUT', `The imported policy profile is not valid: ${r.error.message}`);
    return r.value;
  }
  const p = profileById(settings.profileId || DEFAULT_PROFILE_ID);
  if (!p)
    throw new CodedError(
      'INVALID_INPUT',
      `Unknown policy profile "${settings.profileId}"; built in: ${BUILT_IN_PROFILES.map((x) => x.id).join(', ')}.`,
    );
  return p;
};

export interface IncidentDetails {
  reason: string;
  subject: EntryData<'incident.opened'>['subject'];
  category: string;
  practice: boolean;
  /** Who reported the concern (the incident log's "Incident reported by"). */
  reportedBy?: string;
  /** Safe view is on unless the reviewers give, when opening, a reason to see the pictures sharp. */
  safeViewOffReason?: string;
}

/** The recorded choice: safe view on, or off with the reviewers' reason. */
const safeViewChoice = (offReason: string | undefined): { safeView: boolean; safeViewOffReason?: string } =>
  offReason?.trim() ? { safeView: false, safeViewOffReason: offReason.trim() } : { safeView: true };

/** One reviewer proves they are present; a refusal says which of the two it was. */
const reviewer = async (open: OpenVault, passphrase: string, which: string) => {
  try {
    return await open.keyring.authenticate(passphrase);
  } catch (e) {
    if (e instanceof CodedError) throw new CodedError(e.code, `${which}: ${e.message}`);
    throw e;
  }
};

/**
 * Starts an incident: two different registered members of staff each authenticate with their own
 * passphrase; both are recorded, with their signing keys, as first and second reviewing person.
 */
export const startIncident = async (
  open: OpenVault,
  passphrases: readonly [string, string],
  details: IncidentDetails,
): Promise<IncidentStore> => {
  const a = (await reviewer(open, passphrases[0], 'First reviewer')).staff;
  const b = (await reviewer(open, passphrases[1], 'Second reviewer')).staff;
  if (a.id === b.id)
    throw new CodedError(
      'SAME_PERSON',
      'Both passphrases belong to the same person. The procedure needs two different senior members of staff.',
    );
  const { staffId } = details.subject;
  if (staffId !== undefined && !open.keyring.staffList().some((s) => s.id === staffId))
    throw new CodedError(
      'INVALID_INPUT',
      'The member of staff the concern is about is not registered on this computer.',
    );
  const settings = await readSettings(open.vault);
  const profile = profileFor(settings);
  const keeping = rememberProfile(settings, profile);
  if (keeping !== settings) await writeSettings(open.vault, keeping);
  const recorded = (s: StaffRecord) => ({ id: s.id, name: s.name, role: s.role, keyFingerprint: s.fingerprint });
  return open.vault.createIncident({
    kind: 'incident.opened',
    actor: a.id,
    data: {
      ref: open.vault.newRef(),
      organisation: settings.organisation,
      reviewers: [recorded(a), recorded(b)],
      computer: settings.computer,
      deviceKeyFingerprint: open.vault.device.fingerprint,
      profile: { id: profile.id, sha256: sha256Hex(profileCanonicalJson(profile)) },
      reason: details.reason,
      subject: details.subject,
      category: details.category,
      practice: details.practice,
      ...(details.reportedBy?.trim() ? { reportedBy: details.reportedBy.trim() } : {}),
      rules: CURRENT_RULES,
      ...safeViewChoice(details.safeViewOffReason),
    },
  });
};

/**
 * Sign-off by both reviewers: each authenticates again and signs the record digest with their own key.
 * Both are checked before anything is written, so a refused sign-off never half-happens.
 */
export const signOff = async (
  open: OpenVault,
  store: IncidentStore,
  passphrases: readonly [string, string],
): Promise<JournalEntry[]> => {
  const state = store.journal.state;
  if (state.phase !== 'signoff' || !state.recordDigest)
    throw new CodedError('PROCEDURE_FORBIDS', 'Sign-off comes after the conclusion has been written.');
  if (state.signedBy.length > 0) throw new CodedError('PROCEDURE_FORBIDS', 'Sign-off has already begun.');
  const signers = [];
  for (const p of passphrases) signers.push(await open.keyring.authenticate(p, state.reviewers));
  const [a, b] = signers;
  if (!a || !b) throw new CodedError('INVALID_INPUT', 'Both reviewers must sign.');
  if (a.staff.id === b.staff.id)
    throw new CodedError(
      'SAME_PERSON',
      'Both signatures would be by the same person; the other reviewer must sign too.',
    );
  for (const s of signers) {
    if (!state.reviewers.includes(s.staff.id))
      throw new CodedError(
        'PROCEDURE_FORBIDS',
        `${s.staff.name} is not a reviewer of this incident and cannot sign it off.`,
      );
  }
  // Each key must be the one the incident holds for that reviewer, or the sealed record would fail every check.
  for (const s of signers) {
    const recorded = reviewerKeyAt(store.journal.entries, s.staff.id);
    if (recorded && recorded !== s.signer.fingerprint) {
      const other = signers.find((o) => o !== s)?.staff.name ?? null;
      throw new CodedError('PROCEDURE_FORBIDS', keyNotRecordedMessage(s.staff.name, other));
    }
  }
  const entries: JournalEntry[] = [];
  for (const s of signers) {
    const digest = state.recordDigest;
    entries.push(
      await store.journal.append({
        kind: 'signoff.signed',
        actor: s.staff.id,
        data: {
          reviewer: s.staff.id,
          digest,
          publicKey: s.signer.publicKeyPem,
          signature: s.signer.sign(signoffMessage(store.ref, digest)),
        },
      }),
    );
  }
  return entries;
};
