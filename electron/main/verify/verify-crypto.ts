// The verifier's crypto in Node: the shared CryptoPort, and SHA-256 fed in pieces as each file streams.
import { createHash, webcrypto } from 'node:crypto';
import type { VerifierCrypto } from '@shared/evidence/bundle/verify-context';
import { nodeCrypto } from '../services/crypto';

export const nodeVerifierCrypto: VerifierCrypto = {
  ...nodeCrypto,
  sha256Stream: () => {
    const h = createHash('sha256');
    return {
      update: (chunk) => {
        h.update(chunk);
      },
      digestHex: () => h.digest('hex'),
    };
  },
  sha1: (bytes) => createHash('sha1').update(bytes).digest(),
  // WebCrypto's digest runs on libuv's thread pool: small files are hashed beside the main thread.
  sha256Async: async (bytes) => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex'),
};
