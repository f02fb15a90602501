// The IPC schemas for keeping records (docs/formats/backup.md, deletions.md): a backup's reply, and the deletion of an
// incident by two people with its reply. The contract (contract.ts) names the channels.
import { z } from 'zod';
import { ENTRY_DATA } from '../evidence/entries';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const IncidentRef = ENTRY_DATA['incident.opened'].shape.ref;

export const BackupReplySchema = z.object({
  /** The backup's own folder, inside the one chosen. */
  path: z.string(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** SHA-256 of the backup's manifest: write it down to check the copy later. */
  manifestSha256: Sha256,
});
export type BackupReply = z.infer<typeof BackupReplySchema>;

export const DeletionRequestSchema = z.strictObject({
  ref: IncidentRef,
  reason: z.string().trim().min(1, 'must not be empty').max(2000),
  /** Two different registered people's passphrases: nobody deletes an incident alone. */
  passphrases: z.tuple([z.string().max(1024), z.string().max(1024)]),
  /** Where the destruction certificate is saved. */
  folder: z.string().trim().min(1, 'choose a folder').max(4096),
});

export const DeletionReplySchema = z.object({
  ref: IncidentRef,
  deletedAt: z.string(),
  /** Where the destruction certificate (PDF) was saved. */
  certificate: z.string(),
});
export type DeletionReply = z.infer<typeof DeletionReplySchema>;
