// The keyring's files under keys/: their names, their zod schemas, and reading them back with any damage named.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CodedError } from '@shared/result';
import { aesGcmCodec, KEY_BYTES, SEAL_OVERHEAD } from '../aes-codec';
import { nodeCrypto } from '../crypto';
import { ensureDir, syncDir, TEMP_PREFIX, writeAtomic } from '../durable';

export const KEYS_DIR = 'keys';
export const KEYRING_FILE = 'keyring.json';
export const STAFF_DIR = 'staff';
export const STAFF_LIST_FILE = 'staff.enc';
export const ACCESS_LOG_FILE = 'access.jsonl';

export const ID_RE = /^[0-9a-f]{32}$/;
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const SALT_BYTES = 16;
export const CHECK_BYTES = 16;
/**
 * An Ed25519 private key as PKCS#8 DER is always 48 bytes, so a cut-short wrap is caught before any passphrase is
 * tried.
 */
const PKCS8_ED25519_BYTES = 48;

const b64Bytes = (n: number) =>
  z.string().refine((s) => B64_RE.test(s) && Buffer.from(s, 'base64').length === n, {
    message: `must be ${n} bytes of base64`,
  });

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

const KdfSchema = z
  .object({
    alg: z.literal('scrypt'),
    salt: b64Bytes(SALT_BYTES),
    // Bounds keep a damaged file from asking for gigabytes; 2^10 lets tests run fast.
    N: z.number().refine((n) => isPowerOfTwo(n) && n >= 2 ** 10 && n <= 2 ** 20, {
      message: 'must be a power of two from 2^10 to 2^20',
    }),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  })
  .strict()
  .refine((k) => 128 * k.N * k.r * k.p <= 2 ** 29, { message: 'asks for more than 512 MiB of memory' });
export type Kdf = z.infer<typeof KdfSchema>;

