// The vault: the app's data folder, one folder per incident, content-addressed evidence files, and the device key.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { keptEvidenceFiles } from '@shared/evidence/page-record';
import type { IncidentState } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import type { VaultCodec } from './codec';
import {
  generateSigningKey,
  nodeCrypto,
  pemOfPkcs8,
  pkcs8FromPem,
  sha256Hex,
  signerFromPkcs8,
  type Signer,
} from './crypto';
import { ensureDir, syncDir, TEMP_PREFIX, writeAtomic } from './durable';
import { osMachineId, type MachineId } from './machine-id';
import { HeadLedger } from './head-ledger';
import { Journal, loadJournal, refusalIsInternal } from './journal';
import type { ReadBuffer } from './read-buffer';

export const VAULT_FILE = 'vault.json';
export const INCIDENTS_DIR = 'incidents';
export const FILES_DIR = 'files';
const DEVICE_KEY_FILE = join('keys', 'device.key');

const VaultInfoSchema = z.object({
  format: z.literal('countersign-vault'),
  version: z.literal(1),
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  codec: z.string(),
  devicePublicKeyPem: z.string(),
  deviceKeyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the vault id and this computer's identifier: the vault stays on the computer it was set up on. */
  machineBinding: z.string().regex(/^[0-9a-f]{64}$/),
});
export type VaultInfo = z.infer<typeof VaultInfoSchema>;

export interface VaultDeps {
  codec: VaultCodec;
  clock: Clock;
  /** Which computer this is; the operating system's identifier unless a test says otherwise. */
  machineId?: MachineId;
}

export const bindingOf = async (vaultId: string, deps: VaultDeps): Promise<string> =>
  sha256Hex(`countersign machine v1\n${vaultId}\n${await (deps.machineId ?? osMachineId)()}`);

const SHA_RE = /^[0-9a-f]{64}$/;
const REF_RE = /^[A-Z0-9-]{4,40}$/;

