// The address of an RFC 3161 time-stamping authority, as Settings and a scenario give it: http or https only.
import { z } from 'zod';

export const AuthorityUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(
    z.url({ protocol: /^https?$/, error: 'the address of a time-stamping authority, beginning http:// or https://' }),
  );

/** Time-stamping as configured: on with an authority's address; absent means off (the default). */
export const TimestampingSchema = z.strictObject({ url: AuthorityUrlSchema });
export type Timestamping = z.infer<typeof TimestampingSchema>;
