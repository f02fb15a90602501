// Checks a bundle on disk (a .zip or a folder) for the command line and the app's worker.
import type { BundleReport, VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { verifyOpenedBag } from '@shared/evidence/bundle/verify-opened';
import { openBundle } from './bundle-reader';
import { nodeVerifierCrypto } from './verify-crypto';

export interface VerifyRequest {
  path: string;
  password?: string;
  pins?: VerifyPins;
  /** The time-stamping authority's certificate (PEM) that every token must chain to. */
  tsaCaPem?: string;
}

/** Verifies the bundle at `path` (a .zip or a folder). Never throws: an unreadable bundle is a report too. */
export const verifyBundleAt = (req: VerifyRequest): Promise<BundleReport> =>
  verifyOpenedBag(nodeVerifierCrypto, () => openBundle(req.path, req.password), req.path, req.pins, req.tsaCaPem);
