// The incident record: a journal folded into the facts that incident.json, the printed form, the screenshot pages and
// the log show.
import { z } from 'zod';
import type { CryptoPort } from '../evidence/chain';
import {
  ACTIONS,
  CAPTURE_MODES,
  POLICE_REASONS,
  SYSTEM_ACTOR,
  type EntryKind,
  type JournalEntry,
} from '../evidence/entries';
import { policeReasonLabel } from '../policy/policy-words';
import { deviceFingerprints } from '../evidence/device-keys';
import { sealedHeadOf } from '../evidence/record-anchors';
import { profileById, type PolicyProfile } from '../policy/profile-registry';
import { SWGFL_TEMPLATE } from '../policy/profiles/swgfl-template';
import { fold, PHASES } from '../procedure/procedure-machine';
import { CodedError } from '../result';
import { BlockedSchema, foldBrowsing, LoadFailureSchema, VisitSchema } from './record-browsing';
import { foldProcedurePart, FollowUpSchema, SiteSchema, ToldSchema } from './record-procedure';

export const RECORD_FORMAT = 'countersign-incident';
export const RECORD_VERSION = 2;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
/** A UTC time with milliseconds, as the journal writes it. */
const utc = z.iso.datetime({ offset: false, precision: 3 });
const seq = z.number().int().nonnegative();

/** Who did something: a reviewer (by id and name) or Countersign itself (id "system"). */
export const PersonRefSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/** The journal entry a fact comes from (its sequence number) and when it was written. */
const stamped = { seq, at: utc };
const stampedBy = { ...stamped, by: PersonRefSchema };

export const RecordReviewerSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** The "Position" on the form. */
  role: z.string().min(1),
  /** SHA-256 of the SPKI DER of the signing key registered for this person, when one was registered. */
  keyFingerprint: sha256.nullable(),
});
export type RecordReviewer = z.infer<typeof RecordReviewerSchema>;

export const CaptureSchema = z.strictObject({
  /** Order in this incident, from 1; purged captures keep their number. */
  n: z.number().int().positive(),
  ...stampedBy,
  /** SHA-256 of the exact PNG bytes, which is also the file's name under screenshots/. */
  sha256,
  bytes: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  url: z.string(),
  title: z.string(),
  mode: z.enum(CAPTURE_MODES),
  /** The reviewers' description of the content causing concern: the latest one given; null if none yet. */
  concern: z.string().nullable(),
  /** When the description in force was given (the capture's own time if given with it). */
  describedAt: utc.nullable(),
  /** True when the reviewers said, after a halt, that it shows the suspect imagery: the file is destroyed, only its
   *  hash remains. */
  purged: z.boolean(),
  purge: z.strictObject({ ...stampedBy, fileDestroyed: z.boolean() }).nullable(),
});
export type Capture = z.infer<typeof CaptureSchema>;

export const NoteSchema = z.strictObject({ ...stampedBy, text: z.string() });

export const HaltSchema = z.strictObject({
  ...stampedBy,
  /** The address of the suspect content, kept as text only: no image of it exists. */
  url: z.string(),
  reason: z.string().nullable(),
  /** When the reviewers said which earlier captures show the suspect imagery (possibly none); null until they have. */
  purgeDecision: z.strictObject(stampedBy).nullable(),
  /** Hashes of the captures purged after the halt. */
  purged: z.array(sha256),
});
export type Halt = z.infer<typeof HaltSchema>;

export const ReferralSchema = z.strictObject({
  ...stampedBy,
  /** Who was told (e.g. "Police (101)", "LADO"). */
  to: z.string(),
  toldAt: utc,
  reference: z.string().nullable(),
  note: z.string().nullable(),
});

export const PoliceReasonSchema = z.strictObject({
  id: z.enum(POLICE_REASONS),
  /** The item as the policy in force words it. */
  label: z.string(),
});

export const JudgementSchema = z.strictObject({
  ...stampedBy,
  /** Does the concern have substance? */
  substance: z.boolean(),
  actions: z.array(z.enum(ACTIONS)),
  /** The police-reportable reasons ticked; any one means police involvement. */
  policeReasons: z.array(PoliceReasonSchema),
  /** The row of the policy's sanctions table the reviewers chose as closest; null if none. */
  sanctionRow: z.string().nullable(),
  sanctions: z.array(z.string()),
});
export type Judgement = z.infer<typeof JudgementSchema>;

