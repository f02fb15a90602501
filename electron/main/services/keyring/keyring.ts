// The Keyring (docs/security-model.md): unlocks with any registered person's passphrase, proves who is present,
// manages staff.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '@shared/result';
import { KEY_BYTES } from '../aes-codec';
import type { Clock } from '../clock';
import type { VaultCodec } from '../codec';
import type { Signer } from '../crypto';
import { syncDir, writeAtomic } from '../durable';
import { normalisePassphrase } from '../passphrase';
import { appendAccess, cutTornTail, readAccessLog, startAccessLog, type AccessEvent, type LogHead } from './access-log';
import {
  ACCESS_LOG_FILE,
  jsonBytes,
  KEYRING_FILE,
  KEYS_DIR,
  moveKeysIntoPlace,
  newKeysFolder,
  readKeyFiles,
  readStaffList,
  rel,
  STAFF_DIR,
  writeStaffList,
  writeWrapFile,
  type KeyringFile,
  type StaffRecord,
  type WrapFile,
} from './key-files';
import {
  DEFAULT_SCRYPT,
  openRecoveryWrap,
  openWrap,
  newStaffKeys,
  wrapForRecovery,
  wrapForStaff,
  type OpenedWrap,
  type ScryptParams,
} from './key-wrapping';
import { formatRecoveryCode, newRecoverySecret, parseRecoveryCode } from './recovery-code';
import { UnlockedKeys, wipeOpened } from './unlocked-keys';
import {
  active,
  checkFirstStaff,
  checkNewStaff,
  newPassphrase,
  newStaffRecord,
  personKey,
  type NewStaff,
} from './staff-names';

export interface KeyringDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Cost of new wraps; tests lower it, everything else leaves it out and gets DEFAULT_SCRYPT. */
  scrypt?: ScryptParams;
  /**
   * For `countersign check`, which reads and must change nothing (it is run on backups against their manifest): a
   * right passphrase is not added to the access log. A wrong one still is, as everywhere.
   */
  readOnly?: boolean;
}

export const systemSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before the next passphrase attempt after `failures` failures in a row: 0, 0, 1, 2, 4, 8 … s, at most 60 s. */
export const delayAfterFailures = (failures: number): number =>
  failures < 2 ? 0 : Math.min(60_000, 1000 * 2 ** Math.min(failures - 2, 16));

const WRONG = 'That passphrase is not right. Check that Caps Lock is off and try again.';
const IN_USE = 'Choose a different passphrase: this one cannot be used.';
const NOT_REGISTERED = 'That person is not registered.';
/** Staff ids, in the order their keys are to be tried. */
type Ids = readonly string[];

export class Keyring {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly keys = new UnlockedKeys();

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
    return this.keys.isHeld;
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
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
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

  /** Logs and counts a failed attempt, then refuses it. */
  private async failed(event: AccessEvent, message: string): Promise<never> {
    await this.record(event, null, this.log.failures + 1);
    throw new CodedError('BAD_PASSPHRASE', message);
  }

