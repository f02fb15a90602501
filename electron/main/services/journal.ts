// The incident journal on disk: append-only, hash-chained, fsynced before an append returns, torn tails kept aside.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GENESIS,
  headMessage,
  seal,
  verifyChain,
  verifyHeads,
  type CryptoPort,
  type SignedHead,
} from '@shared/evidence/chain';
import { auditDeviceChanges, deviceFingerprintAt } from '@shared/evidence/device-keys';
import { ENTRY_DATA, type AnyCommand, type EntryKind, type JournalEntry } from '@shared/evidence/entries';
import { apply, fold, INITIAL_STATE, STEP_KINDS, type IncidentState } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import type { VaultCodec } from './codec';
import type { Signer } from './crypto';
import { appendDurable, ensureDir, syncDir, writeAtomic } from './durable';
import { rolledBackError, type HeadLedger } from './head-ledger';

export const JOURNAL_FILE = 'journal.jsonl';
export const HEAD_FILE = 'head.json';
export const QUARANTINE_DIR = 'quarantine';

const journalContext = (ref: string): string => `journal:${ref}`;

/**
 * After these the device signs the head as well as after every step: each is something a reviewer did that must not
 * be cut off the end of the journal unseen (the ledger of signed heads records every head).
 */
const SIGNED_AFTER: ReadonlySet<EntryKind> = new Set<EntryKind>([
  ...STEP_KINDS,
  'browser.requested',
  'capture.taken',
  'capture.described',
  'note.added',
]);

export interface JournalDeps {
  codec: VaultCodec;
  crypto: CryptoPort;
  clock: Clock;
  device: Signer;
  /** The vault's ledger of signed heads: the record of each incident's head kept apart from its folder. */
  ledger: HeadLedger;
}

/** Splits raw journal bytes into complete lines and whatever follows the last newline (a torn write). */
export const splitJournal = (raw: Buffer): { lines: string[]; completeBytes: number; torn: Buffer } => {
  const lastNl = raw.lastIndexOf(0x0a);
  const completeBytes = lastNl + 1;
  const body = raw.subarray(0, completeBytes).toString('utf8');
  const lines = body.length === 0 ? [] : body.slice(0, -1).split('\n');
  return { lines, completeBytes, torn: raw.subarray(completeBytes) };
};

/** Reads the signed head kept beside the journal, if any. */
export const readKeptHead = async (
  dir: string,
  codec: VaultCodec,
  context: string,
): Promise<SignedHead | undefined> => {
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, HEAD_FILE));
  } catch {
    return undefined;
  }
  const plain = Buffer.from(codec.decodeFile(raw, `${context}:head`)).toString('utf8');
  const parsed = ENTRY_DATA['head.signed'].safeParse(JSON.parse(plain));
  if (!parsed.success) throw new CodedError('CORRUPT', `The signed head kept beside the journal in ${dir} is damaged.`);
  return parsed.data;
};

/** An incident's journal as read from disk and checked, before anything is written. */
export interface LoadedJournal {
  entries: JournalEntry[];
  state: IncidentState;
  completeBytes: number;
  /** The complete lines' bytes, as read. */
  complete: Buffer;
  /** Whatever follows the last newline: a line an interruption cut short. */
  torn: Buffer;
}

/**
 * Reads and checks an incident's journal without changing a byte: the chain, the computer it belongs to, the ledger of
 * signed heads (ROLLED_BACK when the journal or head.json has been cut back), the signed heads, and the procedure. A
 * vault made before the ledger existed is read once without it, to build the ledger from its journals.
 */
