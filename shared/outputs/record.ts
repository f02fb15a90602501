// The incident record: a journal folded into the facts that incident.json, the printed form, the screenshot pages and
// the log show.
import type { CryptoPort } from '../evidence/chain';
import { SYSTEM_ACTOR, type EntryKind, type JournalEntry, type POLICE_REASONS } from '../evidence/entries';
import { policeReasonLabel } from '../policy/policy-words';
import { deviceFingerprints } from '../evidence/device-keys';
import { sealedHeadOf } from '../evidence/record-anchors';
import { profileById, type PolicyProfile } from '../policy/profile-registry';
import { SWGFL_TEMPLATE } from '../policy/profiles/swgfl-template';
import { fold } from '../procedure/procedure-machine';
import { CodedError } from '../result';
import { foldBrowsing } from './record-browsing';
import { foldProcedurePart } from './record-procedure';
import type { Capture, IncidentRecord, PersonRef, RecordReviewer } from './record-schema';

export type { Capture, Halt, IncidentRecord, Judgement, PersonRef, RecordReviewer, Signoff } from './record-schema';

export const RECORD_FORMAT = 'countersign-incident';
export const RECORD_VERSION = 2;

export const SYSTEM_NAME = 'Countersign (recorded automatically)';

export interface BuildRecordOptions {
  /** Computes each signer's key fingerprint from the public key in their sign-off; without it, the registered one is
   *  used. */
  crypto?: Pick<CryptoPort, 'fingerprint'>;
  /**
   * The policy profile in force (the one whose hash the journal records): its words label the police-reportable
   * reasons. Without it, the built-in profile with the recorded id is used.
   */
  profile?: PolicyProfile;
}

const is = <K extends EntryKind>(e: JournalEntry, kind: K): e is JournalEntry<K> => e.kind === kind;

/**
 * Folds a verified journal into the record. Throws CORRUPT when the journal does not start with the
 * incident's opening or breaks the procedure: such a journal must not be printed as if it were sound.
 */
/** The computers the incident moved to after it was opened (restored from a backup), when there are any. */
const laterDevices = (entries: readonly JournalEntry[]): { laterDeviceKeyFingerprints?: string[] } => {
  const later = deviceFingerprints(entries).slice(1);
  return later.length > 0 ? { laterDeviceKeyFingerprints: later } : {};
};