  /**
   * Tries the passphrase against each wrap in turn (each has its own salt, so each try is one scrypt): those of `first`
   * in its order, then the others by id.
   */
  private async findWrap(p: string, only?: ReadonlySet<string>, first: Ids = []): Promise<OpenedWrap | undefined> {
    const rank = (id: string) => (first.includes(id) ? first.indexOf(id) : first.length);
    const wraps = [...this.wraps.values()].filter((w) => !only || only.has(w.id));
    for (const wrap of wraps.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))) {
      const opened = await openWrap(this.info.keyringId, wrap, p);
      if (opened) return opened;
    }
    return undefined;
  }

  private readStaffList(dataKey: Buffer): Promise<StaffRecord[]> {
    return readStaffList(this.keysDir, this.info.keyringId, dataKey);
  }

  private writeStaffList(dataKey: Buffer, staff: StaffRecord[]): Promise<void> {
    return writeStaffList(this.keysDir, this.info.keyringId, dataKey, staff);
  }

  private async writeWrap(wrap: WrapFile): Promise<void> {
    await writeWrapFile(this.keysDir, wrap);
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

  /** Unlocks the vault with any registered person's passphrase; gives that person and the vault codec. */
  unlock(passphrase: string): Promise<{ staff: StaffRecord; codec: VaultCodec }> {
    return this.serial(async () => {
      const p = normalisePassphrase(passphrase);
      if (p.length === 0) throw new CodedError('INVALID_INPUT', 'Enter your passphrase.');
      await this.throttle();
      const opened = await this.findWrap(p);
      const staff = opened ? await this.readStaffList(opened.dataKey) : [];
      const rec = opened ? this.recordFor(opened, staff) : undefined;
      if (!opened || !rec) {
        wipeOpened(opened);
        return this.failed('unlock.failed', WRONG);
      }
      opened.pkcs8.fill(0);
      opened.signer.wipe();
      const codec = this.keys.hold(opened.dataKey, staff);
      if (!this.deps.readOnly) await this.record('unlock.succeeded', rec.id, 0);
      return { staff: rec, codec };
    });
  }

  /**
   * Forgets the keys (overwritten in memory); everything but unlock, change of passphrase and recovery then refuses.
   * It waits its turn: an operation under way (adding a member of staff, say) finishes whole first, never half.
   */
  lock(): Promise<void> {
    return this.serial(async () => this.keys.forget());
  }

  private async authenticateNow(passphrase: string, first?: Ids): Promise<{ staff: StaffRecord; signer: Signer }> {
    this.keys.get();
    const p = normalisePassphrase(passphrase);
    if (p.length === 0) throw new CodedError('INVALID_INPUT', 'Enter your passphrase.');
    await this.throttle();
    const opened = await this.findWrap(p, new Set(active(this.keys.get().staff).map((s) => s.id)), first);
    if (!this.keys.isHeld) wipeOpened(opened);
    const { dataKey, staff, signers } = this.keys.get();
    const rec = opened ? this.recordFor(opened, staff) : undefined;
    if (!opened || !rec) {
      wipeOpened(opened);
      return this.failed('authenticate.failed', WRONG);
    }
    const same = timingSafeEqual(opened.dataKey, dataKey.value);
    opened.dataKey.fill(0);
    opened.pkcs8.fill(0);
    signers.add(opened.signer);
    if (!same)
      throw new CodedError(
        'CORRUPT',
        `The key file ${rel(STAFF_DIR, `${rec.id}.json`)} holds a key for another vault.`,
      );
    await this.record('authenticate.succeeded', rec.id, 0);
    return { staff: rec, signer: opened.signer };
  }

  /**
   * A registered person proves they are present (start, sign-off, export); needs the vault unlocked. Each key tried
   * costs a derivation (half a second): `first` names those expected (an incident's reviewers), tried before the rest.
   */
  authenticate(passphrase: string, first: Ids = []): Promise<{ staff: StaffRecord; signer: Signer }> {
    return this.serial(() => this.authenticateNow(passphrase, first));
  }

  /** Two different registered people authenticate; gives their ids. */
  private async twoPeople(approvals: readonly [string, string]): Promise<[string, string]> {
    const a = await this.authenticateNow(approvals[0]);
    const b = await this.authenticateNow(approvals[1]);
    if (a.staff.id === b.staff.id) {
      throw new CodedError(
        'SAME_PERSON',
        'Both approvals came from the same person. Two different ' +
          'registered members of staff must each enter their passphrase.',
      );
    }
    return [a.staff.id, b.staff.id];
  }

  /** Refuses a new passphrase that already opens someone's keys: two people must never share one. */
  private async passphraseInUse(passphrase: string, except?: string): Promise<boolean> {
    const others = new Set([...this.wraps.keys()].filter((id) => id !== except));
    const opened = await this.findWrap(passphrase, others);
    wipeOpened(opened);
    return opened !== undefined;
  }

  /** The registered staff (not those removed); needs the vault unlocked. */
  staffList(): StaffRecord[] {
    return active(this.keys.get().staff);
  }

  /** Registers a new member of staff, approved by two different registered people. */
  addStaff(member: NewStaff, approvals: readonly [string, string]): Promise<StaffRecord> {
    return this.serial(async () => {
      const m = checkNewStaff(member);
      const key = personKey(m.name, m.role);
      if (active(this.keys.get().staff).some((s) => personKey(s.name, s.role) === key)) {
        throw new CodedError('SAME_PERSON', `${m.name} (${m.role}) is already registered.`);
      }
      const approved = await this.twoPeople(approvals);
      if (await this.passphraseInUse(m.passphrase)) throw new CodedError('INVALID_INPUT', IN_USE);
      const id = randomBytes(16).toString('hex');
      const { wrap, signer } = await newStaffKeys(
        this.info.keyringId,
        id,
        m.passphrase,
        this.params,
        this.keys.get().dataKey.value,
      );
      signer.wipe();
      // Nothing is written unless the keys are still here: the staff list and the wrap change together or not at all.
      const { dataKey, staff } = this.keys.get();
      // The wrap first: if the app stops before the list is written, the wrap belongs to no one and opens nothing.
      await this.writeWrap(wrap);
      const rec = newStaffRecord(id, m, signer, this.deps.clock.now().toISOString());
      const next = [...staff, rec];
      await this.writeStaffList(dataKey.value, next);
      this.keys.get().staff = next;
      await this.record('staff.added', id, 0, approved);
      return rec;
    });
  }

  /** Removes a member of staff (their record stays, marked removed, for the history); never below two. */
  removeStaff(id: string, approvals: readonly [string, string]): Promise<StaffRecord> {
    return this.serial(async () => {
      const current = active(this.keys.get().staff);
      const target = current.find((s) => s.id === id);
      if (!target) throw new CodedError('NOT_FOUND', NOT_REGISTERED);
      if (current.length <= 2) {
        throw new CodedError(
          'INVALID_INPUT',
          'Countersign needs at least two registered members of ' +
            'staff. Register someone else before removing this person.',
        );
      }
      const approved = await this.twoPeople(approvals);
      const unlocked = this.keys.get();
      const removed: StaffRecord = { ...target, removedAt: this.deps.clock.now().toISOString() };
      const next = unlocked.staff.map((s) => (s.id === id ? removed : s));
      // The list first: if the app stops before the wrap is deleted, the record already refuses it.
      await this.writeStaffList(unlocked.dataKey.value, next);
      unlocked.staff = next;
      await rm(join(this.keysDir, STAFF_DIR, `${id}.json`), { force: true });
      await syncDir(join(this.keysDir, STAFF_DIR));
      this.wraps.delete(id);
      await this.record('staff.removed', id, 0, approved);
      return removed;
    });
  }

  /** A person changes their own passphrase: only their wrap file is rewritten; nothing else is re-encrypted. */
  changePassphrase(oldPassphrase: string, nextPassphrase: string): Promise<StaffRecord> {
    return this.serial(async () => {
      const oldP = normalisePassphrase(oldPassphrase);
      if (oldP.length === 0) throw new CodedError('INVALID_INPUT', 'Enter your current passphrase.');
      if (newPassphrase(nextPassphrase) === oldP)
        throw new CodedError('INVALID_INPUT', 'The new passphrase is the same as the old one.');
      await this.throttle();
      const opened = await this.findWrap(oldP);
      const staff = opened ? await this.readStaffList(opened.dataKey) : [];
      const rec = opened ? this.recordFor(opened, staff) : undefined;
      if (!opened || !rec) {
        wipeOpened(opened);
        return this.failed('passphrase-change.failed', WRONG);
      }
      const newP = newPassphrase(nextPassphrase, [rec.name, rec.role]);
      if (await this.passphraseInUse(newP, rec.id)) throw new CodedError('INVALID_INPUT', IN_USE);
      await this.writeWrap(
        await wrapForStaff(this.info.keyringId, rec.id, newP, this.params, opened.dataKey, opened.pkcs8, opened.signer),
      );
      wipeOpened(opened);
      await this.record('passphrase.changed', rec.id, 0);
      return rec;
    });
  }

  private async openRecovery(code: string): Promise<{ dataKey: Buffer; staff: StaffRecord[] }> {
    const c = parseRecoveryCode(code);
    await this.throttle();
    const dataKey = await openRecoveryWrap(this.info.keyringId, this.info.recovery, c);
    if (!dataKey) return this.failed('recovery.failed', 'That recovery code does not open this vault.');
    return { dataKey, staff: await this.readStaffList(dataKey) };
  }

  /** With the recovery code, the registered staff (to choose whose passphrase to reset); does not unlock. */
  recoveryStaffList(recoveryCode: string): Promise<StaffRecord[]> {
    return this.serial(async () => {
      const { dataKey, staff } = await this.openRecovery(recoveryCode);
      dataKey.fill(0);
      await this.record('recovery.opened', null, 0);
      return active(staff);
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
    nextPassphrase: string,
  ): Promise<{ staff: StaffRecord; codec: VaultCodec }> {
    return this.serial(async () => {
      // A weak passphrase is refused before the code is tried, so it costs no attempt.
      newPassphrase(nextPassphrase);
      const { dataKey, staff } = await this.openRecovery(recoveryCode);
      const target = active(staff).find((s) => s.id === staffId);
      if (!target) throw new CodedError('NOT_FOUND', NOT_REGISTERED);
      const newP = newPassphrase(nextPassphrase, [target.name, target.role]);
      if (await this.passphraseInUse(newP, staffId)) throw new CodedError('INVALID_INPUT', IN_USE);
      const now = this.deps.clock.now().toISOString();
      const { wrap, signer } = await newStaffKeys(this.info.keyringId, staffId, newP, this.params, dataKey);
      signer.wipe();
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
      await this.writeWrap(wrap);
      const codec = this.keys.hold(dataKey, next);
      await this.record('recovery.used', staffId, 0);
      return { staff: updated, codec };
    });
  }

  /** With the recovery code, unlocks for a restore on a replacement computer: the code stands in for one person. */
  unlockWithRecoveryCode(recoveryCode: string): Promise<VaultCodec> {
    return this.serial(async () => {
      const { dataKey, staff } = await this.openRecovery(recoveryCode);
      const codec = this.keys.hold(dataKey, staff);
      await this.record('recovery.opened', null, 0);
      return codec;
    });
  }

  /** Sets up the keyring in a private folder and moves it into place in one rename, so set-up is all or nothing. */
  static async create(dataDir: string, members: readonly NewStaff[], deps: KeyringDeps): Promise<CreatedKeyring> {
    const checked = checkFirstStaff(members);
    const tmp = await newKeysFolder(dataDir);
    const params = deps.scrypt ?? DEFAULT_SCRYPT;
    const keyringId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const secret = newRecoverySecret();
    const createdAt = deps.clock.now().toISOString();
    const info: KeyringFile = {
      format: 'countersign-keyring',
      version: 1,
      keyringId,
      createdAt,
      recovery: await wrapForRecovery(keyringId, secret, params, dataKey),
    };
    const staff: StaffRecord[] = [];
    const wraps = new Map<string, WrapFile>();
    for (const m of checked) {
      const id = randomBytes(16).toString('hex');
      const { wrap, signer } = await newStaffKeys(keyringId, id, m.passphrase, params, dataKey);
      await writeWrapFile(tmp, wrap);
      wraps.set(id, wrap);
      staff.push(newStaffRecord(id, m, signer, createdAt));
      signer.wipe();
    }
    await writeStaffList(tmp, keyringId, dataKey, staff);
    await writeAtomic(join(tmp, KEYRING_FILE), jsonBytes(info));
    const log = await startAccessLog(
      join(tmp, ACCESS_LOG_FILE),
      createdAt,
      staff.map((s) => s.id),
    );
    await moveKeysIntoPlace(dataDir, tmp);

    const keyring = new Keyring(dataDir, info, wraps, log, deps);
    const codec = keyring.keys.hold(dataKey, staff);
    return { keyring, recoveryCode: formatRecoveryCode(secret), staff, codec };
  }

  /** Opens the keyring, locked. A missing, damaged or cut-short key file is CORRUPT, naming the file. */
  static async open(dataDir: string, deps: KeyringDeps): Promise<Keyring> {
    const { info, wraps } = await readKeyFiles(dataDir);
    const logPath = join(dataDir, KEYS_DIR, ACCESS_LOG_FILE);
    const { head, completeBytes, torn } = await readAccessLog(logPath);
    const keyring = new Keyring(dataDir, info, wraps, head, deps);
    if (torn) {
      // The app stopped while writing the last line. That attempt's outcome is unknown, so it counts as a failure.
      await cutTornTail(logPath, completeBytes);
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
