// The vault's keys (DESIGN 4.4): the data key wrapped per member of staff and under a recovery code, each person's
// signing key, and the access log.
import { createPrivateKey, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { open, readdir, readFile, rename, rm, rmdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, GENESIS } from '@shared/evidence/chain';
import { CodedError, fail, ok, type Result } from '@shared/result';
import { aesGcmCodec, KEY_BYTES, openBytes, SEAL_OVERHEAD, sealBytes } from '../aes-codec';
import type { Clock } from '../clock';
import type { VaultCodec } from '../codec';
import { generateSigningKey, nodeCrypto, sha256Hex, signerFromPrivatePem, type Signer } from '../crypto';
import { appendDurable, ensureDir, syncDir, TEMP_PREFIX, writeAtomic } from '../durable';
import { checkNewPassphrase, normalisePassphrase } from '../passphrase';

export const KEYS_DIR = 'keys';
export const KEYRING_FILE = 'keyring.json';
export const STAFF_DIR = 'staff';
export const STAFF_LIST_FILE = 'staff.enc';
export const ACCESS_LOG_FILE = 'access.jsonl';

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

export interface KeyringDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Cost of new wraps; tests lower it, everything else leaves it out and gets DEFAULT_SCRYPT. */
  scrypt?: ScryptParams;
}

export const systemSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before the next passphrase attempt after `failures` failures in a row: 0, 0, 1, 2, 4, 8 … s, at most 60 s. */
export const delayAfterFailures = (failures: number): number =>
  failures < 2 ? 0 : Math.min(60_000, 1000 * 2 ** Math.min(failures - 2, 16));

// ---- recovery code -------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_BYTES = 25;
const RECOVERY_CHARS = (RECOVERY_BYTES * 8) / 5;

const toCrockford = (bytes: Uint8Array): string => {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
};

/** 200 random bits as 40 Crockford base32 characters: the canonical form, from which its key is derived. */
const newRecoverySecret = (): string => toCrockford(randomBytes(RECOVERY_BYTES));

/** As printed for the school safe: 8 groups of 5, joined by dashes. */
export const formatRecoveryCode = (canonical: string): string => (canonical.match(/.{1,5}/g) ?? []).join('-');

/** The canonical form of a typed recovery code: any case, spaces or dashes; O read as 0, I and L as 1 (Crockford). */
export const parseRecoveryCode = (typed: string): Result<string> => {
  const c = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (c.length !== RECOVERY_CHARS || [...c].some((ch) => !CROCKFORD.includes(ch))) {
    return fail(
      'INVALID_INPUT',
      `A recovery code has ${RECOVERY_CHARS} letters and numbers, in 8 groups of 5. Check it against the printed copy.`,
    );
  }
  return ok(c);
};

// ---- files on disk --------------------------------------------------------------------------------

const ID_RE = /^[0-9a-f]{32}$/;
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
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
type Kdf = z.infer<typeof KdfSchema>;

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
type WrapFile = z.infer<typeof WrapFileSchema>;

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
type KeyringFile = z.infer<typeof KeyringFileSchema>;

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

export const ACCESS_EVENTS = [
  'keyring.created',
  'staff.added',
  'staff.removed',
  'unlock.succeeded',
  'unlock.failed',
  'authenticate.succeeded',
  'authenticate.failed',
  'passphrase.changed',
  'passphrase-change.failed',
  'recovery.opened',
  'recovery.used',
  'recovery.failed',
  'log.torn-tail-removed',
] as const;
export type AccessEvent = (typeof ACCESS_EVENTS)[number];

