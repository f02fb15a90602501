// Handlers for Settings' trusted time: the RFC 3161 authority's address, and a test that asks it for one token.
import { createHash } from 'node:crypto';
import type { SettingsService } from '../../app/settings-service';
import { httpStamper, TSA_TIMEOUT_MS, type Stamper } from '../../services/tsa-client';
import type { Handler } from '../register-handlers';

export const timestampingGet =
  (settings: SettingsService): Handler<'timestamping.get'> =>
  async () => ({ url: await settings.timestampingUrl() });

export const timestampingSave =
  (settings: SettingsService): Handler<'timestamping.save'> =>
  async ({ url }) => ({ url: await settings.setTimestampingUrl(url) });

/** Asks the authority to stamp a test value: whether it answers, and its time; a failure is an answer too. */
export const timestampingTest =
  (stamper: Stamper = httpStamper()): Handler<'timestamping.test'> =>
  async ({ url }) => {
    const imprint = createHash('sha256').update('Countersign: a test of the time-stamping authority').digest('hex');
    try {
      const { facts } = await stamper(url, imprint);
      return {
        answered: true,
        message: 'The authority answered with a signed time. Signed heads and bundles will be time-stamped.',
        authorityTime: facts.genTime.toISOString(),
      };
    } catch (e) {
      return {
        answered: false,
        message:
          `${e instanceof Error ? e.message : String(e)} When it cannot be reached (this computer is usually ` +
          `offline), Countersign waits at most ${TSA_TIMEOUT_MS / 1000} seconds in the background, records in the ` +
          'journal that the head was not time-stamped, and carries on: nothing in the review waits for it.',
        authorityTime: null,
      };
    }
  };
