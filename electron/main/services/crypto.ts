// Node's crypto behind the shared CryptoPort, plus Ed25519 key handling for the device and staff keys.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { CryptoPort } from '@shared/evidence/chain';
import { KeyBytes } from './key-material';

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Parsed public keys by PEM: a journal's heads are all verified with the one device key, parsed once. */
const parsedKeys = new Map<string, KeyObject>();
const publicKeyOf = (pem: string): KeyObject => {
  let key = parsedKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (parsedKeys.size >= 64) parsedKeys.clear();
    parsedKeys.set(pem, key);
  }
  return key;
};

/**
 * Fingerprints by PEM: verify asks for the device's and each reviewer's many times (signers, sign-offs, the record,
 * the paper values), and each asking parsed and exported the key again.
 */
const fingerprints = new Map<string, string>();
const fingerprintOf = (pem: string): string => {
  let fp = fingerprints.get(pem);
  if (fp === undefined) {
    fp = sha256Hex(publicKeyOf(pem).export({ type: 'spki', format: 'der' }));
    if (fingerprints.size >= 64) fingerprints.clear();
    fingerprints.set(pem, fp);
  }
  return fp;
};

export const nodeCrypto: CryptoPort = {
  sha256Hex,
  verify(publicKeyPem, message, signatureHex) {
    if (!/^[0-9a-f]{128}$/.test(signatureHex)) return false;
    try {
      return verify(null, Buffer.from(message, 'utf8'), publicKeyOf(publicKeyPem), Buffer.from(signatureHex, 'hex'));
    } catch {
      return false;
    }
  },
  fingerprint: fingerprintOf,
};

/** An Ed25519 signing key held in memory while the vault is unlocked. */
export interface Signer {
  publicKeyPem: string;
  fingerprint: string;
  /** Signs the UTF-8 bytes of a message; hex signature (64 bytes). PROCEDURE_FORBIDS once wiped. */
  sign(message: string | Uint8Array): string;
  /** Overwrites the private key in memory; the signer refuses to sign afterwards. */
  wipe(): void;
}

/**
 * A signer over the private key's PKCS#8 DER, kept in a KeyBytes that lock() overwrites. Node's KeyObject cannot be
 * wiped from JavaScript, so one is made for each signature and dropped at once; OpenSSL clears an Ed25519 private key
 * when that object is freed, which happens when the garbage collector gets to it.
 */
export const signerFromPkcs8 = (pkcs8: Uint8Array): Signer => {
  const der = new KeyBytes(pkcs8);
  const key = (): KeyObject => createPrivateKey({ key: der.value, format: 'der', type: 'pkcs8' });
  const first = key();
  if (first.asymmetricKeyType !== 'ed25519') {
    der.wipe();
    throw new Error('not an Ed25519 private key');
  }
  const publicKeyPem = createPublicKey(first).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    fingerprint: nodeCrypto.fingerprint(publicKeyPem),
    sign: (message) =>
      sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key()).toString('hex'),
    wipe: () => der.wipe(),
  };
};

/** The PKCS#8 DER of a private key given as PEM bytes or text; the caller wipes the bytes it gave. */
export const pkcs8FromPem = (pem: Uint8Array | string): Buffer =>
  createPrivateKey({ key: typeof pem === 'string' ? pem : Buffer.from(pem), format: 'pem' }).export({
    type: 'pkcs8',
    format: 'der',
  });

/** PEM bytes of a PKCS#8 DER key, in a Buffer the caller can wipe (the device key file keeps PEM). */
export const pemOfPkcs8 = (pkcs8: Uint8Array): Buffer => {
  const body = Buffer.from(pkcs8).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return Buffer.from(`-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`, 'utf8');
};

/** A new Ed25519 key: its PKCS#8 DER (for the caller to store, then wipe) and a signer over it. */
export const generateSigningKey = (): { pkcs8: Buffer; signer: Signer } => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return { pkcs8, signer: signerFromPkcs8(pkcs8) };
};
