// Every IPC channel between the app window and the main process, declared once with zod schemas for its request and
// reply.
import { z } from 'zod';
import { ENTRY_DATA, ENTRY_KINDS, FOLLOW_UP_KINDS, SubjectSchema } from '../evidence/entries';
import { PolicyProfileSchema } from '../policy/schema';
import { IncidentRecordSchema } from '../outputs/record-schema';
import { PHASES } from '../procedure/procedure-machine';
import { ERROR_CODES } from '../result';
import * as keeping from './keeping-schemas';
import { SafeViewReplySchema, SafeViewRequest, ShowMediaRequest } from './safe-view-schemas';
import { TIMESTAMPING_CHANNELS } from './timestamping-schemas';
import { IdleLockMinutes, ProfileChoiceSchema, SettingsReplySchema } from './settings-schemas';
import { INCIDENT_CATEGORIES } from './vocabulary';

export interface ChannelSchemas {
  readonly request: z.ZodType;
  readonly reply: z.ZodType;
}

/** An incident reference, exactly as the journal's "incident.opened" entry accepts it. */
const IncidentRef = ENTRY_DATA['incident.opened'].shape.ref;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
/** A member of staff's id: random, and the only thing about a person kept in clear on disk. */
const StaffId = z.string().regex(/^[0-9a-f]{32}$/, 'a staff id');
/** Passphrases are checked for strength in the main process; here only their size is bounded. */
const Passphrase = z.string().max(1024);
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Empty = z.strictObject({});
const Done = z.object({});

