// Check: each Ed25519 signature in signatures/ is over the exact bytes of the tag manifest, the device's among them.
import {
  DEVICE_SIGNER,
  READ_LIMITS,
  SIGNATURES_DIR,
  SIGNATURE_FILE_RE,
  SIGNER_NAME_RE,
  signaturePaths,
} from '../bag-layout';
import { bytesToHex, sameBytes, utf8Encode } from '../bytes';
import type { CheckStep, VerifyContext } from '../verify-context';

/** The key's fingerprint, or null when it is not a public key. */
const fingerprintOf = (ctx: VerifyContext, pem: string | null): string | null => {
  try {
    return pem === null ? null : ctx.crypto.fingerprint(pem);
  } catch {
    return null;
  }
};

/** Whether `name`'s signature is valid, adding the problem when it is not. */
const signatureHolds = async (ctx: VerifyContext, name: string, pem: string): Promise<boolean> => {
  const sp = signaturePaths(name);
  const sig = await ctx.readBytes(sp.sig, READ_LIMITS.signature);
  const tag = ctx.tagManifest;
  if (!sig || sig.length !== 64)
    ctx.add('SIGNATURE_UNREADABLE', sp.sig, `${sp.sig} is not a 64-byte Ed25519 signature`);
  else if (tag === null)
    ctx.add(
      'SIGNATURE_INVALID',
      sp.sig,
      `${name}'s signature cannot be checked: tagmanifest-sha256.txt is missing or unreadable`,
    );
  else if (!sameBytes(utf8Encode(tag.text), tag.bytes) || !ctx.crypto.verify(pem, tag.text, bytesToHex(sig))) {
    ctx.add(
      'SIGNATURE_INVALID',
      sp.sig,
      `${name}'s signature does not match tagmanifest-sha256.txt: the ` +
        `bundle was changed after it was signed, or the signature is not ${name}'s`,
    );
  } else return true;
  return false;
};

const checkSigner = async (ctx: VerifyContext, name: string): Promise<boolean> => {
  const sp = signaturePaths(name);
  if (!SIGNER_NAME_RE.test(name))
    ctx.add('FILE_UNEXPECTED', sp.sig, `signatures/ holds a file for "${name}", which is not a signer's name`);
  if (!ctx.source.files.has(sp.sig)) {
    ctx.add('SIGNATURE_MISSING', sp.sig, `${sp.pub} has no signature beside it (${sp.sig} is missing)`);
    return false;
  }
  if (!ctx.source.files.has(sp.pub)) {
    ctx.add('SIGNATURE_MISSING', sp.pub, `${sp.sig} has no public key beside it (${sp.pub} is missing)`);
    return false;
  }
  const pem = await ctx.readText(sp.pub, 'SIGNATURE_UNREADABLE', READ_LIMITS.publicKey);
  const fingerprint = fingerprintOf(ctx, pem);
  if (pem === null || fingerprint === null) {
    ctx.add('SIGNATURE_UNREADABLE', sp.pub, `${sp.pub} is not a readable public key`);
    ctx.signers.push({ name, fingerprint: null, valid: false });
    return false;
  }
  ctx.keys.set(name, { pem, fingerprint });
  const valid = await signatureHolds(ctx, name, pem);
  ctx.signers.push({ name, fingerprint, valid });
  return valid;
};

export const signaturesCheck: CheckStep = {
  id: 'signatures',
  run: async (ctx) => {
    const names = [...new Set(ctx.paths.flatMap((p) => SIGNATURE_FILE_RE.exec(p)?.[1] ?? []))].sort();
    let all = true;
    for (const name of names) all = (await checkSigner(ctx, name)) && all;
    if (!names.includes(DEVICE_SIGNER))
      ctx.add(
        'SIGNATURE_MISSING',
        signaturePaths(DEVICE_SIGNER).sig,
        'the device signature is missing: nothing shows the bundle came from the investigation computer',
      );
    if (!names.some((n) => n !== DEVICE_SIGNER))
      ctx.add(
        'SIGNATURE_MISSING',
        SIGNATURES_DIR,
        "no member of staff signed the bundle: the exporting reviewer's signature is missing",
      );
    if (all && names.length > 0) ctx.ran.add('signatures');
  },
};
