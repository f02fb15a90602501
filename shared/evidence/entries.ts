// The journal's entry kinds and the zod schema of each kind's data: the record's vocabulary (docs/formats/journal.md).
import { z } from 'zod';
import { PageRecordSchema } from './page-record';

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

/**
 * The procedure's rules an incident follows, recorded when it is opened: 2 adds the police referral needed before the
 * conclusion, the judgement after a halt and the sanctions that involve the police (docs/formats/journal.md). A journal
 * without the field follows 1, the rules it was written under.
 */
export const PROCEDURE_RULES = [1, 2] as const;
export const CURRENT_RULES = 2;

/** How someone was told: the "how" of a "told.recorded" entry. */
export const TOLD_HOW = ['phone', 'email', 'in-person', 'online-form', 'letter', 'other'] as const;

/** The named kinds of follow-up after sign-off, in the order the policy's flowchart gives them (000:449-457). */
export const FOLLOW_UP_KINDS = [
  'debrief',
  'police-response',
  'internal-procedures',
  'policy-reviewed',
  'changes-made',
  'monitoring',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** What a judgement records: the same for the judgement in the procedure and a new one after the police response. */
const judgementData = {
  substance: z.boolean(),
  actions: z.array(z.enum(ACTIONS)),
  policeReasons: z.array(z.enum(POLICE_REASONS)),
  /** The row of the policy's sanctions table the reviewers chose as closest (its printed words). */
  sanctionRow: z.string().max(500).optional(),
  sanctions: z.array(z.string().max(500)).optional(),
};
const signatures = z.array(z.object({ reviewer: z.string(), signature: z.string() }));

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

/**
 * An object whose every property is made the first time it is read, and kept: the journal audit of a bundle meets a
 * few kinds of entry, and building every kind's zod schema when the module loads cost a verify more than checking.
 */
const builtOnFirstUse = <T extends Record<string, () => unknown>>(
  makers: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } => {
  const made = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(makers) as (keyof T & string)[])
    Object.defineProperty(made, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = makers[key]?.() as ReturnType<T[typeof key]>;
        Object.defineProperty(made, key, { value, enumerable: true });
        return value;
      },
    });
  return made;
};

