// Encryption at rest: AES-256-GCM sealing of vault files and journal lines under the vault's data key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodedError } from '@shared/result';
import { CHUNK_BYTES, rangeChunks, type RangeReader, type VaultCodec } from './codec';
import { KeyBytes } from './key-material';

/**
 * "CSAE" then a format version: lets a reader tell our sealed bytes from anything else, and change the format later.
 */
const MAGIC = Buffer.from('CSAE', 'ascii');
const VERSION = 1;
const HEADER = Buffer.concat([MAGIC, Buffer.from([VERSION])]);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Bytes a sealed box adds to its plaintext. */
export const SEAL_OVERHEAD = HEADER.length + NONCE_BYTES + TAG_BYTES;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

const checkKey = (key: Uint8Array): void => {
  if (key.length !== KEY_BYTES)
    throw new CodedError('INVALID_INPUT', `An AES-256 key is ${KEY_BYTES} bytes, not ${key.length}.`);
};

/**
 * Seals bytes: header, random nonce, ciphertext, tag. The header is authenticated along with the
 * associated data, so neither the version nor the context can be swapped without the tag failing.
 */
export const sealBytes = (key: Uint8Array, plain: Uint8Array, aad: string): Buffer => {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([HEADER, Buffer.from(aad, 'utf8')]));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([HEADER, nonce, body, cipher.getAuthTag()]);
};

/**
 * Opens a sealed box; anything altered, cut short, sealed under another key or for another context is CORRUPT.
 * With `into` (room for at least the body), the plain bytes are decrypted into it a chunk at a time, and a view of it
 * is given.
 */
export const openBytes = (key: Uint8Array, stored: Uint8Array, aad: string, into?: Uint8Array): Buffer => {
  checkKey(key);
  const box = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (box.length < SEAL_OVERHEAD || !box.subarray(0, HEADER.length).equals(HEADER)) {
    throw new CodedError('CORRUPT', 'The encrypted data is damaged or was not written by Countersign.');
  }
  const nonce = box.subarray(HEADER.length, HEADER.length + NONCE_BYTES);
  const body = box.subarray(HEADER.length + NONCE_BYTES, box.length - TAG_BYTES);
  const tag = box.subarray(box.length - TAG_BYTES);
  if (into && into.length < body.length)
    throw new CodedError('INTERNAL', 'The buffer given for the decrypted bytes is too small.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([HEADER, Buffer.from(aad, 'utf8')]));
    decipher.setAuthTag(tag);
    if (into) {
      for (let at = 0; at < body.length; at += CHUNK_BYTES)
        into.set(decipher.update(body.subarray(at, at + CHUNK_BYTES)), at);
      decipher.final();
      return Buffer.from(into.buffer, into.byteOffset, body.length);
    }
    const plain = decipher.update(body);
    const rest = decipher.final();
    // GCM's final() authenticates and adds no bytes: a capture's megabytes are not copied a second time.
    return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
  } catch {
    throw new CodedError(
      'CORRUPT',
      'The encrypted data cannot be decrypted: it is damaged, belongs elsewhere, or the key is wrong.',
    );
  }
};

const damaged = (): CodedError =>
  new CodedError(
    'CORRUPT',
    'The encrypted data cannot be decrypted: it is damaged, belongs elsewhere, or the key is wrong.',
  );

/**
 * Opens a sealed box in chunks: the header, nonce and tag are read first, then the body is decrypted as it is read.
 * AES-GCM authenticates only at the end, so the last step throws if anything was altered.
 */
export async function* openChunks(
  key: Uint8Array,
  read: RangeReader,
  size: number,
  aad: string,
): AsyncGenerator<Uint8Array> {
  checkKey(key);
  if (size < SEAL_OVERHEAD) throw damaged();
  const head = Buffer.from(await read(0, HEADER.length + NONCE_BYTES));
  if (!head.subarray(0, HEADER.length).equals(HEADER)) throw damaged();
  const tag = Buffer.from(await read(size - TAG_BYTES, TAG_BYTES));
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(HEADER.length), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.concat([HEADER, Buffer.from(aad, 'utf8')]));
  decipher.setAuthTag(tag);
  // Each chunk is decrypted before the next is read, so one buffer takes them all.
  const scratch = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size));
  for await (const chunk of rangeChunks(read, HEADER.length + NONCE_BYTES, size - TAG_BYTES, scratch)) {
    yield decipher.update(chunk);
  }
  try {
    const last = decipher.final();
    if (last.length > 0) yield last;
  } catch {
    throw damaged();
  }
}

/**
 * The vault codec over a 32-byte data key; `context` (file name, incident) is the associated data. It keeps a private
 * copy of the key (a caller wiping or reusing its buffer cannot change it), which wipe() overwrites.
 */
export const aesGcmCodec = (dataKey: Uint8Array): VaultCodec & { wipe(): void } => {
  checkKey(dataKey);
  const key = new KeyBytes(dataKey);
  return {
    id: 'aes-256-gcm',
    fileOverhead: SEAL_OVERHEAD,
    encodeFile: (plain, context) => sealBytes(key.value, plain, `file\n${context}`),
    decodeFile: (stored, context, into) => openBytes(key.value, stored, `file\n${context}`, into),
    decodeFileChunks: (read, size, context) => openChunks(key.value, read, size, `file\n${context}`),
    encodeLine: (plain, context) =>
      sealBytes(key.value, Buffer.from(plain, 'utf8'), `line\n${context}`).toString('base64'),
    decodeLine: (stored, context) => {
      if (!BASE64_RE.test(stored) || stored.length % 4 !== 0)
        throw new CodedError('CORRUPT', 'The encrypted line is not valid base64: it is damaged.');
      return openBytes(key.value, Buffer.from(stored, 'base64'), `line\n${context}`).toString('utf8');
    },
    wipe: () => key.wipe(),
  };
};