const Person = z.object({ id: z.string().min(1), name: z.string(), role: z.string() });
const Computer = z.strictObject({ name: Text(200), location: Text(200) });
const FolderPath = z.string().trim().min(1, 'choose a folder').max(4096);
const AppErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const AppStatusSchema = z.object({
  /** A vault exists in the data folder (first-run set-up is done). */
  setUp: z.boolean(),
  unlocked: z.boolean(),
  /** Who unlocked it, while it is unlocked. */
  unlockedBy: Person.nullable(),
  /** Practice (training) mode: new incidents are practice incidents, on the safe practice sites. */
  practice: z.boolean(),
  organisation: z.string().nullable(),
  /** Wrong passphrases in a row; after two, each try waits longer. */
  failures: z.number().int().nonnegative(),
  /** Why it locked itself, when it did (no input for the idle time, the computer slept, its screen locked). */
  autoLocked: z.enum(['idle', 'suspend', 'lock-screen']).nullable(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

/** One row of the register: no personal data (no names, no descriptions), so the renderer may keep it in IndexedDB. */
export const IncidentSummarySchema = z.object({
  ref: IncidentRef,
  /** When it was opened (UTC); empty when it cannot be read on this computer. */
  openedAt: z.string(),
  /** The time of its last journal entry. */
  updatedAt: z.string(),
  phase: z.enum(PHASES),
  category: z.string(),
  subjectKind: z.enum(['pupil', 'staff', 'other', 'unknown']),
  practice: z.boolean(),
  /** On the police route (from triage, the halt or the judgement). */
  police: z.boolean(),
  halted: z.boolean(),
  signedOffAt: keeping.SignedOffAt,
  /** Why it cannot be opened here (another computer, damaged), or null. */
  problem: AppErrorSchema.nullable(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

const PageSchema = z.object({ url: z.string(), title: z.string() });

export const IncidentDetailSchema = z.object({
  ref: IncidentRef,
  phase: z.enum(PHASES),
  /** The journal entry kinds the procedure allows now; the screens offer only these. */
  offered: z.array(z.enum(ENTRY_KINDS)),
  /** Everything recorded so far, folded from the journal (the same record the form and bundle are made from). */
  record: IncidentRecordSchema,
  /** The page in the evidence view, as recorded; null when none is open. */
  page: PageSchema.nullable(),
  /** Where the safe practice sites are served, for a practice incident; null otherwise. */
  practiceUrl: z.string().nullable(),
  exports: z.array(z.object({ at: z.string(), recipient: z.string(), file: z.string(), sha256: Sha256 })),
  retention: keeping.RetentionSchema,
  /**
   * Reviewers whose signing key was replaced by a passphrase recovery since this incident recorded it: the other
   * reviewer (the witness) confirms the new key before sign-off.
   */
  keyChanges: z.array(
    z.object({
      reviewer: z.object({ id: z.string(), name: z.string() }),
      witness: z.object({ id: z.string(), name: z.string() }),
    }),
  ),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/**
 * The procedure steps a screen records through incident.act; capture, halt, purge and sign-off have their own channels.
 */
export const ActCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('clock.confirmed'), data: ENTRY_DATA['clock.confirmed'] }),
  z.strictObject({ kind: z.literal('triage.answered'), data: ENTRY_DATA['triage.answered'] }),
  z.strictObject({ kind: z.literal('capture.described'), data: ENTRY_DATA['capture.described'] }),
  z.strictObject({ kind: z.literal('note.added'), data: ENTRY_DATA['note.added'] }),
  z.strictObject({ kind: z.literal('referral.recorded'), data: ENTRY_DATA['referral.recorded'] }),
  z.strictObject({ kind: z.literal('site.recorded'), data: ENTRY_DATA['site.recorded'] }),
  z.strictObject({ kind: z.literal('told.recorded'), data: ENTRY_DATA['told.recorded'] }),
  z.strictObject({ kind: z.literal('judgement.made'), data: ENTRY_DATA['judgement.made'] }),
  z.strictObject({ kind: z.literal('isolation.recorded'), data: ENTRY_DATA['isolation.recorded'] }),
  z.strictObject({ kind: z.literal('conclusion.recorded'), data: ENTRY_DATA['conclusion.recorded'] }),
]);
export type ActCommand = z.infer<typeof ActCommandSchema>;

const CaptureInfoSchema = z.object({
  n: z.number().int().positive(),
  sha256: Sha256,
  url: z.string(),
  title: z.string(),
  mode: z.enum(['viewport', 'fullpage']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const PngDataUrl = z.string().regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'a PNG data: URL');

export const BoundsSchema = z.strictObject({
  x: z.number().int().min(0).max(20_000),
  y: z.number().int().min(0).max(20_000),
  width: z.number().int().min(0).max(20_000),
  height: z.number().int().min(0).max(20_000),
});
export type Bounds = z.infer<typeof BoundsSchema>;

const StaffInfoSchema = z.object({
  id: StaffId,
  name: z.string(),
  role: z.string(),
  createdAt: z.string(),
  fingerprint: Sha256,
});

/** A draft: the text a person has typed into a step's form, kept (encrypted) until the step is recorded. */
export const DraftValueSchema = z.record(
  z.string().max(64),
  z.union([z.string().max(20_000), z.boolean(), z.array(z.string().max(2000)).max(100)]),
);
export type DraftValue = z.infer<typeof DraftValueSchema>;
/** Draft keys name an incident step, never a person: "CS-20261124-7052C8:judgement". */
const DraftKey = z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/, 'a draft key');

export const DOCUMENTS = ['form', 'screenshots'] as const;

/** The records kept across incidents: the incident log, and the governors' anonymised summary. */
export const LOG_DOCUMENTS = ['incident-log', 'governors-summary'] as const;
export type LogDocument = (typeof LOG_DOCUMENTS)[number];
/** A day, as the log's period takes it: YYYY-MM-DD. */
const Day = z.iso.date();
const LogPeriod = { from: Day.optional(), to: Day.optional() };

export const EXPORT_STATES = ['preparing', 'writing', 'done', 'failed', 'cancelled'] as const;

export const ExportStatusSchema = z.object({
  state: z.enum(EXPORT_STATES),
  /** Bytes written of the total, while writing. */
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  path: z.string().nullable(),
  sha256: Sha256.nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  error: AppErrorSchema.nullable(),
});
export type ExportStatus = z.infer<typeof ExportStatusSchema>;

/** A fingerprint or digest as typed from the paper form: 16 to 64 hex digits, spaces and colons allowed between. */
const VerifyPin = z
  .string()
  .max(200)
  .refine((s) => /^[0-9a-f]{16,64}$/i.test(s.replace(/[\s:]/g, '')), '16 to 64 hexadecimal digits from the form');

export const VerifyReportSchema = z.object({
  status: z.enum(['valid', 'invalid', 'unreadable']),
  valid: z.boolean(),
  ref: z.string().nullable(),
  formatVersion: z.number().nullable(),
  problems: z.array(z.object({ code: z.string(), where: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  checks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      result: z.enum(['passed', 'failed', 'not checked', 'not available']),
      note: z.string().optional(),
    }),
  ),
  signers: z.array(z.object({ name: z.string(), fingerprint: z.string().nullable(), valid: z.boolean() })),
  journal: z.object({ entries: z.number(), head: z.string().nullable() }).nullable(),
  screenshots: z.number(),
  /** "Compare with the printed form", in the order the form prints the values. */
  paper: z
    .object({
      device: z.string(),
      laterDevices: z.array(z.string()).optional(),
      recordDigest: z.string().nullable(),
      reviewers: z.array(
        z.object({ id: z.string(), name: z.string(), role: z.string(), signoffKey: z.string().nullable() }),
      ),
      sealedHead: z.object({ seq: z.number(), hash: z.string() }).nullable(),
    })
    .nullable(),
  pins: z.array(
    z.object({ what: z.enum(['device', 'reviewer', 'digest']), expected: z.string(), matched: z.string().nullable() }),
  ),
  verdict: z.string(),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

const Approvals = z.tuple([Passphrase, Passphrase]);

/** Requests are strict objects: a key the contract does not name is refused, not ignored. */
export const contract = {
  'app.info': {
    request: Empty,
    reply: z.object({
      version: z.string().min(1),
      /** True in practice (training) mode, where nothing is a real incident. */
      practice: z.boolean(),
      /** Node's platform name (win32, darwin, linux), e.g. for keyboard shortcut labels. */
      platform: z.string().min(1),
      /** The system print dialog is available (false in the test harness, which saves PDFs instead). */
      canPrint: z.boolean(),
      /** Where outputs and bundles are saved unless another folder is chosen. */
      defaultFolder: z.string(),
      /** The system's folder and file pickers are available (the harness has none: paths are typed). */
      canChooseFiles: z.boolean(),
    }),
  },
  'app.status': { request: Empty, reply: AppStatusSchema },
  'app.practice': { request: z.strictObject({ on: z.boolean() }), reply: AppStatusSchema },
  /** The screen's heartbeat: whether anyone used the app window since the last one; the reply says if it locked. */
  'app.activity': { request: z.strictObject({ input: z.boolean() }), reply: AppStatusSchema },
  'procedure.offered': {
    request: z.strictObject({ ref: IncidentRef }),
    reply: z.object({
      ref: IncidentRef,
      phase: z.enum(PHASES),
      /** The journal entry kinds the procedure allows now; the UI offers only these. */
      kinds: z.array(z.enum(ENTRY_KINDS)),
    }),
  },
  'setup.create': {
    request: z.strictObject({
      organisation: Text(200),
      computer: Computer,
      profileId: z.string().min(1).max(64),
      staff: z
        .array(z.strictObject({ name: Text(120), role: Text(120), passphrase: Passphrase }))
        .min(2)
        .max(30),
    }),
    reply: z.object({
      /** Shown once, to print or write down for the school safe. */
      recoveryCode: z.string().min(1),
      status: AppStatusSchema,
    }),
  },
  'vault.unlock': { request: z.strictObject({ passphrase: Passphrase }), reply: AppStatusSchema },
  'vault.lock': { request: Empty, reply: AppStatusSchema },
  'recovery.staff': {
    request: z.strictObject({ code: z.string().max(200) }),
    reply: z.object({ staff: z.array(Person) }),
  },
  'recovery.reset': {
    request: z.strictObject({ code: z.string().max(200), staffId: StaffId, passphrase: Passphrase }),
    reply: AppStatusSchema,
  },
  'policy.profiles': { request: Empty, reply: z.object({ profiles: z.array(ProfileChoiceSchema) }) },
  /** The policy in force now; with `ref`, the one that incident was opened under (or, if gone, the one now). */
  'policy.get': {
    request: z.strictObject({ ref: IncidentRef.optional() }),
    reply: z.object({
      profile: PolicyProfileSchema,
      sha256: Sha256,
      /** True when this is the profile the incident recorded (by its hash); false when it is the one in force now. */
      recorded: z.boolean(),
    }),
  },
  'settings.get': { request: Empty, reply: SettingsReplySchema },
  'settings.save': {
    request: z.strictObject({
      organisation: Text(200),
      computer: Computer,
      profileId: z.string().min(1).max(64),
      idleLockMinutes: IdleLockMinutes.optional(),
    }),
    reply: SettingsReplySchema,
  },
  ...keeping.KEEPING_CHANNELS,
  ...TIMESTAMPING_CHANNELS,
  'settings.import': {
    request: z.strictObject({ json: z.string().min(1).max(2_000_000) }),
    reply: SettingsReplySchema,
  },
  'staff.list': { request: Empty, reply: z.object({ staff: z.array(StaffInfoSchema) }) },
  'staff.add': {
    request: z.strictObject({ name: Text(120), role: Text(120), passphrase: Passphrase, approvals: Approvals }),
    reply: z.object({ staff: z.array(StaffInfoSchema) }),
  },
  'staff.remove': {
    request: z.strictObject({ id: StaffId, approvals: Approvals }),
    reply: z.object({ staff: z.array(StaffInfoSchema) }),
  },
  'staff.passphrase': {
    request: z.strictObject({ current: Passphrase, next: Passphrase }),
    reply: Done,
  },
  'incidents.list': { request: Empty, reply: z.object({ incidents: z.array(IncidentSummarySchema) }) },
  'incident.start': {
    request: z.strictObject({
      passphrases: Approvals,
      reason: Text(4000),
      subject: z.strictObject(SubjectSchema.shape),
      category: z.enum(INCIDENT_CATEGORIES),
      reportedBy: Text(500).optional(),
      /** Given only to turn safe view off for this incident: why the pictures must be seen sharp. */
      safeViewOffReason: Text(1000).optional(),
    }),
    reply: IncidentDetailSchema,
  },
  'incident.get': { request: z.strictObject({ ref: IncidentRef }), reply: IncidentDetailSchema },
  'incident.act': {
    request: z.strictObject({ ref: IncidentRef, actor: StaffId, command: ActCommandSchema }),
    reply: IncidentDetailSchema,
  },
  'incident.signoff': {
    request: z.strictObject({ ref: IncidentRef, passphrases: Approvals }),
    reply: IncidentDetailSchema,
  },
  'incident.addendum': {
    request: z.strictObject({ ref: IncidentRef, passphrase: Passphrase, text: Text(20_000) }),
    reply: IncidentDetailSchema,
  },
  'incident.followup': {
    request: z.strictObject({
      ref: IncidentRef,
      passphrase: Passphrase,
      kind: z.enum(FOLLOW_UP_KINDS),
      text: Text(20_000),
      judgement: ENTRY_DATA['followup.added'].shape.judgement,
    }),
    reply: IncidentDetailSchema,
  },
  'incident.confirm-key': {
    request: z.strictObject({ ref: IncidentRef, passphrase: Passphrase }),
    reply: IncidentDetailSchema,
  },
  'review.browse': {
    request: z.strictObject({
      ref: IncidentRef,
      actor: StaffId,
      action: z.enum(['navigate', 'back', 'forward', 'reload', 'stop']),
      url: z.string().max(8192).optional(),
    }),
    reply: IncidentDetailSchema,
  },
  'review.state': {
    request: z.strictObject({ ref: IncidentRef }),
    reply: z.object({
      phase: z.enum(PHASES),
      page: PageSchema.nullable(),
      /** Journal entries so far: when it changes, the screen fetches the detail again. */
      entries: z.number().int().nonnegative(),
    }),
  },
  'review.capture': {
    request: z.strictObject({
      ref: IncidentRef,
      actor: StaffId,
      mode: z.enum(['viewport', 'fullpage']),
      concern: z.string().max(20_000).optional(),
    }),
    reply: z.object({ capture: CaptureInfoSchema, thumbnail: PngDataUrl, detail: IncidentDetailSchema }),
  },
  'review.thumbnail': {
    request: z.strictObject({ ref: IncidentRef, sha256: Sha256 }),
    reply: z.object({ thumbnail: PngDataUrl }),
  },
  'review.reveal': {
    request: z.strictObject({ ref: IncidentRef, sha256: Sha256 }),
    reply: z.object({ image: PngDataUrl }),
  },
  'review.halt': {
    request: z.strictObject({ ref: IncidentRef, actor: StaffId, url: z.string().max(8192).optional() }),
    reply: IncidentDetailSchema,
  },
  'review.purge': {
    request: z.strictObject({ ref: IncidentRef, actor: StaffId, captures: z.array(Sha256).max(1000) }),
    reply: IncidentDetailSchema,
  },
  'review.safe-view': { request: SafeViewRequest, reply: SafeViewReplySchema },
  'review.show-media': { request: ShowMediaRequest, reply: IncidentDetailSchema },
  'review.view-bounds': { request: z.strictObject({ bounds: BoundsSchema.nullable() }), reply: Done },
  'drafts.get': { request: z.strictObject({ key: DraftKey }), reply: z.object({ value: DraftValueSchema.nullable() }) },
  'drafts.put': { request: z.strictObject({ key: DraftKey, value: DraftValueSchema }), reply: Done },
  'drafts.clear': { request: z.strictObject({ key: DraftKey }), reply: Done },
  'outputs.html': {
    request: z.strictObject({ ref: IncidentRef, document: z.enum(DOCUMENTS) }),
    reply: z.object({ html: z.string() }),
  },
  'outputs.save': {
    request: z.strictObject({ ref: IncidentRef, document: z.enum(DOCUMENTS), folder: FolderPath }),
    reply: z.object({ path: z.string() }),
  },
  'outputs.print': { request: z.strictObject({ ref: IncidentRef, document: z.enum(DOCUMENTS) }), reply: Done },
  /** One reviewer's own account of the signed-off incident (no images), for them to check, correct and sign. */
  'statement.html': {
    request: z.strictObject({ ref: IncidentRef, reviewer: StaffId }),
    reply: z.object({ html: z.string() }),
  },
  'statement.save': {
    request: z.strictObject({ ref: IncidentRef, reviewer: StaffId, folder: FolderPath }),
    reply: z.object({ path: z.string() }),
  },
  'statement.print': { request: z.strictObject({ ref: IncidentRef, reviewer: StaffId }), reply: Done },
  'log.html': {
    request: z.strictObject({ document: z.enum(LOG_DOCUMENTS), ...LogPeriod }),
    reply: z.object({
      html: z.string(),
      /** Incidents that could not be read on this computer, left out of the document. */
      unreadable: z.array(IncidentRef),
    }),
  },
  'log.save': {
    request: z.strictObject({
      document: z.enum(LOG_DOCUMENTS),
      format: z.enum(['pdf', 'csv']),
      folder: FolderPath,
      ...LogPeriod,
    }),
    reply: z.object({ path: z.string() }),
  },
  'log.print': { request: z.strictObject({ document: z.enum(LOG_DOCUMENTS), ...LogPeriod }), reply: Done },
  'files.choose-folder': { request: Empty, reply: z.object({ folder: z.string().nullable() }) },
  'files.choose-bundle': { request: Empty, reply: z.object({ path: z.string().nullable() }) },
  'export.start': {
    request: z.strictObject({
      ref: IncidentRef,
      recipient: Text(200),
      folder: FolderPath,
      /** One reviewer's passphrase: their key signs the bundle, with the computer's. */
      passphrase: Passphrase,
      /** AES-256 encryption; the password goes to the recipient separately. */
      password: z.string().min(1).max(1024).optional(),
    }),
    reply: z.object({ job: z.uuid() }),
  },
  /** A strong bundle password to offer: six random words from a word list shipped with the app. */
  'export.suggest-password': { request: Empty, reply: z.object({ password: z.string().min(1) }) },
  'export.status': { request: z.strictObject({ job: z.uuid() }), reply: ExportStatusSchema },
  'export.cancel': { request: z.strictObject({ job: z.uuid() }), reply: Done },
  'verify.run': {
    request: z.strictObject({
      path: z.string().trim().min(1).max(4096),
      password: z.string().max(1024).optional(),
      /** Values typed from the printed form: 16 to 64 hex digits each (spaces and colons allowed). */
      pins: z
        .strictObject({
          device: VerifyPin.optional(),
          reviewers: z.array(VerifyPin).max(2).optional(),
          digest: VerifyPin.optional(),
        })
        .optional(),
    }),
    reply: VerifyReportSchema,
  },
  /** Saves the stand-alone HTML verifier and its SHA-256 file into a folder, for the police. */
  'verifier.save': {
    request: z.strictObject({ folder: FolderPath }),
    reply: z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  },
} as const satisfies Record<string, ChannelSchemas>;

export type Contract = typeof contract;
export type Channel = keyof Contract;

export const CHANNELS = Object.keys(contract) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/** What a caller sends on a channel. */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What a handler receives once the request has been parsed. */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
/** What a handler may return before its reply is parsed. */
export type ReplyInputOf<C extends Channel> = z.input<Contract[C]['reply']>;
/** What a caller receives in an ok reply. */
export type ReplyOf<C extends Channel> = z.output<Contract[C]['reply']>;
