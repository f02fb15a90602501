// The IPC channels and fields for keeping records (docs/formats/backup.md, deletions.md): the retention period and
// review dates, a backup, and the deletion of an incident by two people. The contract (contract.ts) includes them.
import { z } from 'zod';
import { ENTRY_DATA } from '../evidence/entries';
import { RetentionMonthsSchema } from '../procedure/retention';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const IncidentRef = ENTRY_DATA['incident.opened'].shape.ref;
const FolderPath = z.string().trim().min(1, 'choose a folder').max(4096);

/** When both reviewers had signed an incident off (the start of its retention period), or null. */
export const SignedOffAt = z.string().nullable();

/** How long the school keeps an incident after sign-off, in months; null until the school sets it. */
export const RetentionMonths = RetentionMonthsSchema.nullable();

/** When an incident was signed off, and the day it is due for review under the school's period (null if unset). */
export const RetentionSchema = z.object({ signedOffAt: SignedOffAt, reviewDue: z.iso.date().nullable() });

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
  folder: FolderPath,
});

export const DeletionReplySchema = z.object({
  ref: IncidentRef,
  deletedAt: z.string(),
  /** Where the destruction certificate (PDF) was saved. */
  certificate: z.string(),
});
export type DeletionReply = z.infer<typeof DeletionReplySchema>;

/** A backup restored on this (replacement) computer, which has no vault yet: two people, or the code and one. */
export const RestoreRequestSchema = z.strictObject({
  /** The backup's own folder (the one a backup made: backup.json, manifest-sha256.txt, vault/). */
  folder: FolderPath,
  passphrases: z.array(z.string().max(1024)).min(1).max(2),
  recoveryCode: z.string().max(200).optional(),
});

export const RestoreReplySchema = z.object({
  incidents: z.number().int().nonnegative(),
  agreedBy: z.array(z.string()),
  recoveryCode: z.boolean(),
  oldFingerprint: Sha256,
  newFingerprint: Sha256,
  manifestSha256: Sha256,
});
export type RestoreReply = z.infer<typeof RestoreReplySchema>;

export const KEEPING_CHANNELS = {
  'settings.retention': {
    request: z.strictObject({ months: RetentionMonths }),
    reply: z.object({ retentionMonths: RetentionMonths }),
  },
  'vault.backup': { request: z.strictObject({ folder: FolderPath }), reply: BackupReplySchema },
  'incident.delete': { request: DeletionRequestSchema, reply: DeletionReplySchema },
  'vault.restore': { request: RestoreRequestSchema, reply: RestoreReplySchema },
} as const;
