// The incident journal on disk: append-only, hash-chained, fsynced before an append returns, torn tails kept aside.
import { randomBytes } from 'node:crypto';
import { readFile, truncate, open } from 'node:fs/promises';
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
import { ENTRY_DATA, type AnyCommand, type JournalEntry } from '@shared/evidence/entries';
import { apply, fold, STEP_KINDS, type IncidentState } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import type { VaultCodec } from './codec';
import type { Signer } from './crypto';
import { appendDurable, ensureDir, syncDir, writeAtomic } from './durable';

export const JOURNAL_FILE = 'journal.jsonl';
export const HEAD_FILE = 'head.json';
export const QUARANTINE_DIR = 'quarantine';

export interface JournalDeps {
  codec: VaultCodec;
  crypto: CryptoPort;
  clock: Clock;
  device: Signer;
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

export class Journal {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly deps: JournalDeps,
    private readonly context: string,
    private list: JournalEntry[],
    private current: IncidentState,
  ) {}

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
   * Opens (or creates) the journal in `dir`. A broken chain or a journal that breaks the procedure is
   * refused with CORRUPT; a torn last line is kept aside in quarantine/ and recorded as an entry.
   */
  static async open(dir: string, deps: JournalDeps, context: string): Promise<Journal> {
    await ensureDir(dir);
    const path = join(dir, JOURNAL_FILE);
    let raw: Buffer;
    try {
      raw = await readFile(path);
    } catch {
      const h = await open(path, 'a', 0o600);
      await h.sync();
      await h.close();
      await syncDir(dir);
      raw = Buffer.alloc(0);
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
    assertSameComputer(report.entries, deps.device.fingerprint);
    const headProblems = verifyHeads(
      deps.crypto,
      report.entries,
      deps.device.publicKeyPem,
      await keptHeads(dir, deps.codec, context),
    );
    if (headProblems[0]) throw new CodedError('CORRUPT', `The journal is not intact: ${headProblems[0].message}.`);
    const folded = fold(report.entries);
    if (folded.violation) {
      throw new CodedError(
        'CORRUPT',
        `The journal breaks the procedure at entry ${folded.violation.seq}: ${folded.violation.message}`,
      );
    }
    const journal = new Journal(dir, deps, context, report.entries, folded.state);
    if (torn.length > 0) await journal.keepTornTail(path, completeBytes, torn);
    if (journal.hasUnsignedStep()) await journal.signHead();
    return journal;
  }

  /** True when a completed step has no signed head after it (the app stopped in between). */
  private hasUnsignedStep(): boolean {
    const lastHead = this.list.findLast((e) => e.kind === 'head.signed');
    const signedUpTo = lastHead ? (lastHead as JournalEntry<'head.signed'>).data.seq : -1;
    return this.list.some((e) => STEP_KINDS.has(e.kind) && e.seq > signedUpTo);
  }

  private async keepTornTail(path: string, completeBytes: number, torn: Buffer): Promise<void> {
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
    if (STEP_KINDS.has(cmd.kind)) await this.signHeadNow();
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
    await appendDurable(join(this.dir, JOURNAL_FILE), Buffer.from(`${line}\n`, 'utf8'));
  }

  /** Signs the current head with the device key, records it in the chain and beside it. */
  signHead(): Promise<JournalEntry> {
    const run = this.queue.then(() => this.signHeadNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async signHeadNow(): Promise<JournalEntry> {
    const { seq, hash } = this.head;
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
    await writeAtomic(join(this.dir, HEAD_FILE), this.deps.codec.encodeFile(kept, `${this.context}:head`));
    return entry;
  }
}

/** An incident stays on the computer it started on: the policy says to use the same computer throughout. */
const assertSameComputer = (entries: readonly JournalEntry[], deviceFingerprint: string): void => {
  const first = entries[0];
  if (first?.kind !== 'incident.opened') return;
  const opened = (first as JournalEntry<'incident.opened'>).data;
  if (opened.deviceKeyFingerprint !== deviceFingerprint) {
    throw new CodedError(
      'WRONG_COMPUTER',
      `Incident ${opened.ref} was started on ` +
        `another computer ("${opened.computer.name}", ${opened.computer.location}). ` +
        'The policy says to use the same computer for the duration of the procedure, so it cannot be opened here. ' +
        'Continue on that computer, or export the bundle there for others to check.',
    );
  }
};

/** The procedure refusing an entry the app writes for itself is the app's fault, not the user's: INTERNAL. */
export const refusalIsInternal = (e: unknown): never => {
  throw e instanceof CodedError ? new CodedError('INTERNAL', e.message) : e;
};

const keptHeads = async (dir: string, codec: VaultCodec, context: string): Promise<SignedHead[]> => {
  const h = await readKeptHead(dir, codec, context);
  return h ? [h] : [];
};
