// Checks a bundle zip in the browser exactly as `countersign verify` does: the same checks over the same code, the
// same report, the same verdict; only the reading of the zip and the crypto engine differ.
import type { BundleReport, VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { verifyOpenedBag } from '@shared/evidence/bundle/verify-opened';
import { openZipBlob } from './blob-zip-source';
import { browserVerifierCrypto } from './browser-crypto';

export interface ZipCheck {
  file: Blob;
  /** The file's name, as the report names the bundle. */
  name: string;
  password?: string;
  pins?: VerifyPins;
}

/** Never throws: a bundle that cannot be checked is a report too. */
export const verifyZipFile = (req: ZipCheck): Promise<BundleReport> =>
  verifyOpenedBag(browserVerifierCrypto, () => openZipBlob(req.file, req.name, req.password), req.name, req.pins);
