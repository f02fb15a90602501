// Test helpers: a fresh vault in a temporary folder and an incident brought to a given point of the procedure.
import { join } from 'node:path';
import type { AnyCommand, Command } from '@shared/evidence/entries';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { sha256Hex } from '@main/services/crypto';
import { Vault, type IncidentStore } from '@main/services/vault';
import { tempDir } from './temp-dirs';

export { tempDir };

export const newVault = async (dir?: string): Promise<Vault> =>
  Vault.create(dir ?? join(await tempDir(), 'data'), { codec: plainCodec, clock: systemClock });

/** A school's settings, as a vault is set up with them (setUpVault). */
export const SCHOOL_SETTINGS = {
  organisation: 'Brindlewick Academy',
  computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
  profileId: 'swgfl-template',
};

/** What an incident is started with (startIncident), beside the two reviewers' passphrases. */
export const INCIDENT_DETAILS = {
  reason: 'Messages reported by a parent',
  subject: { kind: 'pupil' as const, ref: 'P-117' },
  category: 'Cyberbullying',
  practice: false,
};

export const REVIEWERS = [
  { id: 'ah', name: 'A. Head', role: 'Headteacher' },
  { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead' },
] as const;

export const openedCommand = (ref: string, deviceKeyFingerprint: string): Command<'incident.opened'> => ({
  kind: 'incident.opened',
  actor: 'ah',
  data: {
    ref,
    organisation: 'Example School',
    reviewers: [{ ...REVIEWERS[0] }, { ...REVIEWERS[1] }],
    computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
    deviceKeyFingerprint,
    profile: { id: 'swgfl-template', sha256: sha256Hex('profile') },
    reason: 'Report of bullying messages on a social network',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
    practice: true,
  },
});

/** Commands that take a new incident from clock check to the review. */
export const toReview: AnyCommand[] = [
  { kind: 'clock.confirmed', actor: 'ah', data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 } },
  { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
];

/** Appends a command the test needs written; a refusal throws (as the journal's append does) and fails the test. */
export const mustAppend = (store: IncidentStore, cmd: AnyCommand) => store.journal.append(cmd);

export const incidentInReview = async (vault: Vault, ref = vault.newRef()): Promise<IncidentStore> => {
  const store = await vault.createIncident(openedCommand(ref, vault.device.fingerprint));
  for (const c of toReview) await mustAppend(store, c);
  return store;
};

/** A capture as the pipeline stores it: the file first, then its journal entry. */
export const storeCapture = async (
  store: IncidentStore,
  png: Uint8Array,
  concern = 'Bullying comments under the post',
) => {
  const sha = await store.putFile(png);
  return mustAppend(store, {
    kind: 'capture.taken',
    actor: 'ah',
    data: {
      sha256: sha,
      bytes: png.length,
      width: 10,
      height: 10,
      url: 'http://127.0.0.1/post/1',
      title: 'Post',
      mode: 'viewport',
      concern,
    },
  });
};