export const readVaultInfo = async (dataDir: string): Promise<VaultInfo> => {
  let raw: string;
  try {
    raw = await readFile(join(dataDir, VAULT_FILE), 'utf8');
  } catch {
    throw new CodedError('NOT_FOUND', `There is no Countersign vault in ${dataDir}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new CodedError('CORRUPT', `${VAULT_FILE} in ${dataDir} is not valid JSON.`);
  }
  const parsed = VaultInfoSchema.safeParse(json);
  if (!parsed.success)
    throw new CodedError(
      'CORRUPT',
      `${VAULT_FILE} in ${dataDir} is damaged: ${parsed.error.issues[0]?.path.join('.')}`,
    );
  return parsed.data;
};

/**
 * The device key file: the private key as PEM, then, for a vault that keeps a ledger of signed heads, one line marking
 * it. The mark sits inside the encrypted key, which is written once, so nobody without the data key can remove it to
 * pass a deleted ledger off as a vault made before the ledger existed. Both are bytes, never strings, so the key can
 * be overwritten in memory once read.
 */
const LEDGER_MARK = Buffer.from('countersign-head-ledger: v1\n', 'utf8');
const PEM_END = Buffer.from('-----END PRIVATE KEY-----\n', 'utf8');

/** The device key's PKCS#8 DER (the caller wipes it) and whether the vault keeps a ledger. */
export const readDeviceKey = async (
  dataDir: string,
  codec: VaultCodec,
): Promise<{ pkcs8: Buffer; headLedger: boolean }> => {
  let file: Buffer | null = null;
  try {
    file = Buffer.from(codec.decodeFile(await readFile(join(dataDir, DEVICE_KEY_FILE)), 'device-key'));
    const end = file.indexOf(PEM_END);
    if (end < 0) throw new Error('no PEM');
    const rest = file.subarray(end + PEM_END.length);
    // A vault made before the ledger existed keeps the bare PEM.
    if (rest.length > 0 && !rest.equals(LEDGER_MARK)) throw new Error('unknown trailer');
    return { pkcs8: pkcs8FromPem(file.subarray(0, end + PEM_END.length)), headLedger: rest.length > 0 };
  } catch {
    throw new CodedError('CORRUPT', 'The device key cannot be read: it is missing or damaged.');
  } finally {
    file?.fill(0);
  }
};

export const writeDeviceKey = async (dataDir: string, codec: VaultCodec, pkcs8: Uint8Array): Promise<void> => {
  const pem = pemOfPkcs8(pkcs8);
  const file = Buffer.concat([pem, LEDGER_MARK]);
  pem.fill(0);
  try {
    await writeAtomic(join(dataDir, DEVICE_KEY_FILE), codec.encodeFile(file, 'device-key'));
  } finally {
    file.fill(0);
  }
};

export class Vault {
  /** One store per incident, opened once: every writer of an incident's journal goes through it. */
  private readonly stores = new Map<string, Promise<IncidentStore>>();
  /** Forgets a deleted incident's store: the next open finds the incident gone instead of the store kept in memory. */
  readonly forgetIncident = (ref: string): boolean => this.stores.delete(ref);
  private ledgerOf: HeadLedger | null = null;

  private constructor(
    readonly dataDir: string,
    readonly info: VaultInfo,
    readonly device: Signer,
    private readonly deps: VaultDeps,
  ) {}

  /** The ledger of signed heads, kept apart from the incident folders. */
  get ledger(): HeadLedger {
    if (!this.ledgerOf) throw new CodedError('INTERNAL', 'The vault was used before its ledger was opened.');
    return this.ledgerOf;
  }

  private get ledgerDeps() {
    return { dataDir: this.dataDir, codec: this.deps.codec, clock: this.deps.clock, device: this.device };
  }

  static async create(dataDir: string, deps: VaultDeps): Promise<Vault> {
    await ensureDir(dataDir);
    try {
      await stat(join(dataDir, VAULT_FILE));
      throw new CodedError('INVALID_INPUT', `${dataDir} already holds a vault.`);
    } catch (e) {
      if (e instanceof CodedError) throw e;
    }
    const { pkcs8, signer } = generateSigningKey();
    await ensureDir(join(dataDir, 'keys'));
    try {
      await writeDeviceKey(dataDir, deps.codec, pkcs8);
    } finally {
      pkcs8.fill(0);
    }
    await ensureDir(join(dataDir, INCIDENTS_DIR));
    const vaultId = randomBytes(16).toString('hex');
    const info: VaultInfo = {
      format: 'countersign-vault',
      version: 1,
      vaultId,
      machineBinding: await bindingOf(vaultId, deps),
      createdAt: deps.clock.now().toISOString(),
      codec: deps.codec.id,
      devicePublicKeyPem: signer.publicKeyPem,
      deviceKeyFingerprint: signer.fingerprint,
    };
    await writeAtomic(join(dataDir, VAULT_FILE), Buffer.from(`${JSON.stringify(info, null, 2)}\n`, 'utf8'));
    const vault = new Vault(dataDir, info, signer, deps);
    vault.ledgerOf = await HeadLedger.start(vault.ledgerDeps, vaultId, 'new-vault');
    return vault;
  }

  static async open(dataDir: string, deps: VaultDeps): Promise<Vault> {
    const info = await readVaultInfo(dataDir);
    if (info.codec !== deps.codec.id)
      throw new CodedError('INVALID_INPUT', `This vault was written with the "${info.codec}" codec.`);
    if (info.machineBinding !== (await bindingOf(info.vaultId, deps))) {
      throw new CodedError(
        'WRONG_COMPUTER',
        'This vault was set up on another computer and has been ' +
          'copied here. The policy says to use the same computer ' +
          'for the duration of the procedure, so Countersign will ' +
          'not continue its incidents on this one. Nothing in it ' +
          'has been changed: use the original computer, or restore a backup here ("countersign restore").',
      );
    }
    const key = await readDeviceKey(dataDir, deps.codec);
    try {
      const device = signerFromPkcs8(key.pkcs8);
      if (device.fingerprint !== info.deviceKeyFingerprint) {
        throw new CodedError('CORRUPT', 'The device key does not match the vault it sits in.');
      }
      const vault = new Vault(dataDir, info, device, deps);
      const ledger = await HeadLedger.open(vault.ledgerDeps);
      if (ledger) vault.ledgerOf = ledger;
      else if (key.headLedger) vault.ledgerOf = HeadLedger.deleted(vault.ledgerDeps);
      else vault.ledgerOf = await vault.startLedgerFromJournals();
      // The mark goes in last: a migration interrupted before it is finished by the next open, which finds the ledger.
      if (!key.headLedger && !vault.ledger.problem) await writeDeviceKey(dataDir, deps.codec, key.pkcs8);
      return vault;
    } finally {
      key.pkcs8.fill(0);
    }
  }

  /**
   * A vault made before the ledger existed: its ledger starts from the heads its journals have now, each checked as
   * opening it would check it (an incident that fails is left out, and stays refused for its own fault).
   */
  private async startLedgerFromJournals(): Promise<HeadLedger> {
    const heads = [];
    const building = HeadLedger.unusable(this.ledgerDeps, new CodedError('INTERNAL', 'The ledger is being built.'));
    const deps = { ...this.journalDepsWith(building) };
    for (const ref of await this.listIncidents()) {
      const loaded = await loadJournal(this.incidentDir(ref), deps, ref, 'migrating-to-ledger').catch(() => null);
      const last = loaded?.entries.at(-1);
      if (last) heads.push({ ref, seq: last.seq, hash: last.hash });
    }
    return HeadLedger.start(this.ledgerDeps, this.info.vaultId, 'migration', heads);
  }

  incidentDir(ref: string): string {
    if (!REF_RE.test(ref)) throw new CodedError('INVALID_INPUT', `"${ref}" is not an incident reference.`);
    return join(this.dataDir, INCIDENTS_DIR, ref);
  }

  async listIncidents(): Promise<string[]> {
    const names = await readdir(join(this.dataDir, INCIDENTS_DIR)).catch(() => []);
    return names.filter((n) => REF_RE.test(n)).sort();
  }

  newRef(): string {
    const d = this.deps.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
    // 48 random bits: references never collide in practice, and creation below is exclusive anyway.
    return `CS-${d}-${randomBytes(6).toString('hex').toUpperCase()}`;
  }

  /**
   * The incident's one store, opened for writing the first time it is asked for and shared by every caller after (the
   * screens, export, the clock watch): two writers of one journal would fork its chain. A refused open is not kept.
   */
  openIncident(ref: string): Promise<IncidentStore> {
    const dir = this.incidentDir(ref);
    const had = this.stores.get(ref);
    if (had) return had;
    const opening = IncidentStore.open(this, dir, ref);
    this.stores.set(ref, opening);
    opening.catch(() => this.stores.delete(ref));
    return opening;
  }

  /**
   * The incident as its journal on disk says, checked as opening it would be, without writing a byte (the register).
   * An incident open for work is read from its store, which may hold entries not yet signed.
   */
  async readIncident(ref: string): Promise<{ entries: readonly JournalEntry[]; state: IncidentState }> {
    const open = this.stores.get(ref);
    if (open) {
      const store = await open;
      return { entries: store.journal.entries, state: store.journal.state };
    }
    return loadJournal(this.incidentDir(ref), this.journalDeps(), ref);
  }

  /** Whether the incident's store is open in this process. */
  isOpen(ref: string): boolean {
    return this.stores.has(ref);
  }

  /** Creates the incident's folder and journal, and writes its opening entry. */
  async createIncident(opened: Extract<AnyCommand, { kind: 'incident.opened' }>): Promise<IncidentStore> {
    const dir = this.incidentDir(opened.data.ref);
    this.ledger.assertUsable();
    if (this.ledger.headOf(opened.data.ref))
      throw new CodedError('INVALID_INPUT', `Incident ${opened.data.ref} already existed on this computer.`);
    // Exclusive: of two creations with the same reference, exactly one gets the folder.
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? new CodedError('INVALID_INPUT', `Incident ${opened.data.ref} already exists.`) : e;
    });
    await syncDir(join(this.dataDir, INCIDENTS_DIR));
    const store = await IncidentStore.create(this, dir, opened.data.ref);
    try {
      await store.journal.append(opened);
    } catch (e) {
      // Refused by the procedure: nothing was written, so the folder goes too.
      if (e instanceof CodedError && store.journal.entries.length === 0)
        await rm(dir, { recursive: true, force: true });
      throw e;
    }
    this.stores.set(opened.data.ref, Promise.resolve(store));
    return store;
  }

  journalDeps() {
    return this.journalDepsWith(this.ledger);
  }

  private journalDepsWith(ledger: HeadLedger) {
    return { codec: this.deps.codec, crypto: nodeCrypto, clock: this.deps.clock, device: this.device, ledger };
  }

  get codec(): VaultCodec {
    return this.deps.codec;
  }
}

/** Hashes of the evidence files an incident's journal says should exist (captures and their page sources, kept). */
export const referencedFiles: (entries: readonly JournalEntry[]) => Set<string> = keptEvidenceFiles;

/** One incident's folder: its journal and its content-addressed evidence files. */
export class IncidentStore {
  private constructor(
    readonly vault: Vault,
    readonly dir: string,
    readonly ref: string,
    readonly journal: Journal,
  ) {}

  static async open(vault: Vault, dir: string, ref: string): Promise<IncidentStore> {
    const journal = await Journal.open(dir, vault.journalDeps(), ref);
    const store = new IncidentStore(vault, dir, ref, journal);
    await store.recover();
    return store;
  }

  static async create(vault: Vault, dir: string, ref: string): Promise<IncidentStore> {
    return new IncidentStore(vault, dir, ref, await Journal.create(dir, vault.journalDeps(), ref));
  }

  /**
   * Checks that the journal on disk still begins with every entry in memory and agrees with the ledger (a file byte for
   * byte as this store wrote it is not decoded again): nothing may have been cut back or replaced behind its back.
   */
  async assertIntactOnDisk(): Promise<void> {
    if (await this.journal.unchangedOnDisk()) return;
    const onDisk = await loadJournal(this.dir, this.vault.journalDeps(), this.ref);
    const mine = this.journal.entries;
    const differs = onDisk.entries.length < mine.length || mine.some((e, i) => onDisk.entries[i]?.hash !== e.hash);
    if (differs)
      throw new CodedError(
        'ROLLED_BACK',
        `The journal of incident ${this.ref} on disk is no longer the one Countersign wrote: it has been cut back or ` +
          'replaced while the app was running. Nothing has been exported. Keep the computer as it is and tell the ' +
          'designated safeguarding lead and IT support.',
      );
  }

  private get filesDir(): string {
    return join(this.dir, FILES_DIR);
  }

  private fileContext(sha: string): string {
    return `file:${this.ref}:${sha}`;
  }

  /** Stores evidence bytes durably under their SHA-256; returns the hash. The journal entry comes after. */
  async putFile(bytes: Uint8Array): Promise<string> {
    const sha = sha256Hex(bytes);
    await ensureDir(this.filesDir);
    await writeAtomic(join(this.filesDir, sha), this.vault.codec.encodeFile(bytes, this.fileContext(sha)));
    return sha;
  }

  /**
   * Reads an evidence file, refusing it unless its bytes still match their hash. Through `into`, its stored and plain
   * bytes are in buffers that are reused: what it gives is valid until the next read through `into`.
   */
  async getFile(sha: string, into?: ReadBuffer): Promise<Uint8Array> {
    if (!SHA_RE.test(sha)) throw new CodedError('INVALID_INPUT', `"${sha}" is not a SHA-256.`);
    let stored: Buffer;
    try {
      stored = await (into ? into.readFile(join(this.filesDir, sha)) : readFile(join(this.filesDir, sha)));
    } catch {
      throw new CodedError('NOT_FOUND', `Evidence file ${sha} is missing from incident ${this.ref}.`);
    }
    let plain: Uint8Array;
    try {
      const room = into?.plain(Math.max(0, stored.length - this.vault.codec.fileOverhead));
      plain = this.vault.codec.decodeFile(stored, this.fileContext(sha), room);
    } catch {
      throw new CodedError('CORRUPT', `Evidence file ${sha} of incident ${this.ref} cannot be decoded: it is damaged.`);
    }
    if (sha256Hex(plain) !== sha)
      throw new CodedError(
        'CORRUPT',
        `Evidence file ${sha} of incident ${this.ref} does not match its hash: it has been altered or damaged.`,
      );
    return plain;
  }

  /**
   * Streams an evidence file in chunks, decrypting as it reads: memory stays flat however large it is. The stream
   * fails at its end, after the last chunk, with CORRUPT if the file is damaged or does not match its hash, so a
   * reader must keep nothing it made from a stream that failed.
   */
  async fileStream(sha: string): Promise<{ size: number; stream: ReadableStream<Uint8Array> }> {
    if (!SHA_RE.test(sha)) throw new CodedError('INVALID_INPUT', `"${sha}" is not a SHA-256.`);
    let h: FileHandle;
    try {
      h = await open(join(this.filesDir, sha), 'r');
    } catch {
      throw new CodedError('NOT_FOUND', `Evidence file ${sha} is missing from incident ${this.ref}.`);
    }
    const stored = (await h.stat()).size;
    const read = async (start: number, length: number, into?: Uint8Array): Promise<Uint8Array> => {
      const buf = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
      const { bytesRead } = await h.read(buf, 0, length, start);
      if (bytesRead !== length)
        throw new CodedError('CORRUPT', `Evidence file ${sha} was cut short while it was read.`);
      return buf;
    };
    const chunks = this.vault.codec.decodeFileChunks(read, stored, this.fileContext(sha));
    const hash = createHash('sha256');
    const corrupt = (): CodedError =>
      new CodedError(
        'CORRUPT',
        `Evidence file ${sha} of incident ${this.ref} does not match its hash: it has been altered or damaged.`,
      );
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (!next.done) {
            hash.update(next.value);
            controller.enqueue(next.value);
            return;
          }
          await h.close();
          if (hash.digest('hex') !== sha) controller.error(corrupt());
          else controller.close();
        } catch (e) {
          await h.close().catch(() => undefined);
          controller.error(e instanceof CodedError ? e : corrupt());
        }
      },
      async cancel() {
        await chunks.return(undefined);
        await h.close().catch(() => undefined);
      },
    });
    return { size: stored - this.vault.codec.fileOverhead, stream };
  }

  /** Destroys an evidence file: its bytes overwritten, then the name removed, durably. */
  async destroyFile(sha: string): Promise<boolean> {
    if (!SHA_RE.test(sha)) throw new CodedError('INVALID_INPUT', `"${sha}" is not a SHA-256.`);
    const path = join(this.filesDir, sha);
    let h;
    try {
      h = await open(path, 'r+');
    } catch {
      return false;
    }
    try {
      const { size } = await h.stat();
      await h.write(Buffer.alloc(size), 0, size, 0);
      await h.sync();
    } finally {
      await h.close();
    }
    await rm(path, { force: true });
    await syncDir(this.filesDir);
    return true;
  }

  async listFiles(): Promise<string[]> {
    return (await readdir(this.filesDir).catch(() => [])).sort();
  }

  /**
   * After a crash: a half-written temporary file, or a stored file that never reached the journal, is
   * removed and the interruption recorded, so every file is either in the chain or absent.
   */
  private async recover(): Promise<void> {
    const live = referencedFiles(this.journal.entries);
    for (const name of await this.listFiles()) {
      if (live.has(name)) continue;
      if (!name.startsWith(TEMP_PREFIX) && !SHA_RE.test(name)) continue;
      const path = join(this.filesDir, name);
      const bytes = (await stat(path)).size;
      if (SHA_RE.test(name)) await this.destroyFile(name);
      else {
        await rm(path, { force: true });
        await syncDir(this.filesDir);
      }
      await this.journal
        .append({
          kind: 'recovery.orphan-removed',
          actor: 'system',
          data: { sha256: name.startsWith(TEMP_PREFIX) ? `(unfinished write ${name})` : name, bytes },
        })
        .catch(refusalIsInternal);
    }
  }
}
