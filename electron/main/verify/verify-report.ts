// Checks a bundle on disk (a .zip or a folder) for the command line and the app's worker.
import { unreadableReport, type BundleReport, type VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { verifyBag } from '@shared/evidence/bundle/verify-bag';
import { CodedError } from '@shared/result';
import { openBundle } from './bundle-reader';
import { nodeVerifierCrypto } from './verify-crypto';

export interface VerifyRequest {
  path: string;
  password?: string;
  pins?: VerifyPins;
}

/** Verifies the bundle at `path` (a .zip or a folder). Never throws: an unreadable bundle is a report too. */
export const verifyBundleAt = async (req: VerifyRequest): Promise<BundleReport> => {
  let opened;
  try {
    opened = await openBundle(req.path, req.password);
  } catch (e) {
    const code = e instanceof CodedError && e.code === 'BAD_PASSPHRASE' ? 'BAD_PASSWORD' : 'UNREADABLE';
    return unreadableReport(e instanceof Error ? e.message : String(e), req.path, code);
  }
  try {
    return await verifyBag(nodeVerifierCrypto, opened.source, req.pins ? { pins: req.pins } : {});
  } catch (e) {
    return unreadableReport(
      `The bundle could not be read to the end: ${e instanceof Error ? e.message : String(e)}`,
      req.path,
      'UNREADABLE',
    );
  } finally {
    await opened.close().catch(() => undefined);
  }
};
