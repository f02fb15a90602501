// Keys derived from a passphrase or the recovery code (scrypt, then HKDF), and the wraps made and opened with them.
import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CodedError } from '@shared/result';
import { KEY_BYTES, openBytes, sealBytes } from '../aes-codec';
import { generateSigningKey, signerFromPkcs8, type Signer } from '../crypto';
import {
  CHECK_BYTES,
  KEYRING_FILE,
  rel,
  SALT_BYTES,
  STAFF_DIR,
  type Kdf,
  type KeyringFile,
  type WrapFile,
} from './key-files';

export interface ScryptParams {
  /** CPU and memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's recommended minimum for scrypt (128 MiB, about half a second on a laptop). A wrong passphrase
 * costs one derivation per registered person, which also slows guessing at the keyboard.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

interface Keks {
  check: Buffer;
  dataKey: Buffer;
  signingKey: Buffer;
}

const newKdf = (params: ScryptParams): Kdf => ({
  alg: 'scrypt',
  salt: randomBytes(SALT_BYTES).toString('base64'),
  ...params,
});

/**
 * One scrypt derivation per attempt, split by HKDF into a check value (to tell a wrong passphrase from a
 * damaged file) and one key per purpose, so no key is ever used for two things.
 */
const deriveKeks = (secret: string, kdf: Kdf): Promise<Keks> =>
  new Promise((resolve, reject) => {
    const { N, r, p } = kdf;
    scrypt(
      Buffer.from(secret, 'utf8'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N, r, p, maxmem: 256 * N * r * p },
      (err, master) => {
        if (err) {
          reject(err);
          return;
        }
        const sub = (info: string, n: number) =>
          Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `countersign keyring v1 ${info}`, n));
        const keks = {
          check: sub('check', CHECK_BYTES),
          dataKey: sub('data-key', KEY_BYTES),
          signingKey: sub('signing-key', KEY_BYTES),
        };
        master.fill(0);
        resolve(keks);
      },
    );
  });

const wipe = (keks: Keks): void => {
  keks.check.fill(0);
  keks.dataKey.fill(0);
  keks.signingKey.fill(0);
};

const checkMatches = (keks: Keks, stored: string): boolean =>
  timingSafeEqual(keks.check, Buffer.from(stored, 'base64'));

/** Associated data naming the keyring, the purpose and the person: a wrap cannot be moved to another slot. */
const aad = (
  keyringId: string,
  purpose: 'staff-data-key' | 'staff-signing-key' | 'recovery-data-key',
  staffId = '',
): string => `countersign keyring v1\n${keyringId}\n${purpose}\n${staffId}`;

export const wrapForStaff = async (
  keyringId: string,
  staffId: string,
  passphrase: string,
  params: ScryptParams,
  dataKey: Buffer,
  pkcs8: Buffer,
  signer: Signer,
): Promise<WrapFile> => {
  const kdf = newKdf(params);
  const keks = await deriveKeks(passphrase, kdf);
  try {
    return {
      format: 'countersign-staff-key',
      version: 1,
      id: staffId,
      kdf,
      check: keks.check.toString('base64'),
      dataKey: sealBytes(keks.dataKey, dataKey, aad(keyringId, 'staff-data-key', staffId)).toString('base64'),
      signingKey: sealBytes(keks.signingKey, pkcs8, aad(keyringId, 'staff-signing-key', staffId)).toString('base64'),
      publicKeyPem: signer.publicKeyPem,
      fingerprint: signer.fingerprint,
    };
  } finally {
    wipe(keks);
  }
};

/** A new signing key for a person, wrapped with the data key under their passphrase. */
export const newStaffKeys = async (
  keyringId: string,
  staffId: string,
  passphrase: string,
  params: ScryptParams,
  dataKey: Buffer,
): Promise<{ wrap: WrapFile; signer: Signer }> => {
  const { pkcs8, signer } = generateSigningKey();
  try {
    const wrap = await wrapForStaff(keyringId, staffId, passphrase, params, dataKey, pkcs8, signer);
    return { wrap, signer };
  } finally {
    pkcs8.fill(0);
  }
};

export interface OpenedWrap {
  wrap: WrapFile;
  dataKey: Buffer;
  pkcs8: Buffer;
  signer: Signer;
}

/** Opens one person's wrap with a passphrase: undefined if it is not theirs, CORRUPT if it is theirs but damaged. */
export const openWrap = async (
  keyringId: string,
  wrap: WrapFile,
  passphrase: string,
): Promise<OpenedWrap | undefined> => {
  const keks = await deriveKeks(passphrase, wrap.kdf);
  const name = rel(STAFF_DIR, `${wrap.id}.json`);
  try {
    if (!checkMatches(keks, wrap.check)) return undefined;
    let dataKey: Buffer;
    let pkcs8: Buffer;
    let signer: Signer;
    try {
      dataKey = openBytes(keks.dataKey, Buffer.from(wrap.dataKey, 'base64'), aad(keyringId, 'staff-data-key', wrap.id));
      pkcs8 = openBytes(
        keks.signingKey,
        Buffer.from(wrap.signingKey, 'base64'),
        aad(keyringId, 'staff-signing-key', wrap.id),
      );
      signer = signerFromPkcs8(pkcs8);
    } catch {
      throw new CodedError(
        'CORRUPT',
        `The key file ${name} is damaged: the passphrase is right but the keys in it cannot be opened.`,
      );
    }
    if (signer.fingerprint !== wrap.fingerprint) {
      throw new CodedError(
        'CORRUPT',
        `The key file ${name} is damaged: its signing key does not match its public key.`,
      );
    }
    return { wrap, dataKey, pkcs8, signer };
  } finally {
    wipe(keks);
  }
};

/** The data key wrapped under the recovery code, as keyring.json keeps it. */
export const wrapForRecovery = async (
  keyringId: string,
  secret: string,
  params: ScryptParams,
  dataKey: Buffer,
): Promise<KeyringFile['recovery']> => {
  const kdf = newKdf(params);
  const keks = await deriveKeks(secret, kdf);
  try {
    return {
      kdf,
      check: keks.check.toString('base64'),
      dataKey: sealBytes(keks.dataKey, dataKey, aad(keyringId, 'recovery-data-key')).toString('base64'),
    };
  } finally {
    wipe(keks);
  }
};

/**
 * Opens the data key with the recovery code (canonical form): undefined if it is not this vault's code, CORRUPT if
 * it is but keyring.json is damaged.
 */
export const openRecoveryWrap = async (
  keyringId: string,
  recovery: KeyringFile['recovery'],
  code: string,
): Promise<Buffer | undefined> => {
  const keks = await deriveKeks(code, recovery.kdf);
  try {
    if (!checkMatches(keks, recovery.check)) return undefined;
    try {
      return openBytes(keks.dataKey, Buffer.from(recovery.dataKey, 'base64'), aad(keyringId, 'recovery-data-key'));
    } catch {
      throw new CodedError(
        'CORRUPT',
        `The key file ${rel(KEYRING_FILE)} is damaged: the recovery code is right but the key cannot be opened.`,
      );
    }
  } finally {
    wipe(keks);
  }
};
