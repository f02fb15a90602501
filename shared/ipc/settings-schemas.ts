// The IPC schemas of the settings screens: the built-in profiles offered, and the settings as the screens read them.
// The contract (contract.ts) names the channels that carry them.
import { z } from 'zod';
import { RetentionMonths } from './keeping-schemas';

export const ProfileChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  version: z.string(),
  /** When the policy says it is due for review ("May 2024"), or null when it prints no date. */
  reviewDue: z.string().nullable(),
});

/** Minutes without input after which Countersign locks itself. */
export const IdleLockMinutes = z.number().int().min(1, 'at least 1 minute').max(120, 'at most 120 minutes');

export const SettingsReplySchema = z.object({
  organisation: z.string(),
  computer: z.object({ name: z.string(), location: z.string() }),
  profileId: z.string(),
  /** The profile in force was imported from a file rather than built in. */
  imported: z.boolean(),
  profileName: z.string(),
  retentionMonths: RetentionMonths,
  /** Minutes without input after which Countersign locks itself. */
  idleLockMinutes: IdleLockMinutes,
});
