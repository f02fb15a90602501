// The zod schema of a policy profile: a school's online-safety policy as data, strict so typos are refused
// (docs/formats/policy-profile.md).
import { z } from 'zod';
import { ACTIONS, POLICE_REASONS } from '../evidence/entries';
import { sanctionInvolvesPolice } from '../procedure/police-involvement';

/** Printed text: a label, heading or name as it appears in the policy. */
const printed = z.string().trim().min(1, 'must not be empty').max(2000);

/** Where in the policy's text file the words are: a 1-based line number, as an editor shows it. */
const line = z.number().int().positive();

/**
 * The profile format this version writes. A profile without `profileFormat` is format 1 (before the procedure's own
 * words, routes and review date could be given) and is still read: the template's words fill in, and say so.
 */
export const PROFILE_FORMAT = 2;

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
  /** As printed; a slash joins numbers that share a stem, as in "02079741553/3317". */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()/-]{1,29}$/, 'a telephone number (digits, spaces, + ( ) - /)')
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
  /** The heading the row is printed under, when the policy groups its rows (e.g. "5.1 Category A Infringements"). */
  group: printed.optional(),
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
    /**
     * The columns whose tick means a referral to the police. When absent, every column whose label names the police;
     * an empty list when none does on its own (e.g. "referral to Camden's LADO or the police" leaves the choice open).
     */
    policeColumns: z.array(printed).optional(),
  })
  .superRefine((m, ctx) => {
    m.policeColumns?.forEach((c, i) => {
      if (!m.columns.includes(c))
        ctx.addIssue({ code: 'custom', path: ['policeColumns', i], message: `"${c}" is not one of the columns` });
    });
    // The procedure counts a column that names the police on its own as a referral to them, whatever the profile
    // says: a profile may add columns to it, never leave one out, or the screens would not start the police steps
    // the procedure then asks for.
    const unlisted = m.policeColumns
      ? m.columns.filter((c) => sanctionInvolvesPolice(c) && !m.policeColumns?.includes(c))
      : [];
    for (const c of unlisted) {
      ctx.addIssue({
        code: 'custom',
        path: ['policeColumns'],
        message: `must list "${c}": the procedure counts a column that names the police as a referral to them`,
      });
    }
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
  line: line.optional(),
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

/** The policy's own words for something, and where they are printed. */
export const WordsSchema = z.strictObject({ text: printed, line: line.optional() });
export type Words = z.infer<typeof WordsSchema>;

/** A passage a screen quotes: the words, the section they come from as the screen names it, and the line. */
export const QuoteSchema = z.strictObject({
  text: printed,
  /** The section, as the footer "Your online safety policy, …" names it, e.g. "“Other Incidents”". */
  from: printed,
  line: line.optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** The passages the screens quote, each where its step is done. */
export const QUOTE_KEYS = [
  'twoPeople',
  'sameComputer',
  'illegal',
  'record',
  'halt',
  'purge',
  'judge',
  'report',
  'isolate',
  'evidence',
  'retain',
  'policeResponse',
  'staff',
  'suspension',
  'headteacher',
  'followUp',
] as const;
export type QuoteKey = (typeof QUOTE_KEYS)[number];

export const QuotesSchema = z.strictObject(
  Object.fromEntries(QUOTE_KEYS.map((k) => [k, QuoteSchema.optional()])) as Record<
    QuoteKey,
    z.ZodOptional<typeof QuoteSchema>
  >,
);
export type Quotes = z.infer<typeof QuotesSchema>;

/** The judgement's three outcomes in the policy's words ("Internal response or discipline procedures", …). */
export const OutcomesSchema = z.strictObject(
  Object.fromEntries(ACTIONS.map((a) => [a, WordsSchema.optional()])) as Record<
    (typeof ACTIONS)[number],
    z.ZodOptional<typeof WordsSchema>
  >,
);

/** Someone among the contacts: a role's key, or "other-N" for the Nth (from 0) of `contacts.other`. */
const contactRef = z.string().regex(/^[a-zA-Z0-9]+(-[0-9]+)?$/, 'a contact key such as "lado" or "other-0"');

/** One thing the policy says to do on the police route, and whom it says to tell. */
export const RouteStepSchema = z.strictObject({
  text: printed,
  line: line.optional(),
  tell: contactRef.optional(),
  /** Only when the concern is about a member of staff (e.g. informing the LADO). */
  staffOnly: z.literal(true).optional(),
});
export type RouteStep = z.infer<typeof RouteStepSchema>;

export const PROFILE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Police 101 and 999, CEOP and the IWF are the same for every school; Countersign fills them in where needed. */
export const NATIONAL_CONTACT_KEYS: readonly ContactKey[] = ['police101', 'police999', 'ceop', 'iwf'];

const contactKnown = (contacts: z.infer<typeof ContactsSchema>, ref: string): boolean => {
  const other = /^other-([0-9]+)$/.exec(ref);
  if (other) return (contacts.other ?? [])[Number(other[1])] !== undefined;
  if (!(CONTACT_KEYS as readonly string[]).includes(ref)) return false;
  const key = ref as ContactKey;
  return contacts[key] !== undefined || NATIONAL_CONTACT_KEYS.includes(key);
};

export const PolicyProfileSchema = z
  .strictObject({
    /** The profile format (2); absent in a format-1 profile, which is still read. */
    profileFormat: z
      .literal(PROFILE_FORMAT, { error: `this Countersign reads profile format ${PROFILE_FORMAT} and older` })
      .optional(),
    id: z.string().max(64).regex(PROFILE_ID_RE, 'lower-case letters, digits and single hyphens'),
    name: printed,
    organisation: printed,
    /** The version or period as the policy prints it, e.g. "2025-2027". */
    version: printed,
    approved: z.iso.date().optional(),
    /** The review date as printed, e.g. "Summer 2024". */
    reviewDue: printed.optional(),
    /** The last day the policy is current before its review falls due, e.g. 2024-05-31 for "May 2024". */
    reviewBy: z.iso.date().optional(),
    source: PolicySourceSchema,
    contacts: ContactsSchema,
    /** Absent when the policy has no such table (St Wilfrid's, Gloucester House). */
    userActions: UserActionsSchema.optional(),
    pupilSanctions: SanctionMatrixSchema,
    staffSanctions: SanctionMatrixSchema,
    /** The "Other Incidents" list of what to report to the police, as this policy gives it. */
    policeReportable: PoliceReportableListSchema,
    /** The passages the screens quote, in this policy's words; any left out are the SWGfL template's, marked so. */
    quotes: QuotesSchema.optional(),
    /** The judgement's outcomes in this policy's words. */
    outcomes: OutcomesSchema.optional(),
    /** What this policy says to do on the police route, in its order. */
    policeSteps: z.array(RouteStepSchema).optional(),
    /** What it says to do with the computer or device in question: the first items of the isolation checklist. */
    isolation: z.array(WordsSchema).optional(),
    /** Whom it says to tell when the concern is about a member of staff (e.g. the head teacher, the LADO). */
    staffTell: z.array(contactRef).optional(),
    /** Who takes the matter when it involves the head teacher (e.g. the chair of governors). */
    headteacherTell: contactRef.optional(),
  })
  .superRefine((p, ctx) => {
    const check = (ref: string | undefined, path: PropertyKey[]) => {
      if (ref !== undefined && !contactKnown(p.contacts, ref))
        ctx.addIssue({ code: 'custom', path, message: `"${ref}" is not one of this profile's contacts` });
    };
    p.policeSteps?.forEach((s, i) => check(s.tell, ['policeSteps', i, 'tell']));
    p.staffTell?.forEach((r, i) => check(r, ['staffTell', i]));
    check(p.headteacherTell, ['headteacherTell']);
  });
export type PolicyProfile = z.infer<typeof PolicyProfileSchema>;
export type SubjectKind = 'pupil' | 'staff';
