// Builds the whole evidence bag: payload, tag files, and one Ed25519 signature per signer over the tag manifest.
import type { CryptoPort } from '../chain';
import {
  BAGIT_TXT,
  DEVICE_SIGNER,
  SIGNER_NAME_RE,
  TAG_FILES,
  signaturePaths,
  type BagFile,
  type BagHeader,
  type BagSpec,
  type PayloadDigest,
} from './bag-layout';
import { hexToBytes, utf8Encode } from './bytes';
import { bagInfoText, digestsOf, manifestText } from './tag-files';

/** Signs for the bag: an Ed25519 key that returns a 64-byte signature in hex. */
export interface BagSigner {
  name: string;
  publicKeyPem: string;
  sign(message: Uint8Array): string;
}

/**
 * The tag files and one signature per signer over the exact bytes of the tag manifest, for a payload known by its
 * digests: the payload itself can be streamed, and the tag files written after it.
 */
export const signedTagFiles = (
  crypto: Pick<CryptoPort, 'sha256Hex'>,
  header: BagHeader,
  payload: readonly PayloadDigest[],
  signers: readonly BagSigner[],
): BagFile[] => {
  const names = signers.map((s) => s.name);
  if (!names.includes(DEVICE_SIGNER)) throw new Error('the device must sign the bundle');
  for (const n of names) {
    if (!SIGNER_NAME_RE.test(n)) throw new Error(`"${n}" cannot name a signature file`);
    if (names.indexOf(n) !== names.lastIndexOf(n)) throw new Error(`two signers are both named "${n}"`);
  }
  for (const f of payload) {
    if (!f.path.startsWith('data/')) throw new Error(`payload file ${f.path} is not under data/`);
  }
  const bagit = { path: TAG_FILES.bagit, bytes: utf8Encode(BAGIT_TXT) };
  const info = { path: TAG_FILES.bagInfo, bytes: utf8Encode(bagInfoText(header, payload)) };
  const manifest = { path: TAG_FILES.manifest, bytes: utf8Encode(manifestText(payload)) };
  const tags = digestsOf(crypto, [bagit, info, manifest]);
  const tagmanifest = { path: TAG_FILES.tagmanifest, bytes: utf8Encode(manifestText(tags)) };
  const signatures = signers.flatMap((s) => {
    const p = signaturePaths(s.name);
    const sig = hexToBytes(s.sign(tagmanifest.bytes));
    if (sig.length !== 64) throw new Error(`the signature of ${s.name} is not 64 bytes`);
    return [
      { path: p.sig, bytes: sig },
      { path: p.pub, bytes: utf8Encode(s.publicKeyPem.endsWith('\n') ? s.publicKeyPem : `${s.publicKeyPem}\n`) },
    ];
  });
  return [bagit, info, manifest, tagmanifest, ...signatures];
};

/**
 * The whole bag: payload, tag files, and one signature per signer over the exact bytes of the tag
 * manifest. Paths are relative to the bag's top folder.
 */
export const buildBag = (
  crypto: Pick<CryptoPort, 'sha256Hex'>,
  spec: BagSpec,
  signers: readonly BagSigner[],
): BagFile[] => [...signedTagFiles(crypto, spec, digestsOf(crypto, spec.payload), signers), ...spec.payload];
