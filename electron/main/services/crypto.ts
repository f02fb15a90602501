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

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const spkiDer = (publicKeyPem: string): Buffer => createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });

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
  fingerprint: (publicKeyPem) => sha256Hex(spkiDer(publicKeyPem)),
};

/** An Ed25519 signing key held in memory while the vault is unlocked. */
export interface Signer {
  publicKeyPem: string;
  fingerprint: string;
  /** Signs the UTF-8 bytes of a message; hex signature (64 bytes). */
  sign(message: string | Uint8Array): string;
}

export const signerFromPrivatePem = (privatePem: string): Signer => {
  const key: KeyObject = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    fingerprint: nodeCrypto.fingerprint(publicKeyPem),
    sign: (message) =>
      sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key).toString('hex'),
  };
};

export const generateSigningKey = (): { privatePem: string; signer: Signer } => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privatePem, signer: signerFromPrivatePem(privatePem) };
};