export const buildRecord = (entries: readonly JournalEntry[], options: BuildRecordOptions = {}): IncidentRecord => {
  const first = entries[0];
  if (!first || !is(first, 'incident.opened')) {
    throw new CodedError('CORRUPT', 'The journal does not begin with the opening of an incident.');
  }
  const folded = fold(entries);
  if (folded.violation) {
    throw new CodedError(
      'CORRUPT',
      `The journal breaks the procedure at entry ${folded.violation.seq}: ${folded.violation.message}`,
    );
  }
  const open = first.data;
  const people = new Map(open.reviewers.map((r) => [r.id, r]));
  const who = (actor: string): PersonRef => ({
    id: actor,
    name: actor === SYSTEM_ACTOR ? SYSTEM_NAME : (people.get(actor)?.name ?? actor),
  });
  const profile = options.profile ?? profileById(open.profile.id) ?? SWGFL_TEMPLATE;
  const policeLabel = (id: (typeof POLICE_REASONS)[number]): string => policeReasonLabel(profile, id);

  const record: IncidentRecord = {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    ref: open.ref,
    organisation: open.organisation,
    group: open.organisation,
    practice: open.practice,
    opened: { seq: first.seq, at: first.at, by: who(first.actor) },
    reason: open.reason,
    reportedBy: open.reportedBy ?? null,
    subject: { ...open.subject },
    category: open.category,
    policy: { id: open.profile.id, sha256: open.profile.sha256 },
    reviewers: [reviewerOf(open.reviewers[0]), reviewerOf(open.reviewers[1])],
    computer: { ...open.computer },
    deviceKeyFingerprint: open.deviceKeyFingerprint,
    ...laterDevices(entries),
    clock: { confirmed: null },
    triage: null,
    visits: [],
    loadFailures: [],
    blocked: [],
    captures: [],
    sites: [],
    notes: [],
    halt: null,
    referrals: [],
    told: [],
    judgement: null,
    isolation: null,
    conclusion: null,
    signoffs: [],
    addenda: [],
    followUps: [],
    interruptions: [],
    recordDigest: folded.state.recordDigest,
    sealedHead: sealedHeadOf(entries),
    chainHead: {
      seq: entries[entries.length - 1]?.seq ?? first.seq,
      hash: entries[entries.length - 1]?.hash ?? first.hash,
    },
    status: {
      phase: folded.state.phase,
      policeRoute: folded.state.policeVia,
      captureLocked: folded.state.captureLocked,
    },
  };

  for (const e of entries) {
    const base = { seq: e.seq, at: e.at };
    const by = { ...base, by: who(e.actor) };
    if (is(e, 'clock.confirmed')) {
      record.clock.confirmed = { ...by, shownAt: e.data.shownAt, offsetMs: e.data.offsetMs, note: e.data.note ?? null };
    } else if (is(e, 'clock.jump')) {
      record.interruptions.push({
        ...base,
        type: 'clock-jump',
        detail:
          `The computer's clock moved ${e.data.wallDeltaMs} ms while ${e.data.monoDeltaMs} ms passed ` +
          `(a jump of ${e.data.driftMs} ms).`,
      });
    } else if (is(e, 'triage.answered')) {
      record.triage = { ...by, illegalSuspected: e.data.illegalSuspected };
    } else if (foldBrowsing(record, e, base)) {
      continue;
    } else if (is(e, 'capture.taken')) {
      // The machine accepts a repeated capture of identical bytes as the same capture: it is listed once.
      if (record.captures.some((c) => c.sha256 === e.data.sha256)) continue;
      const concern = e.data.concern?.trim() ? e.data.concern.trim() : null;
      record.captures.push({
        n: record.captures.length + 1,
        ...by,
        sha256: e.data.sha256,
        bytes: e.data.bytes,
        width: e.data.width,
        height: e.data.height,
        url: e.data.url,
        title: e.data.title,
        mode: e.data.mode,
        concern,
        describedAt: concern ? e.at : null,
        purged: false,
        purge: null,
      });
    } else if (is(e, 'capture.described')) {
      const c = record.captures.find((x) => x.sha256 === e.data.sha256);
      if (c) {
        c.concern = e.data.concern;
        c.describedAt = e.at;
      }
    } else if (is(e, 'capture.discarded')) {
      record.interruptions.push({ ...base, type: 'capture-discarded', detail: e.data.reason });
    } else if (is(e, 'note.added')) {
      record.notes.push({ ...by, text: e.data.text });
    } else if (is(e, 'review.halted')) {
      record.halt = { ...by, url: e.data.url, reason: e.data.reason ?? null, purgeDecision: null, purged: [] };
    } else if (is(e, 'halt.purge-decided')) {
      if (record.halt) record.halt.purgeDecision = by;
    } else if (is(e, 'capture.purged')) {
      const c = record.captures.find((x) => x.sha256 === e.data.sha256);
      if (c) {
        c.purged = true;
        c.purge = { ...by, fileDestroyed: e.data.fileDestroyed };
      }
      record.halt?.purged.push(e.data.sha256);
    } else if (is(e, 'referral.recorded')) {
      record.referrals.push({
        ...by,
        to: e.data.to,
        toldAt: e.data.toldAt,
        reference: e.data.reference ?? null,
        note: e.data.note ?? null,
      });
    } else if (is(e, 'judgement.made')) {
      record.judgement = {
        ...by,
        substance: e.data.substance,
        actions: [...e.data.actions],
        policeReasons: e.data.policeReasons.map((id) => ({ id, label: policeLabel(id) })),
        sanctionRow: e.data.sanctionRow ?? null,
        sanctions: [...(e.data.sanctions ?? [])],
      };
    } else if (is(e, 'isolation.recorded')) {
      record.isolation = { ...by, checks: [...e.data.checks] };
    } else if (is(e, 'conclusion.recorded')) {
      record.conclusion = { ...by, text: e.data.text };
    } else if (is(e, 'signoff.signed')) {
      const r = people.get(e.data.reviewer);
      record.signoffs.push({
        ...base,
        reviewer: { id: e.data.reviewer, name: r?.name ?? e.data.reviewer, role: r?.role ?? '' },
        keyFingerprint: signerFingerprint(options.crypto, e.data.publicKey) ?? r?.keyFingerprint ?? null,
        digest: e.data.digest,
      });
    } else if (is(e, 'addendum.added')) {
      record.addenda.push({
        ...by,
        text: e.data.text,
        signedBy: (e.data.signatures ?? []).map((s) => who(s.reviewer).name),
      });
    } else if (is(e, 'recovery.torn-tail')) {
      record.interruptions.push({
        ...base,
        type: 'torn-tail',
        detail:
          `A half-written journal line (${e.data.bytes} bytes, SHA-256 ${e.data.sha256}) ` +
          `was found after an interruption and kept as ${e.data.keptAs}.`,
      });
    } else if (is(e, 'recovery.orphan-removed')) {
      record.interruptions.push({
        ...base,
        type: 'orphan-removed',
        detail:
          'A file written when the app was interrupted, never entered in the journal, ' +
          `was removed (${e.data.bytes} bytes, ${e.data.sha256}).`,
      });
    } else foldProcedurePart(record, e, by, (id) => who(id).name);
  }
  return record;
};

const reviewerOf = (r: {
  id: string;
  name: string;
  role: string;
  keyFingerprint?: string | undefined;
}): RecordReviewer => ({
  id: r.id,
  name: r.name,
  role: r.role,
  keyFingerprint: r.keyFingerprint ?? null,
});

const signerFingerprint = (
  crypto: Pick<CryptoPort, 'fingerprint'> | undefined,
  publicKeyPem: string,
): string | null => {
  if (!crypto) return null;
  try {
    return crypto.fingerprint(publicKeyPem);
  } catch {
    return null;
  }
};

/** The captures that may be shown as images: every capture not purged after a halt. */
export const keptCaptures = (record: IncidentRecord): Capture[] => record.captures.filter((c) => !c.purged);
