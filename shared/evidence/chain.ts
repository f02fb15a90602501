// The hash chain (docs/formats/journal.md): canonical form, entry hashing, and line-by-line verification that names the
// first bad entry.
import canonicalize from 'canonicalize';
import { deviceKeyAt } from './device-keys';
import { ENTRY_DATA, isEntryKind, type JournalEntry, type UnsealedEntry } from './entries';

export const GENESIS = '0'.repeat(64);

/** Hash and signature primitives, injected so that shared/ stays free of Node and DOM. */
export interface CryptoPort {
  sha256Hex(data: string | Uint8Array): string;
  /** Ed25519 verification; publicKey is an SPKI PEM. */
  verify(publicKeyPem: string, message: string, signatureHex: string): boolean;
  /** SHA-256 (hex) of a public key's SPKI DER, given its PEM. */
  fingerprint(publicKeyPem: string): string;
}

export const canonicalJson = (value: unknown): string => {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('value has no canonical JSON form');
  return s;
};

export const entryHash = (crypto: CryptoPort, entry: UnsealedEntry): string =>
  crypto.sha256Hex(`${entry.prev}\n${canonicalJson(entry)}`);

/** A lone UTF-16 surrogate (half of a pair), which neither UTF-8 nor RFC 8785 can carry. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The value with every lone surrogate in its strings (and keys) replaced by U+FFFD, as a UTF-8 encoder would: a hostile
 * page's title or address may hold one, and the canonical form that is hashed cannot.
 */
export const wellFormed = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wellFormed(v)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormed(v)])) as T;
  return value;
};

/** Whether every string (and key) in the value is well-formed UTF-16, as every entry Countersign writes is. */
const isWellFormed = (value: unknown): boolean => {
  if (typeof value === 'string') return !new RegExp(LONE_SURROGATE.source).test(value);
  if (Array.isArray(value)) return value.every(isWellFormed);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).every(([k, v]) => isWellFormed(k) && isWellFormed(v));
  return true;
};

/** The entry as it is written and hashed: its strings made well-formed first. */
export const seal = (crypto: CryptoPort, entry: UnsealedEntry): JournalEntry => {
  const clean = wellFormed(entry);
  return { ...clean, hash: entryHash(crypto, clean) };
};

/** What the device key signs to vouch for a chain head. */
export const headMessage = (seq: number, hash: string): string => `countersign head v1\n${seq}\n${hash}`;

/** What each reviewer signs at sign-off. */
export const signoffMessage = (ref: string, digest: string): string => `countersign signoff v1\n${ref}\n${digest}`;

/** What the reviewer who adds an addendum signs (the app's addendum step). */
export const addendumMessage = (ref: string, text: string): string => `countersign addendum v1\n${ref}\n${text}`;

export interface ChainProblem {
  /** 1-based line number in the journal file. */
  line: number;
  seq?: number;
  code:
    | 'NOT_JSON'
    | 'BAD_SHAPE'
    | 'UNKNOWN_KIND'
    | 'BAD_DATA'
    | 'BAD_SEQ'
    | 'BAD_PREV'
    | 'BAD_HASH'
    | 'BAD_TIME'
    | 'BAD_HEAD';
  message: string;
}

const ENTRY_KEYS = ['seq', 'at', 'mono', 'kind', 'actor', 'data', 'prev', 'hash'];
const AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Parses one journal line into an entry, or says exactly what is wrong with it. */
export const parseLine = (line: string, lineNo: number): { entry: JournalEntry } | { problem: ChainProblem } => {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { problem: { line: lineNo, code: 'NOT_JSON', message: `line ${lineNo} is not JSON` } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problem: { line: lineNo, code: 'BAD_SHAPE', message: `line ${lineNo} is not a JSON object` } };
  }
  const o = raw as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.join(',') !== [...ENTRY_KEYS].sort().join(',')) {
    return {
      problem: {
        line: lineNo,
        code: 'BAD_SHAPE',
        message: `line ${lineNo} must have exactly the fields ${ENTRY_KEYS.join(', ')}`,
      },
    };
  }
  const seq = o.seq;
  if (
    typeof seq !== 'number' ||
    !Number.isInteger(seq) ||
    typeof o.mono !== 'number' ||
    typeof o.actor !== 'string' ||
    typeof o.prev !== 'string' ||
    typeof o.hash !== 'string' ||
    typeof o.at !== 'string' ||
    typeof o.kind !== 'string'
  ) {
    return { problem: { line: lineNo, code: 'BAD_SHAPE', message: `line ${lineNo} has a field of the wrong type` } };
  }
  if (!AT_RE.test(o.at) || Number.isNaN(Date.parse(o.at))) {
    return {
      problem: {
        line: lineNo,
        seq,
        code: 'BAD_TIME',
        message: `entry ${seq}: "at" is not a UTC time with milliseconds`,
      },
    };
  }
  if (!isEntryKind(o.kind)) {
    return { problem: { line: lineNo, seq, code: 'UNKNOWN_KIND', message: `entry ${seq}: unknown kind "${o.kind}"` } };
  }
  const data = ENTRY_DATA[o.kind].safeParse(o.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const where = issue ? issue.path.join('.') || '(data)' : '(data)';
    return {
      problem: {
        line: lineNo,
        seq,
        code: 'BAD_DATA',
        message: `entry ${seq} (${o.kind}): data.${where}: ${issue?.message ?? 'invalid'}`,
      },
    };
  }
  return { entry: o as unknown as JournalEntry };
};

