// The verifier's hashing and signature checks in a browser: SHA-256 and Ed25519 from the audited @noble libraries,
// which run in any browser of the last few years, and WebCrypto's digest for small files where the browser has it.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { VerifierCrypto } from '@shared/evidence/bundle/verify-context';

const utf8 = new TextEncoder();

/** An Ed25519 key's SPKI DER: this 12-byte header, then the 32-byte key (RFC 8410). */
const ED25519_SPKI = hexToBytes('302a300506032b6570032100');

/** The DER inside a "PUBLIC KEY" PEM; throws when it is not one. */
const pemDer = (pem: string): Uint8Array => {
  const m = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (!m?.[1]) throw new Error('not a public key in PEM form');
  return Uint8Array.from(atob(m[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0));
};

/** The raw 32-byte Ed25519 key of an SPKI PEM, or null when it is not an Ed25519 key. */
const ed25519Key = (pem: string): Uint8Array | null => {
  const der = pemDer(pem);
  if (der.length !== ED25519_SPKI.length + 32 || !ED25519_SPKI.every((b, i) => der[i] === b)) return null;
  return der.subarray(ED25519_SPKI.length);
};

const sha256Hex = (data: string | Uint8Array): string =>
  bytesToHex(sha256(typeof data === 'string' ? utf8.encode(data) : data));

const subtle = (): SubtleCrypto | undefined => globalThis.crypto?.subtle;

export const browserVerifierCrypto: VerifierCrypto = {
  sha256Hex,
  verify(publicKeyPem, message, signatureHex) {
    if (!/^[0-9a-f]{128}$/.test(signatureHex)) return false;
    try {
      const key = ed25519Key(publicKeyPem);
      // zip215 off: the strict RFC 8032 rules that the command line's OpenSSL applies, so both give the same answer.
      return key !== null && ed25519.verify(hexToBytes(signatureHex), utf8.encode(message), key, { zip215: false });
    } catch {
      return false;
    }
  },
  fingerprint: (publicKeyPem) => sha256Hex(pemDer(publicKeyPem)),
  sha256Stream: () => {
    const h = sha256.create();
    return {
      update: (chunk) => {
        h.update(chunk);
      },
      digestHex: () => bytesToHex(h.digest()),
    };
  },
  // WebCrypto's digest runs in the browser's own code, several times faster than JavaScript, but only over bytes held
  // whole: files up to 32 MiB (every screenshot) are read whole for it; larger ones stream through noble.
  ...(subtle()
    ? {
        sha256Async: async (bytes: Uint8Array) =>
          bytesToHex(
            new Uint8Array(await (subtle() as SubtleCrypto).digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
          ),
        wholeFileLimit: 32 * 1024 * 1024,
      }
    : {}),
};
