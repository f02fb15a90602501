// The zod schema of a policy profile: a school's online-safety policy as data, strict so typos are refused.
import { z } from 'zod';
import { POLICE_REASONS } from '../evidence/entries';

/** Printed text: a label, heading or name as it appears in the policy. */
const printed = z.string().trim().min(1, 'must not be empty').max(2000);

/** Names each duplicate in a list, so an ambiguous lookup (by label) cannot be built. */
const duplicates = (items: readonly string[]): { index: number; value: string }[] => {
  const seen = new Set<string>();
  const out: { index: number; value: string }[] = [];
  items.forEach((value, index) => {
    if (seen.has(value)) out.push({ index, value });
    seen.add(value);
  });
  return out;
};

export const ContactSchema = z.strictObject({
  /** The role as the policy names it, e.g. "Designated Safeguarding Lead (DSL)". */
  role: printed,
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{1,29}$/, 'a telephone number (digits, spaces, + ( ) -)')
    .optional(),
  email: z.email().optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** The contacts a profile can give; a contact the policy does not give is absent, never an empty placeholder. */
export const CONTACT_KEYS = [
  'dsl',
  'deputyDsl',
  'headteacher',
  'chairOfGovernors',
  'lado',
  'mash',
  'police101',
  'police999',
  'ceop',
  'iwf',
  'prevent',
] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];

export const ContactsSchema = z.strictObject({
  dsl: ContactSchema.optional(),
  deputyDsl: ContactSchema.optional(),
  headteacher: ContactSchema.optional(),
  chairOfGovernors: ContactSchema.optional(),
  lado: ContactSchema.optional(),
  /** MASH or children's social care, under whatever name the local authority uses. */
  mash: ContactSchema.optional(),
  police101: ContactSchema.optional(),
  police999: ContactSchema.optional(),
  ceop: ContactSchema.optional(),
  iwf: ContactSchema.optional(),
  prevent: ContactSchema.optional(),
  /** People or agencies the policy names to be informed that fit none of the roles above. */
  other: z.array(ContactSchema).optional(),
});
export type Contacts = z.infer<typeof ContactsSchema>;

export const UserActionRowSchema = z.strictObject({
  activity: printed,
  /** The merged cell the row sits under, when the table prints one (e.g. "Users shall not visit…"). */
  group: printed.optional(),
  /** The column ticked for this row, by its printed label; null when the policy leaves the row unfilled. */
  level: printed.nullable(),
});

/** The "User Actions" table: each activity and how acceptable the school holds it to be. */
export const UserActionsSchema = z
  .strictObject({
    heading: printed.optional(),
    /** Text printed directly above the table and introducing it. */
    preamble: printed.optional(),
    columns: z.array(printed).min(1, 'must have at least one column'),
    rows: z.array(UserActionRowSchema).min(1, 'must have at least one row'),
  })
  .superRefine((t, ctx) => {
    for (const d of duplicates(t.columns)) {
      ctx.addIssue({ code: 'custom', path: ['columns', d.index], message: `repeats the column "${d.value}"` });
    }
    for (const d of duplicates(t.rows.map((r) => r.activity))) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', d.index, 'activity'],
        message: `repeats the activity "${d.value}"`,
      });
    }
    t.rows.forEach((r, i) => {
      if (r.level !== null && !t.columns.includes(r.level)) {
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'level'], message: `"${r.level}" is not one of the columns` });
      }
    });
  });
export type UserActions = z.infer<typeof UserActionsSchema>;

export const SanctionRowSchema = z.strictObject({
  incident: printed,
  /** One per column, in column order; a blank cell in the policy is false. */
  cells: z.array(z.boolean()),
});

/** An "Actions / Sanctions" matrix: incident types down the side, actions across the top. */
export const SanctionMatrixSchema = z
  .strictObject({
    /** The corner heading over the incident column, e.g. "Pupils Incidents". */
    rowHeading: printed.optional(),
    columns: z.array(printed).min(1, 'must have at least one column'),
    rows: z.array(SanctionRowSchema).min(1, 'must have at least one row'),
    /** Where the transcription had to depart from, or complete, the printed table. */
    note: printed.optional(),
  })
  .superRefine((m, ctx) => {
    for (const d of duplicates(m.columns)) {
      ctx.addIssue({ code: 'custom', path: ['columns', d.index], message: `repeats the column "${d.value}"` });
    }
    for (const d of duplicates(m.rows.map((r) => r.incident))) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', d.index, 'incident'],
        message: `repeats the incident "${d.value}"`,
      });
    }
    m.rows.forEach((r, i) => {
      if (r.cells.length !== m.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i],
          message: `has ${r.cells.length} cells but there are ${m.columns.length} columns`,
        });
      }
    });
  });
export type SanctionMatrix = z.infer<typeof SanctionMatrixSchema>;

export const PoliceReportableSchema = z.strictObject({
  id: z.enum(POLICE_REASONS),
  /** The item as the policy words it. */
  label: printed,
});

export const PoliceReportableListSchema = z
  .array(PoliceReportableSchema)
  .min(1, 'must list at least one reason')
  .superRefine((items, ctx) => {
    for (const d of duplicates(items.map((p) => p.id))) {
      ctx.addIssue({ code: 'custom', path: [d.index, 'id'], message: `repeats "${d.value}"` });
    }
  });

export const PolicySourceSchema = z.strictObject({
  /** The document's title as printed. */
  title: printed,
  /** The policy text it was transcribed from, when it was (its file name in test/fixtures/policies). */
  file: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'a file name')
    .optional(),
  /** The template the document follows, e.g. SWGfL's. */
  basedOn: printed.optional(),
  /** Where the text was unclear and how it was read. */
  notes: z.array(printed).optional(),
});

export const PROFILE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PolicyProfileSchema = z.strictObject({
  id: z.string().max(64).regex(PROFILE_ID_RE, 'lower-case letters, digits and single hyphens'),
  name: printed,
  organisation: printed,
  /** The version or period as the policy prints it, e.g. "2025-2027". */
  version: printed,
  approved: z.iso.date().optional(),
  /** The review date as printed, e.g. "Summer 2024". */
  reviewDue: printed.optional(),
  source: PolicySourceSchema,
  contacts: ContactsSchema,
  userActions: UserActionsSchema,
  pupilSanctions: SanctionMatrixSchema,
  staffSanctions: SanctionMatrixSchema,
  /** The "Other Incidents" list of what to report to the police, as this policy gives it. */
  policeReportable: PoliceReportableListSchema,
});
export type PolicyProfile = z.infer<typeof PolicyProfileSchema>;
export type SubjectKind = 'pupil' | 'staff';