export const SignoffSchema = z.strictObject({
  ...stamped,
  reviewer: z.strictObject({ id: z.string().min(1), name: z.string().min(1), role: z.string().min(1) }),
  /** SHA-256 of the SPKI DER of the key that made the signature; null if it could not be read. */
  keyFingerprint: sha256.nullable(),
  /** The record digest this person signed. */
  digest: sha256,
});
export type Signoff = z.infer<typeof SignoffSchema>;

export const AddendumSchema = z.strictObject({ ...stampedBy, text: z.string(), signedBy: z.array(z.string()) });

export const InterruptionSchema = z.strictObject({
  ...stamped,
  /** torn-tail: a half-written journal line after a crash; orphan-removed: a file that never reached the journal;
   *  capture-discarded: a capture in flight when the halt was pressed; clock-jump: the wall clock moved against the
   *  monotonic clock. */
  type: z.enum(['torn-tail', 'orphan-removed', 'capture-discarded', 'clock-jump']),
  detail: z.string(),
});

export const IncidentRecordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  version: z.literal(RECORD_VERSION),
  ref: z.string().regex(/^[A-Z0-9-]{4,40}$/),
  organisation: z.string(),
  /** The form's "Group": the organisation whose staff reviewed. */
  group: z.string(),
  /** A practice (training) incident, never a real one. */
  practice: z.boolean(),
  opened: z.strictObject(stampedBy),
  reason: z.string(),
  /** Who reported the concern (the incident log's "Incident reported by"); null when not recorded. */
  reportedBy: z.string().nullable(),
  subject: z.strictObject({
    kind: z.enum(['pupil', 'staff', 'other']),
    ref: z.string(),
    /** Present when the concern is about a registered member of staff: their staff id. */
    staffId: z.string().optional(),
    /** Present (true) when the concern involves the head teacher. */
    headteacher: z.literal(true).optional(),
  }),
  category: z.string(),
  policy: z.strictObject({ id: z.string(), sha256 }),
  /** First then second reviewing person. */
  reviewers: z.tuple([RecordReviewerSchema, RecordReviewerSchema]),
  computer: z.strictObject({ name: z.string(), location: z.string() }),
  deviceKeyFingerprint: sha256,
  /** The keys of the computers the incident moved to, restored from a backup (device.changed); absent if none. */
  laterDeviceKeyFingerprints: z.array(sha256).optional(),
  clock: z.strictObject({
    confirmed: z
      .strictObject({
        ...stampedBy,
        /** The computer's time the reviewers were shown. */
        shownAt: utc,
        /** Their trusted clock minus the computer's, in ms. */
        offsetMs: z.number().int(),
        note: z.string().nullable(),
      })
      .nullable(),
  }),
  triage: z.strictObject({ ...stampedBy, illegalSuspected: z.boolean() }).nullable(),
  visits: z.array(VisitSchema),
  loadFailures: z.array(LoadFailureSchema),
  blocked: z.array(BlockedSchema),
  captures: z.array(CaptureSchema),
  /** Sites and devices of concern recorded without a capture. */
  sites: z.array(SiteSchema),
  notes: z.array(NoteSchema),
  halt: HaltSchema.nullable(),
  referrals: z.array(ReferralSchema),
  /** Everyone recorded as told, on any route (the police among them). */
  told: z.array(ToldSchema),
  judgement: JudgementSchema.nullable(),
  isolation: z.strictObject({ ...stampedBy, checks: z.array(z.string()) }).nullable(),
  conclusion: z.strictObject({ ...stampedBy, text: z.string() }).nullable(),
  signoffs: z.array(SignoffSchema),
  addenda: z.array(AddendumSchema),
  followUps: z.array(FollowUpSchema),
  interruptions: z.array(InterruptionSchema),
  /** The hash of the conclusion entry: what both reviewers sign. Null before the conclusion. */
  recordDigest: sha256.nullable(),
  /** The last sign-off entry (fixed once both have signed), and the last entry this record was built from. */
  sealedHead: z.strictObject({ seq, hash: sha256 }).nullable(),
  chainHead: z.strictObject({ seq, hash: sha256 }),
  status: z.strictObject({
    /** Where the procedure stands; "sealed" once both reviewers have signed. */
    phase: z.enum(PHASES),
    /** How the police route was entered, if it was. */
    policeRoute: z.enum(['triage', 'halt', 'judgement']).nullable(),
    captureLocked: z.boolean(),
  }),
});
export type IncidentRecord = z.infer<typeof IncidentRecordSchema>;

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