export const loadJournal = async (
  dir: string,
  deps: JournalDeps,
  ref: string,
  against: 'ledger' | 'migrating-to-ledger' = 'ledger',
): Promise<LoadedJournal> => {
  const context = journalContext(ref);
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, JOURNAL_FILE));
  } catch {
    if (against === 'ledger' && deps.ledger.headOf(ref) && !deps.ledger.wasRemoved(ref) && !deps.ledger.problem)
      throw rolledBackError(`Incident ${ref} was on this computer, but its folder or its journal has been deleted.`);
    throw new CodedError('NOT_FOUND', `There is no incident ${ref} in this vault.`);
  }
  const { lines, completeBytes, torn } = splitJournal(raw);
  const decoded = lines.map((l, i) => {
    try {
      return deps.codec.decodeLine(l, context);
    } catch {
      throw new CodedError(
        'CORRUPT',
        `The journal cannot be read at line ${i + 1}: it is damaged or was written under another key.`,
      );
    }
  });
  const report = verifyChain(deps.crypto, decoded);
  if (report.problem) throw new CodedError('CORRUPT', `The journal is not intact: ${report.problem.message}.`);
  await assertEntriesHold(dir, deps, ref, report.entries, against);
  const folded = fold(report.entries);
  if (folded.violation) {
    throw new CodedError(
      'CORRUPT',
      `The journal breaks the procedure at entry ${folded.violation.seq}: ${folded.violation.message}`,
    );
  }
  return {
    entries: report.entries,
    state: folded.state,
    completeBytes,
    complete: raw.subarray(0, completeBytes),
    torn,
  };
};

/**
 * Checks a journal's entries beyond their chain: the computer they belong to, the ledger of signed heads (unless it is
 * being built), the signed head kept beside the journal (the device's key must bear its signature), and each change of
 * computer they record.
 */
const assertEntriesHold = async (
  dir: string,
  deps: JournalDeps,
  ref: string,
  entries: readonly JournalEntry[],
  against: 'ledger' | 'migrating-to-ledger' = 'ledger',
): Promise<void> => {
  assertSameComputer(entries, deps.device.fingerprint);
  if (against === 'ledger') deps.ledger.assertCurrent(ref, entries);
  const kept = await keptHeads(dir, deps.codec, journalContext(ref));
  const ahead = kept.find((h) => h.seq >= entries.length);
  if (ahead)
    throw rolledBackError(
      `Incident ${ref} has been cut back: the head signed beside its journal is at entry ${ahead.seq}, but the ` +
        `journal now ends at entry ${entries.length - 1}.`,
    );
  const headProblems = verifyHeads(deps.crypto, entries, deps.device.publicKeyPem, kept, 'latest');
  if (headProblems[0]) throw new CodedError('CORRUPT', `The journal is not intact: ${headProblems[0].message}.`);
  const changed = auditDeviceChanges(deps.crypto, entries)[0];
  if (changed) throw new CodedError('CORRUPT', `The journal is not intact: ${changed.message}.`);
};