/** Every kind of journal entry, with the schema its `data` must satisfy. */
export const ENTRY_DATA = builtOnFirstUse({
  'incident.opened': () =>
    z.object({
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
      /** Who reported the concern to the reviewers: the incident log's "Incident reported by". */
      reportedBy: z.string().trim().min(1).max(500).optional(),
      /** The procedure's rules this incident follows; absent means 1. */
      rules: z.literal(PROCEDURE_RULES).optional(),
      /** Safe view: pictures blurred, audio and video held, until a reviewer reveals one. Absent means on. */
      safeView: z.boolean().optional(),
      /** Why the reviewers chose, on opening it, to see its pictures sharp (only when safeView is false). */
      safeViewOffReason: z.string().trim().min(1).max(1000).optional(),
    }),
  'clock.confirmed': () =>
    z.object({
      shownAt: isoTime,
      /** Reviewers' trusted clock minus the computer's, in ms; 0 when they agree. */
      offsetMs: z.number().int(),
      note: z.string().max(2000).optional(),
    }),
  'clock.jump': () => z.object({ wallDeltaMs: z.number(), monoDeltaMs: z.number(), driftMs: z.number() }),
  'triage.answered': () => z.object({ illegalSuspected: z.boolean() }),
  'browser.requested': () =>
    z.object({
      action: z.enum(BROWSER_ACTIONS),
      url: z.string().max(8192).optional(),
      selector: z.string().max(2000).optional(),
    }),
  /** A reviewer's request the app did not carry out because the halt had been pressed: nothing was shown. */
  'browser.refused': () =>
    z.object({
      action: z.enum(BROWSER_ACTIONS),
      url: z.string().max(8192).optional(),
      selector: z.string().max(2000).optional(),
      reason: z.enum(['halted']),
      /** The seq of the request's own 'browser.requested' entry, when it was written before the halt. */
      request: z.number().int().nonnegative().optional(),
    }),
  /** A fact the evidence browser reported after the review had ended: kept as text, never dropped. */
  'browser.fact-refused': () =>
    z.object({
      fact: z.enum(BROWSER_PAGE_FACTS),
      url: z.string().max(8192),
      reason: z.string().max(500),
    }),
  'browser.navigated': () =>
    z.object({
      url: z.string().max(8192),
      frame: z.enum(['main', 'sub']),
      frameId: z.string().optional(),
      status: z.number().int().optional(),
    }),
  'browser.redirected': () =>
    z.object({
      from: z.string().max(8192),
      to: z.string().max(8192),
      how: z.enum(['http', 'meta', 'script']),
      status: z.number().int().optional(),
    }),
  'browser.in-page': () => z.object({ url: z.string().max(8192), frame: z.enum(['main', 'sub']) }),
  'browser.title': () => z.object({ url: z.string().max(8192), title: z.string().max(4000) }),
  'browser.load-failed': () => z.object({ url: z.string().max(8192), error: z.string().max(2000) }),
  'browser.certificate-error': () => z.object({ url: z.string().max(8192), error: z.string().max(2000) }),
  'browser.popup-blocked': () => z.object({ url: z.string().max(8192), opener: z.string().max(8192).optional() }),
  'browser.download-blocked': () => z.object({ url: z.string().max(8192), filename: z.string().max(1000) }),
  'browser.permission-denied': () => z.object({ permission: z.string().max(200), origin: z.string().max(8192) }),
  'browser.navigation-blocked': () => z.object({ url: z.string().max(8192), reason: z.string().max(500) }),
  'browser.torn-down': () => z.object({ reason: z.enum(['halt', 'review-ended', 'closed', 'locked']) }),
  'capture.taken': () =>
    z.object({
      sha256: sha256Hex,
      bytes: z.number().int().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      url: z.string().max(8192),
      title: z.string().max(4000),
      mode: z.enum(CAPTURE_MODES),
      concern: z.string().max(20_000).optional(),
      page: PageRecordSchema.optional(),
      /** Under safe view: the addresses the reviewers had revealed, so shown sharp (everything else was blurred). */
      revealed: z.array(z.string().max(8192)).max(10_000).optional(),
    }),
  /** A reviewer chose to see one blurred picture (or held-back audio or video) at this address sharp. */
  'media.revealed': () => z.object({ url: z.string().max(8192), kind: z.enum(['image', 'video']) }),
  'capture.described': () => z.object({ sha256: sha256Hex, concern: text }),
  'capture.discarded': () => z.object({ reason: z.string().max(500) }),
  'note.added': () => z.object({ text }),
  'review.halted': () => z.object({ url: z.string().max(8192), reason: z.string().max(2000).optional() }),
  'halt.purge-decided': () => z.object({ captures: z.array(sha256Hex) }),
  'capture.purged': () => z.object({ sha256: sha256Hex, fileDestroyed: z.boolean() }),
  'referral.recorded': () =>
    z.object({
      to: text,
      toldAt: isoTime,
      reference: z.string().max(200).optional(),
      note: z.string().max(4000).optional(),
    }),
  'site.recorded': () =>
    z
      .object({
        /** The address of a site of concern, as text: recorded without opening or capturing it. */
        url: z.string().trim().min(1).max(8192).optional(),
        /** Or a device of concern, described (e.g. "Pupil's school tablet, asset tag 4471"). */
        device: z.string().trim().min(1).max(2000).optional(),
        concern: text,
      })
      .refine((d) => (d.url === undefined) !== (d.device === undefined), {
        message: 'give either the address of a site or a description of a device, not both',
      }),
  'told.recorded': () =>
    z.object({
      /** Whom, as the reviewers chose or typed it (e.g. "LADO", "Police (non-emergency)"). */
      who: z.string().trim().min(1).max(500),
      /** The policy profile's contact it was chosen from, by key (e.g. "lado", "police101"); absent when typed. */
      contact: z.string().max(64).optional(),
      /** True when they told the police: this is then a police referral. */
      police: z.boolean(),
      toldAt: isoTime,
      how: z.enum(TOLD_HOW).optional(),
      reference: z.string().trim().min(1).max(200).optional(),
      note: z.string().max(4000).optional(),
    }),
  'judgement.made': () => z.object(judgementData),
  'isolation.recorded': () => z.object({ checks: z.array(text) }),
  'conclusion.recorded': () => z.object({ text }),
  'signoff.signed': () =>
    z.object({
      reviewer: z.string().min(1),
      digest: sha256Hex,
      publicKey: z.string().min(1),
      signature: z.string().regex(/^[0-9a-f]{128}$/),
    }),
  'reviewer.key-changed': () =>
    z.object({
      /** The reviewer whose signing key was replaced. */
      reviewer: z.string().min(1),
      /** Why: a passphrase recovery gives a new key (the old one was encrypted under the forgotten passphrase only). */
      cause: z.enum(['recovery']),
      oldFingerprint: sha256Hex,
      newFingerprint: sha256Hex,
      newPublicKey: z.string().min(1),
      /** The device key's signature over the key-change message. */
      deviceSignature: z.string().regex(/^[0-9a-f]{128}$/),
      /** The other reviewer, who vouches for the change with their own key. */
      witness: z.string().min(1),
      witnessPublicKey: z.string().min(1),
      witnessSignature: z.string().regex(/^[0-9a-f]{128}$/),
    }),
  /** The vault was restored from a backup on another computer (docs/formats/journal.md): a new device key from here. */
  'device.changed': () =>
    z.object({
      oldFingerprint: sha256Hex,
      oldPublicKey: z.string().min(1),
      newFingerprint: sha256Hex,
      newPublicKey: z.string().min(1),
      /** SHA-256 of the backup's manifest-sha256.txt: which backup the vault was restored from. */
      backupManifestSha256: sha256Hex,
      /** True when the recovery code stood in for the second person (it has no signing key: one signature then). */
      recoveryCode: z.boolean(),
      /** The new device key's signature over the change message. */
      deviceSignature: z.string().regex(/^[0-9a-f]{128}$/),
      /** The incident's reviewers who agreed, each signing the change message with the key valid for them. */
      approvals: z
        .array(
          z.object({
            reviewer: z.string().min(1),
            publicKey: z.string().min(1),
            signature: z.string().regex(/^[0-9a-f]{128}$/),
          }),
        )
        .min(1)
        .max(2),
    }),
  'addendum.added': () => z.object({ text, signatures: signatures.optional() }),
  'followup.added': () =>
    z.object({
      kind: z.enum(FOLLOW_UP_KINDS),
      text,
      /** Only for "internal-procedures": the new judgement, made once the police found nothing illegal. */
      judgement: z.object(judgementData).optional(),
      signatures,
    }),
  'head.signed': () =>
    z.object({
      seq: z.number().int().nonnegative(),
      hash: sha256Hex,
      keyFingerprint: sha256Hex,
      signature: z.string().regex(/^[0-9a-f]{128}$/),
    }),
  /** An RFC 3161 token from the time-stamping authority over a signed head (docs/formats/journal.md). */
  'timestamp.received': () =>
    z.object({
      /** The seq of the head.signed entry stamped: the token's imprint is the SHA-256 of that entry's hash, as text. */
      head: z.number().int().nonnegative(),
      authority: z.string().max(2000),
      /** The authority's time, as the token gives it. */
      genTime: isoTime,
      /** The authority's reply (RFC 3161 TimeStampResp, DER), base64. */
      reply: z
        .string()
        .regex(/^[A-Za-z0-9+/]+={0,2}$/)
        .max(65_536),
    }),
  /** The authority could not be asked or refused; what was to be stamped stays unstamped. */
  'timestamp.failed': () =>
    z.object({
      /** The head.signed entry, or the bundle's tag manifest at export. */
      of: z.union([z.object({ head: z.number().int().nonnegative() }), z.object({ bundle: z.string().max(1000) })]),
      authority: z.string().max(2000),
      reason: z.string().max(2000),
    }),
  'recovery.torn-tail': () =>
    z.object({ bytes: z.number().int().nonnegative(), sha256: sha256Hex, keptAs: z.string() }),
  'recovery.orphan-removed': () => z.object({ sha256: z.string(), bytes: z.number().int().nonnegative() }),
  'export.made': () => z.object({ recipient: z.string().max(200), file: z.string().max(1000), sha256: sha256Hex }),
});

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

/** Narrows an entry to one kind, so its data has that kind's type. */
export const entryIs = <K extends EntryKind>(e: JournalEntry, kind: K): e is JournalEntry<K> => e.kind === kind;

/** A command before it is placed in the chain: what the procedure machine judges. */
export interface Command<K extends EntryKind = EntryKind> {
  kind: K;
  actor: Actor;
  data: EntryData<K>;
}

export type AnyCommand = { [K in EntryKind]: Command<K> }[EntryKind];
