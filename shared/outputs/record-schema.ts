// The incident record's zod schemas: the shape of incident.json, for the app's IPC contract, the format's documentation
// and the tests. Kept apart from the code that builds the record (record.ts, record-browsing.ts, record-procedure.ts),
// which takes only their types: `countersign verify` rebuilds the record without building its schemas first.
import { z } from 'zod';
import { ACTIONS, CAPTURE_MODES, FOLLOW_UP_KINDS, POLICE_REASONS, TOLD_HOW } from '../evidence/entries';
import { PHASES } from '../procedure/procedure-machine';
import { RECORD_FORMAT, RECORD_VERSION } from './record';

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

export const VisitSchema = z.strictObject({
  ...stamped,
  /** navigated: a document loaded; redirected: the server or page sent the browser on; in-page: a history or hash
   *  change. */
  type: z.enum(['navigated', 'redirected', 'in-page']),
  /** Where the browser ended up (for a redirect, its target). */
  url: z.string(),
  /** For a redirect, where it started; otherwise null. */
  from: z.string().nullable(),
  /** For a redirect, how: an HTTP status, a meta refresh or a script; otherwise null. */
  how: z.enum(['http', 'meta', 'script']).nullable(),
  /** The top-level page ("main") or a frame inside it ("sub"); null for a redirect, which the journal does not
   *  place. */
  frame: z.enum(['main', 'sub']).nullable(),
  status: z.number().int().nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;

export const LoadFailureSchema = z.strictObject({
  ...stamped,
  type: z.enum(['load-failed', 'certificate-error']),
  url: z.string(),
  error: z.string(),
});
export type LoadFailure = z.infer<typeof LoadFailureSchema>;

export const BlockedSchema = z.strictObject({
  ...stamped,
  type: z.enum(['popup', 'download', 'permission', 'navigation']),
  /** The address the page tried to open, download from or go to; for a permission, the asking origin. */
  url: z.string(),
  /** The popup's opener, the download's file name, the permission asked for, or why a navigation was refused. */
  detail: z.string().nullable(),
});
export type Blocked = z.infer<typeof BlockedSchema>;

export const SiteSchema = z.strictObject({
  ...stampedBy,
  /** The address of a site of concern, as text (never opened or captured for this row); null for a device. */
  url: z.string().nullable(),
  /** A device of concern, as the reviewers described it; null for a site. */
  device: z.string().nullable(),
  /** The nature of the content causing concern. */
  concern: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

export const ToldSchema = z.strictObject({
  ...stampedBy,
  /** Whom they told, in the words chosen or typed. */
  who: z.string(),
  /** The policy profile's contact it was chosen from (e.g. "lado"); null when typed. */
  contact: z.string().nullable(),
  /** True when this was the police: a police referral. */
  police: z.boolean(),
  toldAt: utc,
  how: z.enum(TOLD_HOW).nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
});
export type Told = z.infer<typeof ToldSchema>;

export const FollowUpSchema = z.strictObject({
  ...stampedBy,
  kind: z.enum(FOLLOW_UP_KINDS),
  text: z.string(),
  /** The new judgement, when the incident returned to internal procedures; otherwise null. */
  judgement: z
    .strictObject({
      substance: z.boolean(),
      actions: z.array(z.enum(ACTIONS)),
      sanctionRow: z.string().nullable(),
      sanctions: z.array(z.string()),
    })
    .nullable(),
  /** The names of the reviewers who signed it. */
  signedBy: z.array(z.string()),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

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