export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly headWatchers = new Set<(head: JournalEntry<'head.signed'>) => void>();

  private constructor(
    readonly dir: string,
    private readonly deps: JournalDeps,
    readonly ref: string,
    private list: JournalEntry[],
    private current: IncidentState,
    /** The journal file's length as this writer left it: any other length means someone else changed it. */
    private size: number,
    /** The SHA-256 of the journal file's bytes as this writer left them (checked on opening, then appended). */
    private readonly written: Hash,
  ) {}

  private get context(): string {
    return journalContext(this.ref);
  }

  get entries(): readonly JournalEntry[] {
    return this.list;
  }

  get state(): IncidentState {
    return this.current;
  }

  get head(): { seq: number; hash: string } {
    const last = this.list.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: -1, hash: GENESIS };
  }

  /**
   * Opens an incident's journal for writing. Everything is checked first and a refusal changes nothing (CORRUPT,
   * ROLLED_BACK, WRONG_COMPUTER); then a torn last line is kept aside in quarantine/ and recorded, and a step the app
   * stopped before signing is signed.
   */
  static async open(dir: string, deps: JournalDeps, ref: string): Promise<Journal> {
    const loaded = await loadJournal(dir, deps, ref);
    const written = createHash('sha256').update(loaded.complete);
    const journal = new Journal(dir, deps, ref, loaded.entries, loaded.state, loaded.completeBytes, written);
    if (loaded.torn.length > 0) await journal.keepTornTail(loaded.completeBytes, loaded.torn);
    // On a full disk the incident still opens, to be read; the head is signed once there is room.
    if (journal.hasUnsignedStep()) await journal.signHead().catch(unlessDiskFull);
    return journal;
  }

  /** Creates the empty journal of a new incident, in a folder just made for it. */
  static async create(dir: string, deps: JournalDeps, ref: string): Promise<Journal> {
    deps.ledger.assertUsable();
    const h = await open(join(dir, JOURNAL_FILE), 'wx', 0o600);
    await h.sync();
    await h.close();
    await syncDir(dir);
    return new Journal(dir, deps, ref, [], INITIAL_STATE, 0, createHash('sha256'));
  }

  /** True when a completed step or act has no signed head after it (the app stopped in between). */
  private hasUnsignedStep(): boolean {
    const lastHead = this.list.findLast((e) => e.kind === 'head.signed');
    const signedUpTo = lastHead ? (lastHead as JournalEntry<'head.signed'>).data.seq : -1;
    return this.list.some((e) => SIGNED_AFTER.has(e.kind) && e.seq > signedUpTo);
  }

  private async keepTornTail(completeBytes: number, torn: Buffer): Promise<void> {
    const path = join(this.dir, JOURNAL_FILE);
    const qdir = join(this.dir, QUARANTINE_DIR);
    await ensureDir(qdir);
    const stamp = this.deps.clock.now().toISOString().replace(/[:.]/g, '');
    const name = `torn-${stamp}-${randomBytes(4).toString('hex')}.bin`;
    await writeAtomic(join(qdir, name), torn);
    await truncate(path, completeBytes);
    const h = await open(path, 'r+');
    await h.sync();
    await h.close();
    await this.append({
      kind: 'recovery.torn-tail',
      actor: 'system',
      data: { bytes: torn.length, sha256: this.deps.crypto.sha256Hex(torn), keptAs: `${QUARANTINE_DIR}/${name}` },
    }).catch(refusalIsInternal);
  }

  /**
   * Appends one command if the procedure allows it; the entry is on disk (fsynced) before this resolves. A command
   * the procedure forbids is refused with a CodedError (PROCEDURE_FORBIDS, CAPTURE_LOCKED, ...) and nothing is written.
   * `refuseIf` is asked when the command's turn comes: what happened while it waited (a halt) can still refuse it.
   */
  append(cmd: AnyCommand, refuseIf?: () => CodedError | null): Promise<JournalEntry> {
    const run = this.queue.then(() => {
      const refusal = refuseIf?.();
      if (refusal) throw refusal;
      return this.appendNow(cmd);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends a fact the app records on its own (a browser event, a clock jump). The procedure may have moved on by the
   * time it arrives (the review ended): then it is refused and dropped, and this resolves to null.
   */
  appendFact(cmd: AnyCommand): Promise<JournalEntry | null> {
    return this.append(cmd).catch((e: unknown) => {
      if (e instanceof CodedError) return null;
      throw e;
    });
  }

  private async appendNow(cmd: AnyCommand): Promise<JournalEntry> {
    const entry = this.sealNext(cmd);
    const next = apply(this.current, cmd, entry.hash);
    if (!next.ok) throw new CodedError(next.error.code, next.error.message);
    await this.write(entry);
    this.list.push(entry);
    this.current = next.value;
    // The entry is on disk: a head the disk refuses now (full, say) is signed after the next entry or on opening.
    // Only the device valid now signs: a change of computer is written by the old one and signed by the new one.
    const mine = deviceFingerprintAt(this.list) === this.deps.device.fingerprint;
    if (mine && SIGNED_AFTER.has(cmd.kind)) await this.signHeadNow().catch(unlessDiskFull);
    return entry;
  }

  private sealNext(cmd: AnyCommand): JournalEntry {
    const { seq, hash } = this.head;
    return seal(this.deps.crypto, {
      seq: seq + 1,
      at: this.deps.clock.now().toISOString(),
      mono: this.deps.clock.mono(),
      kind: cmd.kind,
      actor: cmd.actor,
      data: cmd.data,
      prev: hash,
    });
  }

  private async write(entry: JournalEntry): Promise<void> {
    const line = this.deps.codec.encodeLine(JSON.stringify(entry), this.context);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    await appendDurable(join(this.dir, JOURNAL_FILE), bytes, 'The journal entry', this.size);
    this.size += bytes.length;
    this.written.update(bytes);
  }

  /**
   * Whether the journal file is still byte for byte what this writer left in it (one read and one SHA-256); if so its
   * entries are checked as on opening (the computer, the ledger, the head kept beside it), but its lines are not
   * decoded and their chain checked again: that was done on opening, and each entry since was sealed here and allowed
   * by the procedure. False when the bytes differ: the caller checks the file in full. It waits in the queue, so no
   * append is halfway; never call it from within a step of the queue.
   */
  unchangedOnDisk(): Promise<boolean> {
    const run = this.queue.then(async () => {
      const onDisk = await readFile(join(this.dir, JOURNAL_FILE)).catch(() => undefined);
      if (onDisk?.length !== this.size) return false;
      if (this.deps.crypto.sha256Hex(onDisk) !== this.written.copy().digest('hex')) return false;
      await assertEntriesHold(this.dir, this.deps, this.ref, this.list);
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Signs the head if anything follows the last signed head (the browser's own records since the last act): when the
   * incident is closed, so that nothing recorded before can be cut off unseen. A full disk leaves it to the next open.
   */
  signIfBehind(): Promise<JournalEntry | null> {
    const behind = () => this.list.length > 0 && this.list.at(-1)?.kind !== 'head.signed';
    const run = this.queue.then(() => (behind() ? this.signHeadNow().catch(unlessDiskFull) : null));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Hears of each head signed from now on, once it is on disk, until the returned function is called. */
  watchHeads(watcher: (head: JournalEntry<'head.signed'>) => void): () => void {
    this.headWatchers.add(watcher);
    return () => this.headWatchers.delete(watcher);
  }

  /** Signs the current head with the device key, records it in the chain and beside it. */
  signHead(): Promise<JournalEntry> {
    const run = this.queue.then(() => this.signHeadNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The ledger first, then the head.signed entry, then head.json: a crash between them leaves the ledger ahead of the
   * journal, never behind it, so an honest journal is never taken for a rolled-back one.
   */
  private async signHeadNow(): Promise<JournalEntry> {
    const { seq, hash } = this.head;
    await this.deps.ledger.record(this.ref, seq, hash);
    const head: SignedHead = {
      seq,
      hash,
      keyFingerprint: this.deps.device.fingerprint,
      signature: this.deps.device.sign(headMessage(seq, hash)),
    };
    const entry = this.sealNext({ kind: 'head.signed', actor: 'system', data: head });
    await this.write(entry);
    this.list.push(entry);
    const kept = Buffer.from(JSON.stringify(head), 'utf8');
    await writeAtomic(
      join(this.dir, HEAD_FILE),
      this.deps.codec.encodeFile(kept, `${this.context}:head`),
      'The signed head',
    );
    for (const watch of this.headWatchers) watch(entry as JournalEntry<'head.signed'>);
    return entry;
  }
}

/** An incident stays on the computer it started on: the policy says to use the same computer throughout. */
const assertSameComputer = (entries: readonly JournalEntry[], deviceFingerprint: string): void => {
  const first = entries[0];
  if (first?.kind !== 'incident.opened') return;
  const opened = (first as JournalEntry<'incident.opened'>).data;
  if (deviceFingerprintAt(entries) !== deviceFingerprint) {
    throw new CodedError(
      'WRONG_COMPUTER',
      `Incident ${opened.ref} was started on ` +
        `another computer ("${opened.computer.name}", ${opened.computer.location}). ` +
        'The policy says to use the same computer for the duration of the procedure, so it cannot be opened here. ' +
        'Continue on that computer, or export the bundle there for others to check.',
    );
  }
};

const unlessDiskFull = (e: unknown): null => {
  if (e instanceof CodedError && e.code === 'IO_ERROR') return null;
  throw e;
};

/** The procedure refusing an entry the app writes for itself is the app's fault, not the user's: INTERNAL. */
export const refusalIsInternal = (e: unknown): never => {
  throw e instanceof CodedError ? new CodedError('INTERNAL', e.message) : e;
};

const keptHeads = async (dir: string, codec: VaultCodec, context: string): Promise<SignedHead[]> => {
  const h = await readKeptHead(dir, codec, context);
  return h ? [h] : [];
};
