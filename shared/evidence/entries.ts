// The journal's entry kinds and the zod schema of each kind's data: the record's vocabulary (docs/formats/journal.md).
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const text = z.string().trim().min(1, 'must not be empty').max(20_000);
const isoTime = z.iso.datetime({ offset: false, precision: 3 });

export const ReviewerSchema = z.object({
  id: z.string().min(1),
  name: text,
  role: text,
  /** Fingerprint (SHA-256 of the SPKI DER) of this person's signing key. */
  keyFingerprint: sha256Hex.optional(),
});
export type Reviewer = z.infer<typeof ReviewerSchema>;

export const SubjectSchema = z.object({
  kind: z.enum(['pupil', 'staff', 'other']),
  ref: text,
  /** When the concern is about a registered member of staff: their staff id (never one of the reviewers). */
  staffId: z.string().min(1).optional(),
  /** The concern involves the head teacher: the policy's route for that applies. */
  headteacher: z.literal(true).optional(),
});

export const ACTIONS = ['internal', 'la', 'police'] as const;
export const POLICE_REASONS = [
  'grooming',
  'obscene-to-child',
  'obscene-publications',
  'criminally-racist',
  'terrorism-extremism',
  'other-criminal',
] as const;

export const CAPTURE_MODES = ['viewport', 'fullpage'] as const;

/** What the page under review itself does, as the evidence browser reports it (recorded only during the review). */
export const BROWSER_PAGE_FACTS = [
  'browser.navigated',
  'browser.redirected',
  'browser.in-page',
  'browser.title',
  'browser.load-failed',
  'browser.certificate-error',
  'browser.popup-blocked',
  'browser.download-blocked',
  'browser.permission-denied',
  'browser.navigation-blocked',
] as const;

const BROWSER_ACTIONS = ['navigate', 'back', 'forward', 'reload', 'stop', 'click'] as const;

