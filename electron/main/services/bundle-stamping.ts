// Time-stamps a bundle's tag manifest at export (RFC 3161): the reply goes in the bundle beside signatures/, and an
// authority that cannot be reached leaves the bundle without it and says why, to be journaled.
import { createHash } from 'node:crypto';
import { httpStamper, type Stamper } from './tsa-client';

export interface BundleStamping {
  url: string;
  /** Asks for the token over the tag manifest's exact bytes; null when the authority failed (see `failure`). */
  timestamp(tagmanifest: Uint8Array): Promise<Uint8Array | null>;
  /** Why there is no token, once timestamp() has failed. */
  failure: string | null;
}

/** How to stamp this export, or null when time-stamping is off. */
export const bundleStamping = (url: string | null, stamper: Stamper = httpStamper()): BundleStamping | null => {
  if (url === null) return null;
  const stamping: BundleStamping = {
    url,
    failure: null,
    timestamp: async (tagmanifest) => {
      const imprint = createHash('sha256').update(tagmanifest).digest('hex');
      try {
        return (await stamper(url, imprint)).reply;
      } catch (e) {
        stamping.failure = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
        return null;
      }
    },
  };
  return stamping;
};
