// The scripted-investigation format (docs/formats/scenario.md, version 1) that `countersign run` and `practice` drive
// the real services with.
import { z } from 'zod';
import { TimestampingSchema } from '../evidence/timestamp/authority-url';
import { ACTIONS, CAPTURE_MODES, FOLLOW_UP_KINDS, POLICE_REASONS, TOLD_HOW } from '../evidence/entries';

const text = z.string().trim().min(1, 'must not be empty');

/** Each step may name who does it; by default the first reviewer acts. */
const by = { by: z.string().min(1).optional() };

/** What a judgement says: the judge step's, and the new one on returning to internal procedures. */
const judgement = {
  substance: z.boolean(),
  actions: z.array(z.enum(ACTIONS)).default([]),
  policeReasons: z.array(z.enum(POLICE_REASONS)).default([]),
  /** The row of the policy's sanctions table chosen, and the sanctions ticked. */
  sanctionRow: z.string().trim().min(1).optional(),
  sanctions: z.array(text).optional(),
};

export const StepSchema = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('triage'), illegalSuspected: z.boolean(), ...by }),
  z.strictObject({ do: z.literal('navigate'), url: z.string().min(1), ...by }),
  z.strictObject({ do: z.literal('click'), selector: z.string().min(1), ...by }),
  z.strictObject({ do: z.literal('back'), ...by }),
  z.strictObject({ do: z.literal('forward'), ...by }),
  z.strictObject({ do: z.literal('reload'), ...by }),
  z.strictObject({ do: z.literal('wait'), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({ do: z.literal('capture'), mode: z.enum(CAPTURE_MODES), concern: z.string().optional(), ...by }),
  z.strictObject({ do: z.literal('describe'), capture: z.number().int().min(1), concern: text, ...by }),
  z.strictObject({ do: z.literal('note'), text, ...by }),
  z.strictObject({
    do: z.literal('halt'),
    url: z.string().min(1),
    purge: z.array(z.number().int().min(1)).default([]),
    ...by,
  }),
  z.strictObject({
    do: z.literal('refer'),
    to: text,
    toldAt: z.iso.datetime({ offset: false }).optional(),
    reference: z.string().optional(),
    ...by,
  }),
  z.strictObject({ do: z.literal('judge'), ...judgement, ...by }),
  z.strictObject({
    do: z.literal('site'),
    url: z.string().trim().min(1).optional(),
    device: text.optional(),
    concern: text,
    ...by,
  }),
  z.strictObject({
    do: z.literal('told'),
    /** One of the policy's contacts (by key such as "lado" or "police101", or as the policy names it), or anyone. */
    who: text,
    reference: z.string().trim().min(1).optional(),
    at: z.iso.datetime({ offset: false }).optional(),
    how: z.enum(TOLD_HOW).optional(),
    note: text.optional(),
    ...by,
  }),
  z.strictObject({
    do: z.literal('followup'),
    kind: z.enum(FOLLOW_UP_KINDS),
    text,
    judgement: z.strictObject(judgement).optional(),
    ...by,
  }),
  z.strictObject({ do: z.literal('isolate'), checks: z.array(text).min(1), ...by }),
  z.strictObject({ do: z.literal('conclude'), text, ...by }),
  /** Both reviewers sign; `by` names the two signers (by default the incident's reviewers). */
  z.strictObject({ do: z.literal('signoff'), by: z.array(z.string().min(1)).min(1).max(2).optional() }),
  z.strictObject({
    do: z.literal('export'),
    recipient: z.string().trim().min(1).default('police'),
    /** AES-256 zip password, given to the recipient separately. */
    password: z.string().min(1).optional(),
    ...by,
  }),
]);
export type Step = z.infer<typeof StepSchema>;

export const StaffSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, dot, dash or underscore'),
  name: text,
  role: text,
  passphrase: z.string().min(1),
});

export const ScenarioSchema = z.strictObject({
  version: z.literal(1),
  organisation: text,
  computer: z.strictObject({ name: text, location: text }),
  /** A built-in policy profile's id, for a new vault; an existing vault's must be the same. */
  profile: z.string().optional(),
  practice: z.boolean().optional(),
  /** RFC 3161 time-stamping of signed heads and the bundle, with this authority; saved in the vault's settings. */
  timestamping: TimestampingSchema.optional(),
  staff: z.array(StaffSchema).min(2, 'at least two members of staff'),
  incident: z.strictObject({
    reviewers: z.tuple([z.string(), z.string()]),
    reason: text,
    subject: z.strictObject({
      kind: z.enum(['pupil', 'staff', 'other']),
      ref: text,
      /** The concern is about this member of the scenario's staff (by id); they cannot be a reviewer. */
      staff: z.string().min(1).optional(),
      /** The concern involves the head teacher. */
      headteacher: z.boolean().optional(),
    }),
    category: text,
    /** Who reported the concern: the incident log's "Incident reported by". */
    reportedBy: text.optional(),
    /** Turns safe view off for the incident, with the reason recorded; absent, pictures are blurred. */
    safeViewOffReason: text.optional(),
    clockOffsetMs: z.number().int().optional(),
    steps: z.array(z.unknown()),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** One outcome per step in result.json. */
export type StepOutcome =
  | ({ do: string; ok: true } & Record<string, unknown>)
  | { do: string; ok: false; error: { code: string; message: string } };