/** Every kind of journal entry, with the schema its `data` must satisfy. */
export const ENTRY_DATA = {
  'incident.opened': z.object({
    ref: z.string().regex(/^[A-Z0-9-]{4,40}$/),
    organisation: text,
    reviewers: z.tuple([ReviewerSchema, ReviewerSchema]),
    computer: z.object({ name: text, location: text }),
    deviceKeyFingerprint: sha256Hex,
    profile: z.object({ id: z.string().min(1), sha256: sha256Hex }),
    reason: text,
    subject: SubjectSchema,
    category: text,
    practice: z.boolean(),
  }),
  'clock.confirmed': z.object({
    shownAt: isoTime,
    /** Reviewers' trusted clock minus the computer's, in ms; 0 when they agree. */
    offsetMs: z.number().int(),
    note: z.string().max(2000).optional(),
  }),
  'clock.jump': z.object({ wallDeltaMs: z.number(), monoDeltaMs: z.number(), driftMs: z.number() }),
  'triage.answered': z.object({ illegalSuspected: z.boolean() }),
  'browser.requested': z.object({
    action: z.enum(BROWSER_ACTIONS),
    url: z.string().max(8192).optional(),
    selector: z.string().max(2000).optional(),
  }),
  /** A reviewer's request the app did not carry out because the halt had been pressed: nothing was shown. */
  'browser.refused': z.object({
    action: z.enum(BROWSER_ACTIONS),
    url: z.string().max(8192).optional(),
    selector: z.string().max(2000).optional(),
    reason: z.enum(['halted']),
    /** The seq of the request's own 'browser.requested' entry, when it was written before the halt. */
    request: z.number().int().nonnegative().optional(),
  }),
  /** A fact the evidence browser reported after the review had ended: kept as text, never dropped. */
  'browser.fact-refused': z.object({
    fact: z.enum(BROWSER_PAGE_FACTS),
    url: z.string().max(8192),
    reason: z.string().max(500),
  }),
  'browser.navigated': z.object({
    url: z.string().max(8192),
    frame: z.enum(['main', 'sub']),
    frameId: z.string().optional(),
    status: z.number().int().optional(),
  }),
  'browser.redirected': z.object({
    from: z.string().max(8192),
    to: z.string().max(8192),
    how: z.enum(['http', 'meta', 'script']),
    status: z.number().int().optional(),
  }),
  'browser.in-page': z.object({ url: z.string().max(8192), frame: z.enum(['main', 'sub']) }),
  'browser.title': z.object({ url: z.string().max(8192), title: z.string().max(4000) }),
  'browser.load-failed': z.object({ url: z.string().max(8192), error: z.string().max(2000) }),
  'browser.certificate-error': z.object({ url: z.string().max(8192), error: z.string().max(2000) }),
  'browser.popup-blocked': z.object({ url: z.string().max(8192), opener: z.string().max(8192).optional() }),
  'browser.download-blocked': z.object({ url: z.string().max(8192), filename: z.string().max(1000) }),
  'browser.permission-denied': z.object({ permission: z.string().max(200), origin: z.string().max(8192) }),
  'browser.navigation-blocked': z.object({ url: z.string().max(8192), reason: z.string().max(500) }),
  'browser.torn-down': z.object({ reason: z.enum(['halt', 'review-ended', 'closed', 'locked']) }),
  'capture.taken': z.object({
    sha256: sha256Hex,
    bytes: z.number().int().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    url: z.string().max(8192),
    title: z.string().max(4000),
    mode: z.enum(CAPTURE_MODES),
    concern: z.string().max(20_000).optional(),
  }),
  'capture.described': z.object({ sha256: sha256Hex, concern: text }),
  'capture.discarded': z.object({ reason: z.string().max(500) }),
  'note.added': z.object({ text }),
  'review.halted': z.object({ url: z.string().max(8192), reason: z.string().max(2000).optional() }),
  'halt.purge-decided': z.object({ captures: z.array(sha256Hex) }),
  'capture.purged': z.object({ sha256: sha256Hex, fileDestroyed: z.boolean() }),
  'referral.recorded': z.object({
    to: text,
    toldAt: isoTime,
    reference: z.string().max(200).optional(),
    note: z.string().max(4000).optional(),
  }),
  'judgement.made': z.object({
    substance: z.boolean(),
    actions: z.array(z.enum(ACTIONS)),
    policeReasons: z.array(z.enum(POLICE_REASONS)),
    sanctions: z.array(z.string().max(500)).optional(),
  }),
  'isolation.recorded': z.object({ checks: z.array(text) }),
  'conclusion.recorded': z.object({ text }),
  'signoff.signed': z.object({
    reviewer: z.string().min(1),
    digest: sha256Hex,
    publicKey: z.string().min(1),
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  }),
  'addendum.added': z.object({
    text,
    signatures: z.array(z.object({ reviewer: z.string(), signature: z.string() })).optional(),
  }),
  'head.signed': z.object({
    seq: z.number().int().nonnegative(),
    hash: sha256Hex,
    keyFingerprint: sha256Hex,
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  }),
  'recovery.torn-tail': z.object({ bytes: z.number().int().nonnegative(), sha256: sha256Hex, keptAs: z.string() }),
  'recovery.orphan-removed': z.object({ sha256: z.string(), bytes: z.number().int().nonnegative() }),
  'export.made': z.object({ recipient: z.string().max(200), file: z.string().max(1000), sha256: sha256Hex }),
} as const;

export type EntryKind = keyof typeof ENTRY_DATA;
export type EntryData<K extends EntryKind> = z.infer<(typeof ENTRY_DATA)[K]>;
export const ENTRY_KINDS = Object.keys(ENTRY_DATA) as EntryKind[];

export const isEntryKind = (k: string): k is EntryKind => Object.hasOwn(ENTRY_DATA, k);

/** Who did it: a member of staff's id, or the app itself. */
export type Actor = string;
export const SYSTEM_ACTOR = 'system';

/** One line of the journal, before hashing. */
export interface UnsealedEntry<K extends EntryKind = EntryKind> {
  seq: number;
  at: string;
  mono: number;
  kind: K;
  actor: Actor;
  data: EntryData<K>;
  prev: string;
}

export interface JournalEntry<K extends EntryKind = EntryKind> extends UnsealedEntry<K> {
  hash: string;
}

/** A command before it is placed in the chain: what the procedure machine judges. */
export interface Command<K extends EntryKind = EntryKind> {
  kind: K;
  actor: Actor;
  data: EntryData<K>;
}

export type AnyCommand = { [K in EntryKind]: Command<K> }[EntryKind];