export interface ChainReport {
  entries: JournalEntry[];
  /** The first problem found; entries after it are not trusted and not returned. */
  problem?: ChainProblem;
}

/** Walks the chain from the genesis, checking sequence, links and hashes; stops at the first bad entry. */
export const verifyChain = (crypto: CryptoPort, lines: readonly string[]): ChainReport => {
  const entries: JournalEntry[] = [];
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const parsed = parseLine(lines[i] ?? '', lineNo);
    if ('problem' in parsed) return { entries, problem: parsed.problem };
    const e = parsed.entry;
    if (e.seq !== i) {
      return {
        entries,
        problem: {
          line: lineNo,
          seq: e.seq,
          code: 'BAD_SEQ',
          message: `line ${lineNo} holds entry ${e.seq}, expected ${i}: an entry is missing, added or out of order`,
        },
      };
    }
    if (e.prev !== prev) {
      return {
        entries,
        problem: {
          line: lineNo,
          seq: e.seq,
          code: 'BAD_PREV',
          message: `entry ${e.seq} does not link to entry ${i - 1}: the chain is broken here`,
        },
      };
    }
    const { hash, ...unsealed } = e;
    if (!isWellFormed(unsealed)) {
      return {
        entries,
        problem: {
          line: lineNo,
          seq: e.seq,
          code: 'BAD_DATA',
          message:
            `entry ${e.seq} holds text that is not well-formed Unicode (a lone surrogate), ` +
            'which no journal Countersign writes holds',
        },
      };
    }
    if (entryHash(crypto, unsealed) !== hash) {
      return {
        entries,
        problem: {
          line: lineNo,
          seq: e.seq,
          code: 'BAD_HASH',
          message: `entry ${e.seq} (${e.kind}) has been altered: its hash does not match its content`,
        },
      };
    }
    entries.push(e);
    prev = hash;
  }
  return { entries };
};

export interface SignedHead {
  seq: number;
  hash: string;
  keyFingerprint: string;
  signature: string;
}

/**
 * Checks each signed head (in the journal, and any kept beside it) against the device key and the chain:
 * a head must name an entry that exists with exactly that hash.
 */
export const verifyHeads = (
  crypto: CryptoPort,
  entries: readonly JournalEntry[],
  devicePublicKeyPem: string,
  outside: readonly SignedHead[] = [],
  signatures: 'every' | 'latest' = 'every',
): ChainProblem[] => {
  const problems: ChainProblem[] = [];
  const fingerprints = new Map<string, string>();
  // A head over entry N is signed by the device key valid after entry N: a restore on another computer changes it.
  const keyOver = (seq: number): { pem: string; fp: string } => {
    const pem = deviceKeyAt(entries, seq + 1, devicePublicKeyPem);
    let fp = fingerprints.get(pem);
    if (fp === undefined) {
      fp = crypto.fingerprint(pem);
      fingerprints.set(pem, fp);
    }
    return { pem, fp };
  };
  const inJournal = entries.flatMap((e) =>
    e.kind === 'head.signed' ? [{ head: e.data as SignedHead, line: e.seq + 1, where: `entry ${e.seq}` }] : [],
  );
  const kept = outside.map((head, i) => ({ head, line: 0, where: `kept head ${i + 1}` }));
  const latest = inJournal.at(-1);
  for (const { head, line, where } of [...inJournal, ...kept]) {
    const target = entries[head.seq];
    // With 'latest', an earlier head's signature is left unchecked: the chain's hashes tie it to the latest head, whose
    // signature is checked (the app's own reading; a third party's audit checks every one).
    const checkSignature = signatures === 'every' || line === 0 || line === latest?.line;
    const { pem, fp } = keyOver(head.seq);
    if (head.keyFingerprint !== fp) {
      problems.push({
        line,
        seq: head.seq,
        code: 'BAD_HEAD',
        message: `${where}: signed by an unknown key ${head.keyFingerprint.slice(0, 16)}…, not this device's`,
      });
    } else if (checkSignature && !crypto.verify(pem, headMessage(head.seq, head.hash), head.signature)) {
      problems.push({
        line,
        seq: head.seq,
        code: 'BAD_HEAD',
        message: `${where}: the device signature over the head at entry ${head.seq} is not valid`,
      });
    } else if (!target) {
      problems.push({
        line,
        seq: head.seq,
        code: 'BAD_HEAD',
        message:
          `${where}: the device signed a head at entry ${head.seq}, but the journal ends at entry ` +
          `${entries.length - 1}: entries have been cut off`,
      });
    } else if (target.hash !== head.hash) {
      problems.push({
        line,
        seq: head.seq,
        code: 'BAD_HEAD',
        message: `${where}: the device signed entry ${head.seq} with a different hash: the chain has been rewritten`,
      });
    }
  }
  return problems;
};
