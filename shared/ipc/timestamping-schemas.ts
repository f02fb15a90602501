// The IPC channels of Settings' trusted time (RFC 3161): the authority's address, and a test of whether it answers.
// The contract (contract.ts) includes them.
import { z } from 'zod';
import { AuthorityUrlSchema } from '../evidence/timestamp/authority-url';

const TimestampingReply = z.object({
  /** The authority's address, or null when time-stamping is off (the default). */
  url: z.string().nullable(),
});

export const TIMESTAMPING_CHANNELS = {
  'timestamping.get': { request: z.strictObject({}), reply: TimestampingReply },
  'timestamping.save': { request: z.strictObject({ url: AuthorityUrlSchema.nullable() }), reply: TimestampingReply },
  'timestamping.test': {
    request: z.strictObject({ url: AuthorityUrlSchema }),
    reply: z.object({
      answered: z.boolean(),
      /** What happened, in plain words. */
      message: z.string(),
      /** The authority's time in its token, when it answered. */
      authorityTime: z.string().nullable(),
    }),
  },
} as const;
