// The vault's ledger of signed heads: a device-signed, hash-chained record of every incident's latest signed head, kept
// apart from the incident folders, so that an incident cut back (journal, head.json, or both) is seen without a
// passphrase.
import { readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, GENESIS } from '@shared/evidence/chain';
import type { JournalEntry } from '@shared/evidence/entries';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import type { VaultCodec } from './codec';
import { nodeCrypto, sha256Hex, type Signer } from './crypto';
import { appendDurable, writeAtomic } from './durable';

export const LEDGER_FILE = 'ledger.jsonl';
const CONTEXT = 'ledger';
const WHAT = 'The record of signed heads';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const ref = z.string().regex(/^[A-Z0-9-]{4,40}$/);

/** Each kind of ledger line, with the schema of its data. */
const LEDGER_DATA = {
  /**
   * The first line: a new vault; a vault made before the ledger existed, whose heads were taken as they stood; or a
   * long ledger compacted into one line per incident (`previous`: the line count and last hash it replaced).
   */
  'ledger.started': z.object({
    vaultId: z.string(),
    cause: z.enum(['new-vault', 'migration', 'compaction', 'device-change']),
    previous: z.object({ lines: z.number().int().positive(), hash: sha }).optional(),
  }),
  /** The device signed this incident's head at entry `seq`; `migrated` when taken from the journal at migration. */
  head: z.object({ ref, seq: z.number().int().nonnegative(), hash: sha, migrated: z.literal(true).optional() }),
  /** An incident deleted on purpose (two people's approval, a destruction certificate): its absence is expected. */
  'incident.removed': z.object({ ref, reason: z.string().max(2000) }),
  /** A half-written last line found after an interruption and cut off; it vouched for nothing yet. */
  'recovery.torn-tail': z.object({ bytes: z.number().int().nonnegative() }),
} as const;

type LedgerKind = keyof typeof LEDGER_DATA;
type LedgerData<K extends LedgerKind> = z.infer<(typeof LEDGER_DATA)[K]>;