const WrapFileSchema = z
  .object({
    format: z.literal('countersign-staff-key'),
    version: z.literal(1),
    id: z.string().regex(ID_RE),
    kdf: KdfSchema,
    check: b64Bytes(CHECK_BYTES),
    dataKey: b64Bytes(KEY_BYTES + SEAL_OVERHEAD),
    signingKey: b64Bytes(PKCS8_ED25519_BYTES + SEAL_OVERHEAD),
    publicKeyPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type WrapFile = z.infer<typeof WrapFileSchema>;

const KeyringFileSchema = z
  .object({
    format: z.literal('countersign-keyring'),
    version: z.literal(1),
    keyringId: z.string().regex(ID_RE),
    createdAt: z.string(),
    recovery: z
      .object({ kdf: KdfSchema, check: b64Bytes(CHECK_BYTES), dataKey: b64Bytes(KEY_BYTES + SEAL_OVERHEAD) })
      .strict(),
  })
  .strict();
export type KeyringFile = z.infer<typeof KeyringFileSchema>;

const PreviousKeySchema = z.object({
  publicKeyPem: z.string(),
  fingerprint: z.string(),
  retiredAt: z.string(),
  reason: z.literal('recovery'),
});

const StaffRecordSchema = z.object({
  /** Opaque and random: the only thing about a person that appears in clear on disk. */
  id: z.string().regex(ID_RE),
  name: z.string(),
  role: z.string(),
  publicKeyPem: z.string(),
  fingerprint: z.string(),
  createdAt: z.string(),
  removedAt: z.string().optional(),
  /** Signing keys this person used before a recovery, so that their earlier signatures still verify. */
  previousKeys: z.array(PreviousKeySchema),
});
export type StaffRecord = z.infer<typeof StaffRecordSchema>;

const StaffListSchema = z.object({
  format: z.literal('countersign-staff-list'),
  version: z.literal(1),
  staff: z.array(StaffRecordSchema),
});

/** A key file's name as messages give it, relative to the data folder. */
export const rel = (...parts: string[]): string => [KEYS_DIR, ...parts].join('/');

const parseJsonFile = <T>(bytes: Buffer, schema: z.ZodType<T>, name: string): T => {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CodedError('CORRUPT', `The key file ${name} is damaged: it is not complete JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CodedError(
      'CORRUPT',
      `The key file ${name} is damaged: ${issue?.path.join('.') || '(file)'} ${issue?.message ?? 'is invalid'}.`,
    );
  }
  return parsed.data;
};

export const readKeyFile = async (path: string, name: string): Promise<Buffer> => {
  try {
    return await readFile(path);
  } catch {
    throw new CodedError('CORRUPT', `The key file ${name} is missing.`);
  }
};

export const jsonBytes = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

const staffListContext = (keyringId: string): string => `keyring:${keyringId}:staff`;

/** The staff list, decrypted with the data key; CORRUPT, naming staff.enc, if it is missing or damaged. */
export const readStaffList = async (keysDir: string, keyringId: string, dataKey: Buffer): Promise<StaffRecord[]> => {
  const name = rel(STAFF_LIST_FILE);
  const stored = await readKeyFile(join(keysDir, STAFF_LIST_FILE), name);
  let plain: Buffer;
  const codec = aesGcmCodec(dataKey);
  try {
    plain = Buffer.from(codec.decodeFile(stored, staffListContext(keyringId)));
  } catch {
    throw new CodedError('CORRUPT', `The key file ${name} is damaged: the staff list cannot be decrypted.`);
  } finally {
    codec.wipe();
  }
  return parseJsonFile(plain, StaffListSchema, name).staff;
};

export const writeStaffList = async (
  keysDir: string,
  keyringId: string,
  dataKey: Buffer,
  staff: StaffRecord[],
): Promise<void> => {
  const plain = jsonBytes({ format: 'countersign-staff-list', version: 1, staff });
  const codec = aesGcmCodec(dataKey);
  let sealed: Uint8Array;
  try {
    sealed = codec.encodeFile(plain, staffListContext(keyringId));
  } finally {
    codec.wipe();
  }
  await writeAtomic(join(keysDir, STAFF_LIST_FILE), sealed);
};

export const writeWrapFile = (keysDir: string, wrap: WrapFile): Promise<void> =>
  writeAtomic(join(keysDir, STAFF_DIR, `${wrap.id}.json`), jsonBytes(wrap));

/**
 * Reads keyring.json and every person's wrap, and checks staff.enc is there and not cut short. No keyring is
 * NOT_FOUND; a missing, damaged or cut-short key file is CORRUPT, naming the file.
 */
export const readKeyFiles = async (dataDir: string): Promise<{ info: KeyringFile; wraps: Map<string, WrapFile> }> => {
  const keysDir = join(dataDir, KEYS_DIR);
  let infoBytes: Buffer;
  try {
    infoBytes = await readFile(join(keysDir, KEYRING_FILE));
  } catch {
    throw new CodedError('NOT_FOUND', `There is no keyring in ${dataDir}.`);
  }
  const info = parseJsonFile(infoBytes, KeyringFileSchema, rel(KEYRING_FILE));
  const wraps = new Map<string, WrapFile>();
  const names = (await readdir(join(keysDir, STAFF_DIR)).catch(() => [])).filter((n) => n.endsWith('.json')).sort();
  for (const n of names) {
    const name = rel(STAFF_DIR, n);
    const wrap = parseJsonFile(await readFile(join(keysDir, STAFF_DIR, n)), WrapFileSchema, name);
    if (`${wrap.id}.json` !== n)
      throw new CodedError('CORRUPT', `The key file ${name} is damaged: it names another person's keys.`);
    let fingerprint = '';
    try {
      fingerprint = nodeCrypto.fingerprint(wrap.publicKeyPem);
    } catch {
      fingerprint = '';
    }
    if (fingerprint !== wrap.fingerprint)
      throw new CodedError(
        'CORRUPT',
        `The key file ${name} is damaged: its public key does not match its fingerprint.`,
      );
    wraps.set(wrap.id, wrap);
  }
  if (wraps.size === 0) throw new CodedError('CORRUPT', `The key files in ${rel(STAFF_DIR)} are missing.`);
  const list = await readKeyFile(join(keysDir, STAFF_LIST_FILE), rel(STAFF_LIST_FILE));
  if (list.length < SEAL_OVERHEAD)
    throw new CodedError('CORRUPT', `The key file ${rel(STAFF_LIST_FILE)} is damaged: it is cut short.`);
  return { info, wraps };
};

/**
 * A private folder beside keys/ to build a new keyring in. Refuses if keys/ has anything in it: that may be the only
 * way into existing evidence.
 */
export const newKeysFolder = async (dataDir: string): Promise<string> => {
  await ensureDir(dataDir);
  const existing = await readdir(join(dataDir, KEYS_DIR)).catch(() => []);
  if (existing.length > 0)
    throw new CodedError('INVALID_INPUT', `${dataDir} already has a ${KEYS_DIR} folder (${existing.join(', ')}).`);
  // Left by a set-up that stopped part-way; nothing was ever encrypted under those keys.
  for (const n of await readdir(dataDir)) {
    if (n.startsWith(`${TEMP_PREFIX}${KEYS_DIR}-`)) await rm(join(dataDir, n), { recursive: true, force: true });
  }
  const tmp = join(dataDir, `${TEMP_PREFIX}${KEYS_DIR}-${randomBytes(8).toString('hex')}`);
  await ensureDir(join(tmp, STAFF_DIR));
  return tmp;
};

/** Moves a finished keyring folder into place as keys/ in one rename, so set-up is all or nothing. */
export const moveKeysIntoPlace = async (dataDir: string, tmp: string): Promise<void> => {
  await syncDir(join(tmp, STAFF_DIR));
  await syncDir(tmp);
  const keysDir = join(dataDir, KEYS_DIR);
  // An empty keys/ goes first (Windows will not rename onto a folder); rmdir refuses if anything appeared meanwhile.
  await rmdir(keysDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await rename(tmp, keysDir);
  await syncDir(dataDir);
};