const AccessEntrySchema = z
  .object({
    seq: z.number().int().min(0),
    at: z.string(),
    event: z.enum(ACCESS_EVENTS),
    staffId: z.string().regex(ID_RE).nullable(),
    approvedBy: z.array(z.string().regex(ID_RE)),
    failures: z.number().int().min(0),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AccessEntry = z.infer<typeof AccessEntrySchema>;

/** The access log's hash: the same scheme as the incident journal (previous hash, newline, canonical JSON). */
export const accessEntryHash = (entry: Omit<AccessEntry, 'hash'>): string =>
  sha256Hex(`${entry.prev}\n${canonicalJson(entry)}`);

const rel = (...parts: string[]): string => [KEYS_DIR, ...parts].join('/');

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

const readKeyFile = async (path: string, name: string): Promise<Buffer> => {
  try {
    return await readFile(path);
  } catch {
    throw new CodedError('CORRUPT', `The key file ${name} is missing.`);
  }
};

const jsonBytes = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

// ---- key derivation and wrapping ------------------------------------------------------------------

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

const staffListContext = (keyringId: string): string => `keyring:${keyringId}:staff`;

const pemToPkcs8 = (pem: string): Buffer => createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
const pkcs8ToPem = (der: Buffer): string =>
  createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();

const wrapForStaff = async (
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

interface OpenedWrap {
  wrap: WrapFile;
  dataKey: Buffer;
  pkcs8: Buffer;
  signer: Signer;
}

/** Opens one person's wrap with a passphrase: undefined if it is not theirs, CORRUPT if it is theirs but damaged. */
const openWrap = async (keyringId: string, wrap: WrapFile, passphrase: string): Promise<OpenedWrap | undefined> => {
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
      signer = signerFromPrivatePem(pkcs8ToPem(pkcs8));
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

// ---- names --------------------------------------------------------------------------------------

export interface NewStaff {
  name: string;
  role: string;
  passphrase: string;
}

const tidy = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ');
const personKey = (name: string, role: string): string => `${tidy(name).toLowerCase()}\n${tidy(role).toLowerCase()}`;
const CONTROL_RE = /\p{Cc}/u;

/** Checks a new member's details; gives back the tidied name and role and the passphrase's normal form. */
const checkNewStaff = (m: NewStaff): Result<NewStaff> => {
  const name = tidy(m.name);
  const role = tidy(m.role);
  if (name.length === 0 || name.length > 120 || CONTROL_RE.test(name))
    return fail('INVALID_INPUT', "Enter the person's name (up to 120 characters).");
  if (role.length === 0 || role.length > 120 || CONTROL_RE.test(role))
    return fail('INVALID_INPUT', `Enter ${name}'s role or position (up to 120 characters).`);
  const p = checkNewPassphrase(m.passphrase, [name, role]);
  if (!p.ok) return fail(p.error.code, `${name}: ${p.error.message}`);
  return ok({ name, role, passphrase: p.value });
};

// ---- the access log -------------------------------------------------------------------------------

interface LogHead {
  seq: number;
  hash: string;
  failures: number;
}

/** Appends one entry to the access log and fsyncs it before returning; gives the new head. */
const appendAccess = async (
  path: string,
  head: LogHead,
  fields: { at: string; event: AccessEvent; staffId: string | null; failures: number; approvedBy: string[] },
): Promise<LogHead> => {
  const unsealed = {
    seq: head.seq + 1,
    at: fields.at,
    event: fields.event,
    staffId: fields.staffId,
    approvedBy: fields.approvedBy,
    failures: fields.failures,
    prev: head.hash,
  };
  const hash = accessEntryHash(unsealed);
  await appendDurable(path, Buffer.from(`${JSON.stringify({ ...unsealed, hash })}\n`, 'utf8'));
  return { seq: unsealed.seq, hash, failures: fields.failures };
};

/**
 * Reads and checks the access log; a broken chain is CORRUPT (someone edited it), a torn last line is returned to
 * repair.
 */
const readAccessLog = async (path: string): Promise<{ head: LogHead; completeBytes: number; torn: boolean }> => {
  const name = rel(ACCESS_LOG_FILE);
  const raw = await readKeyFile(path, name);
  const completeBytes = raw.lastIndexOf(0x0a) + 1;
  const body = raw.subarray(0, completeBytes).toString('utf8');
  const lines = body.length === 0 ? [] : body.slice(0, -1).split('\n');
  let head: LogHead = { seq: -1, hash: GENESIS, failures: 0 };
  lines.forEach((line, i) => {
    let entry: AccessEntry;
    try {
      entry = AccessEntrySchema.parse(JSON.parse(line));
    } catch {
      throw new CodedError('CORRUPT', `The access log ${name} is damaged at line ${i + 1}.`);
    }
    const { hash, ...rest } = entry;
    if (entry.seq !== head.seq + 1 || entry.prev !== head.hash || accessEntryHash(rest) !== hash) {
      throw new CodedError(
        'CORRUPT',
        `The access log ${name} has been altered at line ${i + 1}: its hash chain is broken.`,
      );
    }
    head = { seq: entry.seq, hash, failures: entry.failures };
  });
  return { head, completeBytes, torn: completeBytes < raw.length };
};

// ---- the keyring --------------------------------------------------------------------------------

interface Unlocked {
  dataKey: Buffer;
  staff: StaffRecord[];
}

const active = (staff: readonly StaffRecord[]): StaffRecord[] => staff.filter((s) => s.removedAt === undefined);

const LOCKED = 'Unlock the vault first.';
const WRONG = 'That passphrase is not right. Check that Caps Lock is off and try again.';

export class Keyring {
  private queue: Promise<unknown> = Promise.resolve();
  private unlocked: Unlocked | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly info: KeyringFile,
    private readonly wraps: Map<string, WrapFile>,
    private log: LogHead,
    private readonly deps: KeyringDeps,
  ) {}

  get keyringId(): string {
    return this.info.keyringId;
  }

  get isUnlocked(): boolean {
    return this.unlocked !== undefined;
  }

  /** Consecutive failed attempts, as recorded in the access log (survives restarts). */
  get failures(): number {
    return this.log.failures;
  }

  private get keysDir(): string {
    return join(this.dataDir, KEYS_DIR);
  }

  private get params(): ScryptParams {
    return this.deps.scrypt ?? DEFAULT_SCRYPT;
  }

  /** One operation at a time, so attempts cannot race past the delay and log lines stay in order. */
  private serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = this.queue.then(async () => {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof CodedError) return fail<T>(e.code, e.message);
        throw e;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async record(
    event: AccessEvent,
    staffId: string | null,
    failures: number,
    approvedBy: string[] = [],
  ): Promise<void> {
    this.log = await appendAccess(join(this.keysDir, ACCESS_LOG_FILE), this.log, {
      at: this.deps.clock.now().toISOString(),
      event,
      staffId,
      failures,
      approvedBy,
    });
  }

  private async throttle(): Promise<void> {
    const ms = delayAfterFailures(this.log.failures);
    if (ms > 0) await this.deps.sleep(ms);
  }

  private async failed<T>(event: AccessEvent, message: string): Promise<Result<T>> {
    await this.record(event, null, this.log.failures + 1);
    return fail('BAD_PASSPHRASE', message);
  }

  private sortedWraps(only?: ReadonlySet<string>): WrapFile[] {
    return [...this.wraps.values()].filter((w) => !only || only.has(w.id)).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Tries the passphrase against each wrap in turn (each has its own salt). */
  private async findWrap(passphrase: string, only?: ReadonlySet<string>): Promise<OpenedWrap | undefined> {
    for (const wrap of this.sortedWraps(only)) {
      const opened = await openWrap(this.info.keyringId, wrap, passphrase);
      if (opened) return opened;
    }
    return undefined;
  }

  private async readStaffList(dataKey: Buffer): Promise<StaffRecord[]> {
    const name = rel(STAFF_LIST_FILE);
    const stored = await readKeyFile(join(this.keysDir, STAFF_LIST_FILE), name);
    let plain: Buffer;
    try {
      plain = Buffer.from(aesGcmCodec(dataKey).decodeFile(stored, staffListContext(this.info.keyringId)));
    } catch {
      throw new CodedError('CORRUPT', `The key file ${name} is damaged: the staff list cannot be decrypted.`);
    }
    return parseJsonFile(plain, StaffListSchema, name).staff;
  }

  private async writeStaffList(dataKey: Buffer, staff: StaffRecord[]): Promise<void> {
    const plain = jsonBytes({ format: 'countersign-staff-list', version: 1, staff });
    await writeAtomic(
      join(this.keysDir, STAFF_LIST_FILE),
      aesGcmCodec(dataKey).encodeFile(plain, staffListContext(this.info.keyringId)),
    );
  }

  private async writeWrap(wrap: WrapFile): Promise<void> {
    await writeAtomic(join(this.keysDir, STAFF_DIR, `${wrap.id}.json`), jsonBytes(wrap));
    this.wraps.set(wrap.id, wrap);
  }

  /** The person a wrap belongs to, checked against the staff list. */
  private recordFor(opened: OpenedWrap, staff: readonly StaffRecord[]): StaffRecord | undefined {
    const rec = active(staff).find((s) => s.id === opened.wrap.id);
    if (rec && rec.fingerprint !== opened.wrap.fingerprint) {
      throw new CodedError(
        'CORRUPT',
        `The key file ${rel(STAFF_DIR, `${opened.wrap.id}.json`)} does not match the staff list. Use the ` +
          `recovery code to set this person up again.`,
      );
    }
    return rec;
  }

  private setUnlocked(dataKey: Buffer, staff: StaffRecord[]): VaultCodec {
    this.unlocked?.dataKey.fill(0);
    this.unlocked = { dataKey, staff };
    return aesGcmCodec(dataKey);
  }

  /** Unlocks the vault with any registered person's passphrase; gives that person and the vault codec. */
  unlock(passphrase: string): Promise<Result<{ staff: StaffRecord; codec: VaultCodec }>> {
    return this.serial(async () => {
      const p = normalisePassphrase(passphrase);
      if (p.length === 0) return fail('INVALID_INPUT', 'Enter your passphrase.');
      await this.throttle();
      const opened = await this.findWrap(p);
      const staff = opened ? await this.readStaffList(opened.dataKey) : [];
      const rec = opened ? this.recordFor(opened, staff) : undefined;
      if (!opened || !rec) {
        opened?.dataKey.fill(0);
        return this.failed('unlock.failed', WRONG);
      }
      opened.pkcs8.fill(0);
      const codec = this.setUnlocked(opened.dataKey, staff);
      await this.record('unlock.succeeded', rec.id, 0);
      return ok({ staff: rec, codec });
    });
  }

  /** Forgets the data key; everything but unlock, change of passphrase and recovery then refuses. */
  lock(): void {
    this.unlocked?.dataKey.fill(0);
    this.unlocked = undefined;
  }

  private async authenticateNow(passphrase: string): Promise<Result<{ staff: StaffRecord; signer: Signer }>> {
    if (!this.unlocked) return fail('PROCEDURE_FORBIDS', LOCKED);
    const p = normalisePassphrase(passphrase);
    if (p.length === 0) return fail('INVALID_INPUT', 'Enter your passphrase.');
    await this.throttle();
    const { dataKey, staff } = this.unlocked;
    const opened = await this.findWrap(p, new Set(active(staff).map((s) => s.id)));
    const rec = opened ? this.recordFor(opened, staff) : undefined;
    if (!opened || !rec) return this.failed('authenticate.failed', WRONG);
    const same = timingSafeEqual(opened.dataKey, dataKey);
    opened.dataKey.fill(0);
    opened.pkcs8.fill(0);
    if (!same)
      throw new CodedError(
        'CORRUPT',
        `The key file ${rel(STAFF_DIR, `${rec.id}.json`)} holds a key for another vault.`,
      );
    await this.record('authenticate.succeeded', rec.id, 0);
    return ok({ staff: rec, signer: opened.signer });
  }

  /** A registered person proves they are present (start and sign-off); needs the vault unlocked. */
  authenticate(passphrase: string): Promise<Result<{ staff: StaffRecord; signer: Signer }>> {
    return this.serial(() => this.authenticateNow(passphrase));
  }

  /** Two different registered people authenticate; gives their ids. */
  private async twoPeople(approvals: readonly [string, string]): Promise<Result<[string, string]>> {
    const a = await this.authenticateNow(approvals[0]);
    if (!a.ok) return a;
    const b = await this.authenticateNow(approvals[1]);
    if (!b.ok) return b;
    if (a.value.staff.id === b.value.staff.id) {
      return fail(
        'SAME_PERSON',
        'Both approvals came from the same person. Two different ' +
          'registered members of staff must each enter their passphrase.',
      );
    }
    return ok([a.value.staff.id, b.value.staff.id]);
  }

  /** Refuses a new passphrase that already opens someone's keys: two people must never share one. */
  private async passphraseInUse(passphrase: string, except?: string): Promise<boolean> {
    const others = new Set([...this.wraps.keys()].filter((id) => id !== except));
    const opened = await this.findWrap(passphrase, others);
    opened?.dataKey.fill(0);
    return opened !== undefined;
  }

  /** The registered staff (not those removed); needs the vault unlocked. */
  staffList(): Result<StaffRecord[]> {
    if (!this.unlocked) return fail('PROCEDURE_FORBIDS', LOCKED);
    return ok(active(this.unlocked.staff));
  }

  /** Registers a new member of staff, approved by two different registered people. */
  addStaff(member: NewStaff, approvals: readonly [string, string]): Promise<Result<StaffRecord>> {
    return this.serial(async () => {
      if (!this.unlocked) return fail('PROCEDURE_FORBIDS', LOCKED);
      const m = checkNewStaff(member);
      if (!m.ok) return m;
      const key = personKey(m.value.name, m.value.role);
      if (active(this.unlocked.staff).some((s) => personKey(s.name, s.role) === key)) {
        return fail('SAME_PERSON', `${m.value.name} (${m.value.role}) is already registered.`);
      }
      const approved = await this.twoPeople(approvals);
      if (!approved.ok) return approved;
      if (await this.passphraseInUse(m.value.passphrase))
        return fail('INVALID_INPUT', 'Choose a different passphrase: this one cannot be used.');
      const { dataKey, staff } = this.unlocked;
      const id = randomBytes(16).toString('hex');
      const { privatePem, signer } = generateSigningKey();
      const pkcs8 = pemToPkcs8(privatePem);
      // The wrap first: if the app stops before the list is written, the wrap belongs to no one and opens nothing.
      await this.writeWrap(
        await wrapForStaff(this.info.keyringId, id, m.value.passphrase, this.params, dataKey, pkcs8, signer),
      );
      const rec: StaffRecord = {
        id,
        name: m.value.name,
        role: m.value.role,
        publicKeyPem: signer.publicKeyPem,
        fingerprint: signer.fingerprint,
        createdAt: this.deps.clock.now().toISOString(),
        previousKeys: [],
      };
      const next = [...staff, rec];
      await this.writeStaffList(dataKey, next);
      this.unlocked.staff = next;
      await this.record('staff.added', id, 0, approved.value);
      return ok(rec);
    });
  }

  /** Removes a member of staff (their record stays, marked removed, for the history); never below two. */
  removeStaff(id: string, approvals: readonly [string, string]): Promise<Result<StaffRecord>> {
    return this.serial(async () => {
      if (!this.unlocked) return fail('PROCEDURE_FORBIDS', LOCKED);
      const current = active(this.unlocked.staff);
      const target = current.find((s) => s.id === id);
      if (!target) return fail('NOT_FOUND', 'That person is not registered.');
      if (current.length <= 2) {
        return fail(
          'INVALID_INPUT',
          'Countersign needs at least two registered members of ' +
            'staff. Register someone else before removing this person.',
        );
      }
      const approved = await this.twoPeople(approvals);
      if (!approved.ok) return approved;
      const removed: StaffRecord = { ...target, removedAt: this.deps.clock.now().toISOString() };
      const next = this.unlocked.staff.map((s) => (s.id === id ? removed : s));
      // The list first: if the app stops before the wrap is deleted, the record already refuses it.
      await this.writeStaffList(this.unlocked.dataKey, next);
      this.unlocked.staff = next;
      await rm(join(this.keysDir, STAFF_DIR, `${id}.json`), { force: true });
      await syncDir(join(this.keysDir, STAFF_DIR));
      this.wraps.delete(id);
      await this.record('staff.removed', id, 0, approved.value);
      return ok(removed);
    });
  }

  /** A person changes their own passphrase: only their wrap file is rewritten; nothing else is re-encrypted. */
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<Result<StaffRecord>> {
    return this.serial(async () => {
      const oldP = normalisePassphrase(oldPassphrase);
      if (oldP.length === 0) return fail('INVALID_INPUT', 'Enter your current passphrase.');
      const first = checkNewPassphrase(newPassphrase);
      if (!first.ok) return first;
      if (first.value === oldP) return fail('INVALID_INPUT', 'The new passphrase is the same as the old one.');
      await this.throttle();
      const opened = await this.findWrap(oldP);
      const staff = opened ? await this.readStaffList(opened.dataKey) : [];
      const rec = opened ? this.recordFor(opened, staff) : undefined;
      if (!opened || !rec) {
        opened?.dataKey.fill(0);
        return this.failed('passphrase-change.failed', WRONG);
      }
      const newP = checkNewPassphrase(newPassphrase, [rec.name, rec.role]);
      if (!newP.ok) return newP;
      if (await this.passphraseInUse(newP.value, rec.id))
        return fail('INVALID_INPUT', 'Choose a different passphrase: this one cannot be used.');
      await this.writeWrap(
        await wrapForStaff(
          this.info.keyringId,
          rec.id,
          newP.value,
          this.params,
          opened.dataKey,
          opened.pkcs8,
          opened.signer,
        ),
      );
      opened.pkcs8.fill(0);
      opened.dataKey.fill(0);
      await this.record('passphrase.changed', rec.id, 0);
      return ok(rec);
    });
  }

  private async openRecovery(
    code: string,
    failEvent: AccessEvent,
  ): Promise<Result<{ dataKey: Buffer; staff: StaffRecord[] }>> {
    const c = parseRecoveryCode(code);
    if (!c.ok) return c;
    await this.throttle();
    const { recovery } = this.info;
    const keks = await deriveKeks(c.value, recovery.kdf);
    try {
      if (!checkMatches(keks, recovery.check))
        return this.failed(failEvent, 'That recovery code does not open this vault.');
      let dataKey: Buffer;
      try {
        dataKey = openBytes(
          keks.dataKey,
          Buffer.from(recovery.dataKey, 'base64'),
          aad(this.info.keyringId, 'recovery-data-key'),
        );
      } catch {
        throw new CodedError(
          'CORRUPT',
          `The key file ${rel(KEYRING_FILE)} is damaged: the recovery code is right but the key cannot be opened.`,
        );
      }
      return ok({ dataKey, staff: await this.readStaffList(dataKey) });
    } finally {
      wipe(keks);
    }
  }

  /** With the recovery code, the registered staff (to choose whose passphrase to reset); does not unlock. */
  recoveryStaffList(recoveryCode: string): Promise<Result<StaffRecord[]>> {
    return this.serial(async () => {
      const r = await this.openRecovery(recoveryCode, 'recovery.failed');
      if (!r.ok) return r;
      r.value.dataKey.fill(0);
      await this.record('recovery.opened', null, 0);
      return ok(active(r.value.staff));
    });
  }

  /**
   * With the recovery code, gives a person who forgot their passphrase a new one, and unlocks the vault.
   * Their old signing key was encrypted only under the old passphrase (the recovery code must not let
   * anyone sign as someone else), so they get a new signing key; the old public key stays in their record.
   */
  recover(
    recoveryCode: string,
    staffId: string,
    newPassphrase: string,
  ): Promise<Result<{ staff: StaffRecord; codec: VaultCodec }>> {
    return this.serial(async () => {
      const first = checkNewPassphrase(newPassphrase);
      if (!first.ok) return first;
      const r = await this.openRecovery(recoveryCode, 'recovery.failed');
      if (!r.ok) return r;
      const { dataKey, staff } = r.value;
      const target = active(staff).find((s) => s.id === staffId);
      if (!target) return fail('NOT_FOUND', 'That person is not registered.');
      const newP = checkNewPassphrase(newPassphrase, [target.name, target.role]);
      if (!newP.ok) return newP;
      if (await this.passphraseInUse(newP.value, staffId))
        return fail('INVALID_INPUT', 'Choose a different passphrase: this one cannot be used.');
      const { privatePem, signer } = generateSigningKey();
      const now = this.deps.clock.now().toISOString();
      const updated: StaffRecord = {
        ...target,
        publicKeyPem: signer.publicKeyPem,
        fingerprint: signer.fingerprint,
        previousKeys: [
          ...target.previousKeys,
          { publicKeyPem: target.publicKeyPem, fingerprint: target.fingerprint, retiredAt: now, reason: 'recovery' },
        ],
      };
      const next = staff.map((s) => (s.id === staffId ? updated : s));
      await this.writeStaffList(dataKey, next);
      await this.writeWrap(
        await wrapForStaff(
          this.info.keyringId,
          staffId,
          newP.value,
          this.params,
          dataKey,
          pemToPkcs8(privatePem),
          signer,
        ),
      );
      const codec = this.setUnlocked(dataKey, next);
      await this.record('recovery.used', staffId, 0);
      return ok({ staff: updated, codec });
    });
  }

  /** Sets up the keyring in a private folder and moves it into place in one rename, so set-up is all or nothing. */
  static async create(dataDir: string, members: readonly NewStaff[], deps: KeyringDeps): Promise<CreatedKeyring> {
    if (members.length < 2)
      throw new CodedError(
        'INVALID_INPUT',
        'Register at least two members of staff: every investigation needs two people.',
      );
    const checked: NewStaff[] = [];
    for (const m of members) {
      const c = checkNewStaff(m);
      if (!c.ok) throw new CodedError(c.error.code, c.error.message);
      if (checked.some((o) => personKey(o.name, o.role) === personKey(c.value.name, c.value.role))) {
        throw new CodedError(
          'SAME_PERSON',
          `${c.value.name} (${c.value.role}) is listed twice. Each person registers once.`,
        );
      }
      if (checked.some((o) => o.passphrase === c.value.passphrase)) {
        throw new CodedError(
          'SAME_PERSON',
          `${c.value.name} has the same passphrase as someone else. Each person needs their own.`,
        );
      }
      checked.push(c.value);
    }
    await ensureDir(dataDir);
    const keysDir = join(dataDir, KEYS_DIR);
    // Anything already in keys/ may be the only way into existing evidence: never overwrite it.
    const existing = await readdir(keysDir).catch(() => []);
    if (existing.length > 0)
      throw new CodedError('INVALID_INPUT', `${dataDir} already has a ${KEYS_DIR} folder (${existing.join(', ')}).`);
    // Left by a set-up that stopped part-way; nothing was ever encrypted under those keys.
    for (const n of await readdir(dataDir)) {
      if (n.startsWith(`${TEMP_PREFIX}${KEYS_DIR}-`)) await rm(join(dataDir, n), { recursive: true, force: true });
    }
    const tmp = join(dataDir, `${TEMP_PREFIX}${KEYS_DIR}-${randomBytes(8).toString('hex')}`);
    await ensureDir(join(tmp, STAFF_DIR));

    const params = deps.scrypt ?? DEFAULT_SCRYPT;
    const keyringId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const secret = newRecoverySecret();
    const recoveryKdf = newKdf(params);
    const rk = await deriveKeks(secret, recoveryKdf);
    const createdAt = deps.clock.now().toISOString();
    const info: KeyringFile = {
      format: 'countersign-keyring',
      version: 1,
      keyringId,
      createdAt,
      recovery: {
        kdf: recoveryKdf,
        check: rk.check.toString('base64'),
        dataKey: sealBytes(rk.dataKey, dataKey, aad(keyringId, 'recovery-data-key')).toString('base64'),
      },
    };
    wipe(rk);
    const staff: StaffRecord[] = [];
    const wraps = new Map<string, WrapFile>();
    for (const m of checked) {
      const id = randomBytes(16).toString('hex');
      const { privatePem, signer } = generateSigningKey();
      const wrap = await wrapForStaff(keyringId, id, m.passphrase, params, dataKey, pemToPkcs8(privatePem), signer);
      await writeAtomic(join(tmp, STAFF_DIR, `${id}.json`), jsonBytes(wrap));
      wraps.set(id, wrap);
      staff.push({
        id,
        name: m.name,
        role: m.role,
        publicKeyPem: signer.publicKeyPem,
        fingerprint: signer.fingerprint,
        createdAt,
        previousKeys: [],
      });
    }
    const listPlain = jsonBytes({ format: 'countersign-staff-list', version: 1, staff });
    await writeAtomic(
      join(tmp, STAFF_LIST_FILE),
      aesGcmCodec(dataKey).encodeFile(listPlain, staffListContext(keyringId)),
    );
    await writeAtomic(join(tmp, KEYRING_FILE), jsonBytes(info));
    const logPath = join(tmp, ACCESS_LOG_FILE);
    let log = await appendAccess(
      logPath,
      { seq: -1, hash: GENESIS, failures: 0 },
      { at: createdAt, event: 'keyring.created', staffId: null, failures: 0, approvedBy: [] },
    );
    for (const s of staff)
      log = await appendAccess(logPath, log, {
        at: createdAt,
        event: 'staff.added',
        staffId: s.id,
        failures: 0,
        approvedBy: [],
      });
    await syncDir(join(tmp, STAFF_DIR));
    await syncDir(tmp);
    // An empty keys/ goes first (Windows will not rename onto a folder); rmdir refuses if anything appeared meanwhile.
    await rmdir(keysDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(tmp, keysDir);
    await syncDir(dataDir);

    const keyring = new Keyring(dataDir, info, wraps, log, deps);
    const codec = keyring.setUnlocked(dataKey, staff);
    return { keyring, recoveryCode: formatRecoveryCode(secret), staff, codec };
  }

  /** Opens the keyring, locked. A missing, damaged or cut-short key file is CORRUPT, naming the file. */
  static async open(dataDir: string, deps: KeyringDeps): Promise<Keyring> {
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
    const logPath = join(keysDir, ACCESS_LOG_FILE);
    const { head, completeBytes, torn } = await readAccessLog(logPath);
    const keyring = new Keyring(dataDir, info, wraps, head, deps);
    if (torn) {
      // The app stopped while writing the last line. That attempt's outcome is unknown, so it counts as a failure.
      await truncate(logPath, completeBytes);
      const h = await open(logPath, 'r+');
      try {
        await h.sync();
      } finally {
        await h.close();
      }
      await keyring.record('log.torn-tail-removed', null, head.failures + 1);
    }
    return keyring;
  }
}

export interface CreatedKeyring {
  keyring: Keyring;
  /** Shown once, to print for the school safe; never stored in clear. */
  recoveryCode: string;
  staff: StaffRecord[];
  /** Set-up leaves the keyring unlocked; this is the codec for the new vault. */
  codec: VaultCodec;
}

/** Sets up the keyring for a new vault with at least two registered members of staff. Throws CodedError. */
export const createKeyring = (
  dataDir: string,
  members: readonly NewStaff[],
  deps: KeyringDeps,
): Promise<CreatedKeyring> => Keyring.create(dataDir, members, deps);

/** Opens the keyring, locked. Throws CodedError: NOT_FOUND, or CORRUPT naming the damaged file. */
export const openKeyring = (dataDir: string, deps: KeyringDeps): Promise<Keyring> => Keyring.open(dataDir, deps);