const LineSchema = z
  .object({
    n: z.number().int().nonnegative(),
    at: z.string(),
    kind: z.enum(Object.keys(LEDGER_DATA) as [LedgerKind, ...LedgerKind[]]),
    data: z.unknown(),
    prev: sha,
    hash: sha,
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .strict();

export interface LedgerLine<K extends LedgerKind = LedgerKind> {
  n: number;
  at: string;
  kind: K;
  data: LedgerData<K>;
  prev: string;
  hash: string;
  signature: string;
}

const lineHash = (l: Omit<LedgerLine, 'hash' | 'signature'>): string => sha256Hex(`${l.prev}\n${canonicalJson(l)}`);

/** What the device key signs for each ledger line. */
export const ledgerMessage = (n: number, hash: string): string => `countersign ledger v1\n${n}\n${hash}`;

/** An incident's latest head as the ledger has it. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/** The ledger read and checked: each incident's latest head, the incidents removed on purpose, and the chain's end. */
export interface LedgerView {
  vaultId: string;
  lines: number;
  last: string;
  heads: ReadonlyMap<string, LedgerHead>;
  /** Incidents deleted on purpose, with the reason recorded. */
  removed: ReadonlyMap<string, string>;
}

/** A ledger longer than this is compacted when the vault is next unlocked, so reading it stays quick. */
export const COMPACT_AT = 2000;

const EMPTY: LedgerView = { vaultId: '', lines: 0, last: GENESIS, heads: new Map(), removed: new Map() };

const rolledBack = (message: string) => new CodedError('ROLLED_BACK', message);

const DO_THIS =
  'Nothing has been changed. Do not continue on this computer: keep it as it is, tell the designated safeguarding ' +
  'lead and IT support, and compare with the printed forms and any exported bundles.';

/**
 * Checks raw ledger bytes: each complete line decoded, in sequence, linked, hashed and signed by the device. Returns
 * the view, or throws CORRUPT naming the first bad line; a torn last line (an interrupted write) is reported, not
 * trusted.
 */
export const readLedgerBytes = (
  raw: Buffer,
  codec: VaultCodec,
  devicePublicKeyPem: string,
): { view: LedgerView; completeBytes: number; tornBytes: number } => {
  const completeBytes = raw.lastIndexOf(0x0a) + 1;
  const body = raw.subarray(0, completeBytes).toString('utf8');
  const texts = body.length === 0 ? [] : body.slice(0, -1).split('\n');
  const heads = new Map<string, LedgerHead>();
  const removed = new Map<string, string>();
  let vaultId = '';
  let prev = GENESIS;
  const bad = (i: number, why: string) =>
    new CodedError(
      'CORRUPT',
      `${WHAT} (${LEDGER_FILE}) is damaged at line ${i + 1}: ${why}. Without it, Countersign cannot tell ` +
        `whether an incident has been cut back. ${DO_THIS}`,
    );
  texts.forEach((text, i) => {
    let line: LedgerLine;
    try {
      const parsed = LineSchema.parse(JSON.parse(codec.decodeLine(text, CONTEXT)));
      line = { ...parsed, data: LEDGER_DATA[parsed.kind].parse(parsed.data) } as LedgerLine;
    } catch {
      throw bad(i, 'it cannot be read');
    }
    const { hash, signature, ...unsealed } = line;
    if (line.n !== i) throw bad(i, `it holds line ${line.n}: a line is missing, added or out of order`);
    if (line.prev !== prev || lineHash(unsealed) !== hash) throw bad(i, 'it has been altered');
    // Each hash covers the line before, so the last line's signature vouches for them all: one check, not one a line.
    if (i === texts.length - 1 && !nodeCrypto.verify(devicePublicKeyPem, ledgerMessage(line.n, hash), signature))
      throw bad(i, "it is not signed by this computer's device key");
    if (i === 0 ? line.kind !== 'ledger.started' : line.kind === 'ledger.started')
      throw bad(i, 'the ledger does not begin here');
    if (line.kind === 'head') {
      const d = line.data as LedgerData<'head'>;
      heads.set(d.ref, { seq: d.seq, hash: d.hash });
      removed.delete(d.ref);
    }
    if (line.kind === 'incident.removed') {
      const d = line.data as LedgerData<'incident.removed'>;
      removed.set(d.ref, d.reason);
    }
    if (line.kind === 'ledger.started') vaultId = (line.data as LedgerData<'ledger.started'>).vaultId;
    prev = hash;
  });
  if (texts.length === 0)
    throw rolledBack(
      `${WHAT} (${LEDGER_FILE}) has been emptied, so Countersign cannot tell whether any incident has been cut ` +
        `back. ${DO_THIS}`,
    );
  const view = { vaultId, lines: texts.length, last: prev, heads, removed };
  return { view, completeBytes, tornBytes: raw.length - completeBytes };
};

/**
 * Compares an incident's verified journal with the ledger. Returns why the incident has been rolled back, or null:
 * the journal must still hold the ledger's latest head for it, and must hold no signed head the ledger lacks (the
 * ledger is written first, so only a ledger cut back or replaced can be behind).
 */
export const rollbackOf = (ref: string, entries: readonly JournalEntry[], view: LedgerView): string | null => {
  const recorded = view.heads.get(ref);
  const last = entries.length - 1;
  if (view.removed.has(ref))
    return `Incident ${ref} was deleted from this computer, with two people's approval, but its folder is back.`;
  if (recorded && !entries[recorded.seq])
    return (
      `Incident ${ref} has been cut back: this computer signed its record up to entry ${recorded.seq}, but its ` +
      `journal now ends at entry ${last}, so someone has removed entries or put back an older copy.`
    );
  if (recorded && entries[recorded.seq]?.hash !== recorded.hash)
    return (
      `Incident ${ref} has been replaced: entry ${recorded.seq} of its journal is not the one this computer signed, ` +
      'so someone has put another copy of it in its place.'
    );
  const signed = entries.findLast((e): e is JournalEntry<'head.signed'> => e.kind === 'head.signed')?.data.seq ?? -1;
  if (signed > (recorded?.seq ?? -1))
    return (
      `This computer's record of signed heads is older than incident ${ref}: the incident was signed up to entry ` +
      `${signed}, but the record stops ${recorded ? `at entry ${recorded.seq}` : 'before it'}. Someone has cut the ` +
      `record (${LEDGER_FILE}) back or put back an older copy.`
    );
  return null;
};

const unlessDiskFull = (e: unknown): void => {
  if (!(e instanceof CodedError && e.code === 'IO_ERROR')) throw e;
};

/** The refusal for a rolled-back incident, in plain words with what to do. */
export const rolledBackError = (why: string): CodedError => rolledBack(`${why} ${DO_THIS}`);

export interface LedgerDeps {
  dataDir: string;
  codec: VaultCodec;
  clock: Clock;
  device: Signer;
  /** Compact past this many lines (COMPACT_AT unless a test says otherwise). */
  compactAt?: number;
}

/** Reads the ledger without changing it (for `check` and for building the register). Throws CORRUPT when damaged. */
export const readLedger = async (
  dataDir: string,
  codec: VaultCodec,
  devicePublicKeyPem: string,
): Promise<{ view: LedgerView; completeBytes: number; tornBytes: number } | null> => {
  let raw: Buffer;
  try {
    raw = await readFile(join(dataDir, LEDGER_FILE));
  } catch {
    return null;
  }
  return readLedgerBytes(raw, codec, devicePublicKeyPem);
};

export class HeadLedger {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: LedgerDeps,
    private view: LedgerView,
    /** Set when the ledger cannot vouch for anything (missing or damaged): every incident is then refused. */
    readonly problem: CodedError | null,
  ) {}

  private get path(): string {
    return join(this.deps.dataDir, LEDGER_FILE);
  }

  /** Opens the ledger for writing; a torn last line (an interrupted write) is cut off and the cut recorded. */
  static async open(deps: LedgerDeps): Promise<HeadLedger | null> {
    let read;
    try {
      read = await readLedger(deps.dataDir, deps.codec, deps.device.publicKeyPem);
    } catch (e) {
      if (e instanceof CodedError) return HeadLedger.unusable(deps, e);
      throw e;
    }
    if (!read) return null;
    const ledger = new HeadLedger(deps, read.view, null);
    // Neither repair may keep a full disk from unlocking: the cut line vouched for nothing, and compaction can wait.
    if (read.tornBytes > 0) {
      await truncate(ledger.path, read.completeBytes);
      await ledger.write('recovery.torn-tail', { bytes: read.tornBytes }).catch(unlessDiskFull);
    }
    // Only a ledger that has grown well past its compacted length (a line per incident) is compacted: a vault with more
    // incidents than COMPACT_AT would otherwise be rewritten, a signature a line, at every unlock (2 s with 5,000).
    const compacted = 1 + ledger.view.heads.size + ledger.view.removed.size;
    if (ledger.view.lines > Math.max(deps.compactAt ?? COMPACT_AT, 2 * compacted))
      await ledger.compact().catch(unlessDiskFull);
    return ledger;
  }

  /**
   * Replaces a long ledger, in one atomic rename, by one line per incident with its latest head (and each incident
   * deleted on purpose), the first line naming the ledger it replaces. Put back, the old file is only an older copy.
   */
  private async compact(cause: 'compaction' | 'device-change' = 'compaction'): Promise<void> {
    const old = this.view;
    this.view = { ...EMPTY, vaultId: old.vaultId };
    const previous = { lines: old.lines, hash: old.last };
    const lines: LedgerLine[] = [this.seal('ledger.started', { vaultId: old.vaultId, cause, previous })];
    for (const [r, h] of old.heads) lines.push(this.seal('head', { ref: r, seq: h.seq, hash: h.hash }));
    for (const [r, reason] of old.removed) lines.push(this.seal('incident.removed', { ref: r, reason }));
    try {
      await writeAtomic(this.path, Buffer.from(lines.map((l) => this.encode(l)).join(''), 'utf8'), WHAT);
    } catch (e) {
      this.view = old;
      throw e;
    }
    this.view = { ...this.view, heads: old.heads, removed: old.removed };
  }

  /**
   * Hands the ledger to a new device key (the vault restored on another computer): rewritten, in one atomic rename, as
   * one line per incident signed by the new key, the first naming the ledger it replaces. Only that key signs after.
   */
  handOver(device: Signer): Promise<HeadLedger> {
    return this.serial(async () => {
      const next = new HeadLedger({ ...this.deps, device }, this.view, null);
      await next.compact('device-change');
      return next;
    });
  }

  /** A ledger that refuses everything with `problem`: the file is missing when it must exist, or damaged. */
  static unusable(deps: LedgerDeps, problem: CodedError): HeadLedger {
    return new HeadLedger(deps, EMPTY, problem);
  }

  /** The ledger's absence where one must exist: it has been deleted. */
  static deleted(deps: LedgerDeps): HeadLedger {
    return HeadLedger.unusable(
      deps,
      rolledBackError(
        `This computer's record of signed heads (${LEDGER_FILE}) has been deleted, so Countersign cannot tell ` +
          'whether any incident has been cut back.',
      ),
    );
  }

  /** Starts the ledger: for a new vault, or (migration) for an older vault with the heads its journals have now. */
  static async start(
    deps: LedgerDeps,
    vaultId: string,
    cause: 'new-vault' | 'migration',
    heads: readonly { ref: string; seq: number; hash: string }[] = [],
  ): Promise<HeadLedger> {
    const ledger = new HeadLedger(deps, { ...EMPTY, vaultId }, null);
    // Written whole or not at all: a half-built ledger would wrongly accuse the incidents left out.
    const lines: LedgerLine[] = [ledger.seal('ledger.started', { vaultId, cause })];
    for (const h of heads) lines.push(ledger.seal('head', { ref: h.ref, seq: h.seq, hash: h.hash, migrated: true }));
    await writeAtomic(ledger.path, Buffer.from(lines.map((l) => ledger.encode(l)).join(''), 'utf8'), WHAT);
    ledger.view = { ...ledger.view, heads: new Map(heads.map((h) => [h.ref, { seq: h.seq, hash: h.hash }])) };
    return ledger;
  }

  headOf(ref: string): LedgerHead | undefined {
    return this.view.heads.get(ref);
  }

  /** Whether the incident was deleted on purpose (by two people), so its missing folder is expected. */
  wasRemoved(ref: string): boolean {
    return this.view.removed.has(ref);
  }

  /** Incidents the ledger says exist (recorded and not removed on purpose). */
  refs(): string[] {
    return [...this.view.heads.keys()].filter((r) => !this.view.removed.has(r)).sort();
  }

  /** Throws the ledger's problem, if it has one. */
  assertUsable(): void {
    if (this.problem) throw this.problem;
  }

  /** Refuses a journal that is behind (or ahead of) what this ledger recorded for it. */
  assertCurrent(ref: string, entries: readonly JournalEntry[]): void {
    this.assertUsable();
    const why = rollbackOf(ref, entries, this.view);
    if (why) throw rolledBackError(why);
  }

  /** Records that the device signed `ref`'s head at `seq`; durable before it resolves. */
  record(ref: string, seq: number, hash: string): Promise<void> {
    return this.serial(async () => {
      const had = this.view.heads.get(ref);
      if (had?.seq === seq && had.hash === hash) return;
      await this.write('head', { ref, seq, hash });
    });
  }

  /** Records that an incident was deleted on purpose, so its missing folder is not taken for a rollback. */
  recordRemoved(ref: string, reason: string): Promise<void> {
    return this.serial(() => this.write('incident.removed', { ref, reason }));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.assertUsable();
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private seal<K extends LedgerKind>(kind: K, data: LedgerData<K>): LedgerLine<K> {
    const n = this.view.lines;
    const unsealed = { n, at: this.deps.clock.now().toISOString(), kind, data, prev: this.view.last };
    const hash = lineHash(unsealed);
    const line = { ...unsealed, hash, signature: this.deps.device.sign(ledgerMessage(n, hash)) };
    this.view = { ...this.view, lines: n + 1, last: hash };
    return line;
  }

  private encode(line: LedgerLine): string {
    return `${this.deps.codec.encodeLine(JSON.stringify(line), CONTEXT)}\n`;
  }

  private async write<K extends LedgerKind>(kind: K, data: LedgerData<K>): Promise<void> {
    const before = this.view;
    const line = this.seal(kind, data);
    try {
      await appendDurable(this.path, Buffer.from(this.encode(line), 'utf8'), WHAT);
    } catch (e) {
      this.view = before;
      throw e;
    }
    const heads = new Map(this.view.heads);
    const removed = new Map(this.view.removed);
    if (kind === 'head') {
      const d = data as LedgerData<'head'>;
      heads.set(d.ref, { seq: d.seq, hash: d.hash });
      removed.delete(d.ref);
    }
    if (kind === 'incident.removed') {
      const d = data as LedgerData<'incident.removed'>;
      removed.set(d.ref, d.reason);
    }
    this.view = { ...this.view, heads, removed };
  }
}
