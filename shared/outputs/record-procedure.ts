// The parts of the incident record that the procedure's later additions fold in: sites and devices of concern
// recorded without a capture, who was told (on any route), and the follow-ups after sign-off.
import { entryIs, type JournalEntry } from '../evidence/entries';
import type { FollowUp, Site, Told } from './record-schema';

export interface ProcedureParts {
  sites: Site[];
  told: Told[];
  followUps: FollowUp[];
}

type Stamp = Pick<Site, 'seq' | 'at' | 'by'>;

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
