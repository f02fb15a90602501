// The parts of the incident record that the procedure's later additions fold in: sites and devices of concern
// recorded without a capture, who was told (on any route), and the follow-ups after sign-off.
import { z } from 'zod';
import { ACTIONS, FOLLOW_UP_KINDS, TOLD_HOW, entryIs, type JournalEntry } from '../evidence/entries';

const seq = z.number().int().nonnegative();
const utc = z.iso.datetime({ offset: false, precision: 3 });
const stampedBy = { seq, at: utc, by: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }) };

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

export interface ProcedureParts {
  sites: Site[];
  told: Told[];
  followUps: FollowUp[];
}

type Stamp = z.infer<z.ZodObject<typeof stampedBy>>;

/** Adds what this entry records to the parts, if it is one of theirs; `nameOf` gives a reviewer's name by id. */
export const foldProcedurePart = (
  parts: ProcedureParts,
  e: JournalEntry,
  by: Stamp,
  nameOf: (id: string) => string,
): void => {
  if (entryIs(e, 'site.recorded')) {
    parts.sites.push({ ...by, url: e.data.url ?? null, device: e.data.device ?? null, concern: e.data.concern });
  } else if (entryIs(e, 'told.recorded')) {
    const d = e.data;
    parts.told.push({
      ...by,
      who: d.who,
      contact: d.contact ?? null,
      police: d.police,
      toldAt: d.toldAt,
      how: d.how ?? null,
      reference: d.reference ?? null,
      note: d.note ?? null,
    });
  } else if (entryIs(e, 'followup.added')) {
    const j = e.data.judgement;
    parts.followUps.push({
      ...by,
      kind: e.data.kind,
      text: e.data.text,
      judgement: j
        ? {
            substance: j.substance,
            actions: [...j.actions],
            sanctionRow: j.sanctionRow ?? null,
            sanctions: [...(j.sanctions ?? [])],
          }
        : null,
      signedBy: e.data.signatures.map((s) => nameOf(s.reviewer)),
    });
  }
};
