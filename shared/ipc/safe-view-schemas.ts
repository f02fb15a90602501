// The review's safe-view channels: what the page shows blurred or holds back, and a reviewer's request to see one.
import { z } from 'zod';
import { ENTRY_DATA } from '../evidence/entries';

const IncidentRef = ENTRY_DATA['incident.opened'].shape.ref;
const StaffId = z.string().regex(/^[0-9a-f]{32}$/, 'a staff id');

export const SafeViewRequest = z.strictObject({ ref: IncidentRef });

/** Null when no page is open (before the first address, or after the halt). */
export const SafeViewReplySchema = z.object({
  view: z
    .object({
      on: z.boolean(),
      hidden: z.array(z.object({ url: z.string(), kind: ENTRY_DATA['media.revealed'].shape.kind })),
      revealed: z.array(z.string()),
    })
    .nullable(),
});

export const ShowMediaRequest = z.strictObject({ ref: IncidentRef, actor: StaffId, url: z.string().min(1).max(8192) });
