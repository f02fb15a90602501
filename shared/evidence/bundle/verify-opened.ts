// A bundle opened by any reader (a zip or folder on disk, a zip chosen in a browser), checked to the end: whatever
// goes wrong becomes a report, worded the same everywhere, never an exception.
import type { BagSource } from './bag-source';
import { unreadableReport, type BundleReport, type VerifyPins } from './bundle-report';
import { CodedError } from '../../result';
import { verifyBag } from './verify-bag';
import type { VerifierCrypto } from './verify-context';

export interface OpenedBag {
  source: BagSource;
  close(): Promise<void>;
}

/**
 * Opens the bag with `open` (which throws CodedError BAD_PASSPHRASE for a locked bundle without the right password,
 * anything else for one that cannot be read), verifies it and closes it. `where` names the bundle in the report.
 */
export const verifyOpenedBag = async (
  crypto: VerifierCrypto,
  open: () => Promise<OpenedBag>,
  where: string,
  pins?: VerifyPins,
  tsaCaPem?: string,
): Promise<BundleReport> => {
  let opened;
  try {
    opened = await open();
  } catch (e) {
    const code = e instanceof CodedError && e.code === 'BAD_PASSPHRASE' ? 'BAD_PASSWORD' : 'UNREADABLE';
    return unreadableReport(e instanceof Error ? e.message : String(e), where, code);
  }
  try {
    return await verifyBag(crypto, opened.source, { ...(pins ? { pins } : {}), ...(tsaCaPem ? { tsaCaPem } : {}) });
  } catch (e) {
    return unreadableReport(
      `The bundle could not be read to the end: ${e instanceof Error ? e.message : String(e)}`,
      where,
      'UNREADABLE',
    );
  } finally {
    await opened.close().catch(() => undefined);
  }
};
