// The evidence bundle (DESIGN 4.3): BagIt 1.0 tag files, the URL list, and verification of a bag from its bytes alone.
import { auditJournal } from './audit';
import { verifyChain, type CryptoPort } from './chain';
import type { EntryData, JournalEntry } from './entries';

/** The bundle format this code writes, and every format it can check. */
export const BUNDLE_FORMAT = 1;
export const KNOWN_FORMATS: readonly number[] = [1];

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const TAG_FILES = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifest: 'manifest-sha256.txt',
  tagmanifest: 'tagmanifest-sha256.txt',
} as const;
/** Tag files the tag manifest covers; the signatures sign the tag manifest, so they cannot be in it. */
export const TAGMANIFEST_COVERS: readonly string[] = [TAG_FILES.bagit, TAG_FILES.bagInfo, TAG_FILES.manifest];
export const SIGNATURES_DIR = 'signatures';
export const DEVICE_SIGNER = 'device';
export const PAYLOAD = {
  incident: 'data/incident.json',
  journal: 'data/journal.jsonl',
  screenshots: 'data/screenshots',
  form: 'data/form.pdf',
  screenshotsPdf: 'data/screenshots.pdf',
  urls: 'data/urls.csv',
  verify: 'data/VERIFY.txt',
} as const;
/** Every payload file a bundle holds besides the screenshots. */
export const REQUIRED_PAYLOAD: readonly string[] = [
  PAYLOAD.incident,
  PAYLOAD.journal,
  PAYLOAD.form,
  PAYLOAD.screenshotsPdf,
  PAYLOAD.urls,
  PAYLOAD.verify,
];
export const SIGNER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const screenshotPath = (sha256: string): string => `${PAYLOAD.screenshots}/${sha256}.png`;
export const signaturePaths = (name: string): { sig: string; pub: string } => ({
  sig: `${SIGNATURES_DIR}/${name}.sig`,
  pub: `${SIGNATURES_DIR}/${name}.pub.pem`,
});

/** bag-info.txt labels beyond RFC 8493's reserved ones. */
export const INFO = {
  format: 'Countersign-Bundle-Format',
  journalEntries: 'Countersign-Journal-Entries',
  journalHead: 'Countersign-Journal-Head',
} as const;

// ---- bytes and text (shared/ has no TextEncoder) ---------------------------------------------------

export const utf8Encode = (s: string): Uint8Array => {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
};

/** Strict UTF-8 decoding: null for any byte sequence that is not well-formed UTF-8. */
export const utf8Decode = (b: Uint8Array): string | null => {
  const units: number[] = [];
  let text = '';
  const flush = () => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  for (let i = 0; i < b.length;) {
    const c = b[i] ?? 0;
    let cp: number;
    let n: number;
    if (c < 0x80) [cp, n] = [c, 0];
    else if (c >= 0xc2 && c <= 0xdf) [cp, n] = [c & 31, 1];
    else if (c >= 0xe0 && c <= 0xef) [cp, n] = [c & 15, 2];
    else if (c >= 0xf0 && c <= 0xf4) [cp, n] = [c & 7, 3];
    else return null;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 63);
    }
    if ((n === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)))
      return null;
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 1023));
    else units.push(cp);
    if (units.length >= 8192) flush();
    i += n + 1;
  }
  flush();
  return text;
};

export const bytesToHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export const hexToBytes = (hex: string): Uint8Array => {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- the journal as a payload file ---------------------------------------------------------------

/** The journal file: each plain line exactly as hashed, LF after each. */
export const journalFileText = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

// ---- urls.csv ------------------------------------------------------------------------------------

export const URL_COLUMNS = ['seq', 'at', 'kind', 'url', 'frame', 'status', 'how', 'from', 'detail'] as const;
type UrlRow = Partial<Record<(typeof URL_COLUMNS)[number], string | number>>;

/** A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula: a leading ' stops it (OWASP). */
export const csvCell = (v: string | number | undefined): string => {
  const s = v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

const urlRow = (e: JournalEntry): UrlRow | null => {
  const base = { seq: e.seq, at: e.at, kind: e.kind };
  switch (e.kind) {
    case 'browser.requested': {
      const d = e.data as EntryData<'browser.requested'>;
      return { ...base, url: d.url, detail: d.selector ? `${d.action} ${d.selector}` : d.action };
    }
    case 'browser.navigated': {
      const d = e.data as EntryData<'browser.navigated'>;
      return { ...base, url: d.url, frame: d.frame, status: d.status };
    }
    case 'browser.redirected': {
      const d = e.data as EntryData<'browser.redirected'>;
      return { ...base, url: d.to, from: d.from, how: d.how, status: d.status };
    }
    case 'browser.in-page': {
      const d = e.data as EntryData<'browser.in-page'>;
      return { ...base, url: d.url, frame: d.frame };
    }
    case 'browser.title': {
      const d = e.data as EntryData<'browser.title'>;
      return { ...base, url: d.url, detail: d.title };
    }
    case 'browser.load-failed':
    case 'browser.certificate-error': {
      const d = e.data as EntryData<'browser.load-failed'>;
      return { ...base, url: d.url, detail: d.error };
    }
    case 'browser.popup-blocked': {
      const d = e.data as EntryData<'browser.popup-blocked'>;
      return { ...base, url: d.url, from: d.opener };
    }
    case 'browser.download-blocked': {
      const d = e.data as EntryData<'browser.download-blocked'>;
      return { ...base, url: d.url, detail: d.filename };
    }
    case 'browser.permission-denied': {
      const d = e.data as EntryData<'browser.permission-denied'>;
      return { ...base, url: d.origin, detail: d.permission };
    }
    case 'browser.navigation-blocked': {
      const d = e.data as EntryData<'browser.navigation-blocked'>;
      return { ...base, url: d.url, detail: d.reason };
    }
    default:
      return null;
  }
};

/**
 * Every URL the evidence browser was asked for or reached, with UTC times, from the journal's browser.*
 * entries. CRLF and a byte-order mark, because the people who open it use a spreadsheet.
 */
export const urlsCsvText = (entries: readonly JournalEntry[]): string => {
  const rows = entries.flatMap((e) => {
    const r = urlRow(e);
    return r ? [URL_COLUMNS.map((c) => csvCell(r[c])).join(',')] : [];
  });
  return `\ufeff${[URL_COLUMNS.map((c) => csvCell(c)).join(','), ...rows].map((l) => `${l}\r\n`).join('')}`;
};

// ---- tag files -----------------------------------------------------------------------------------

export interface BagFile {
  /** Path relative to the bag's top folder, with "/" separators. */
  path: string;
  bytes: Uint8Array;
}

/** Signs for the bag: an Ed25519 key that returns a 64-byte signature in hex. */
export interface BagSigner {
  name: string;
  publicKeyPem: string;
  sign(message: Uint8Array): string;
}

export interface BagSpec {
  ref: string;
  organisation: string;
  /** Countersign's version, for Bag-Software-Agent. */
  version: string;
  /** YYYY-MM-DD. */
  baggingDate: string;
  description: string;
  journal: { entries: number; head: string };
  /** Every payload file, paths under data/. */
  payload: readonly BagFile[];
}

/** BagIt manifest lines: "<sha256>  <path>", LF; CR, LF and % in a path are percent-encoded (RFC 8493 2.1.3). */
export const manifestText = (crypto: Pick<CryptoPort, 'sha256Hex'>, files: readonly BagFile[]): string =>
  [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(
      (f) =>
        `${crypto.sha256Hex(f.bytes)}  ${f.path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`,
    )
    .join('');

/** One line per value: a tag value must not break its line. */
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').trim();

export const bagInfoText = (spec: BagSpec): string => {
  const bytes = spec.payload.reduce((n, f) => n + f.bytes.length, 0);
  const fields: [string, string][] = [
    ['Source-Organization', oneLine(spec.organisation)],
    ['External-Identifier', spec.ref],
    ['Internal-Sender-Description', oneLine(spec.description)],
    ['Bagging-Date', spec.baggingDate],
    ['Bag-Software-Agent', `Countersign ${oneLine(spec.version)}`],
    ['Payload-Oxum', `${bytes}.${spec.payload.length}`],
    [INFO.format, String(BUNDLE_FORMAT)],
    [INFO.journalEntries, String(spec.journal.entries)],
    [INFO.journalHead, spec.journal.head],
  ];
  return fields.map(([k, v]) => `${k}: ${v}\n`).join('');
};

/**
 * The whole bag: payload, tag files, and one signature per signer over the exact bytes of the tag
 * manifest. Paths are relative to the bag's top folder.
 */
export const buildBag = (
  crypto: Pick<CryptoPort, 'sha256Hex'>,
  spec: BagSpec,
  signers: readonly BagSigner[],
): BagFile[] => {
  const names = signers.map((s) => s.name);
  if (!names.includes(DEVICE_SIGNER)) throw new Error('the device must sign the bundle');
  for (const n of names) {
    if (!SIGNER_NAME_RE.test(n)) throw new Error(`"${n}" cannot name a signature file`);
    if (names.indexOf(n) !== names.lastIndexOf(n)) throw new Error(`two signers are both named "${n}"`);
  }
  for (const f of spec.payload) {
    if (!f.path.startsWith('data/')) throw new Error(`payload file ${f.path} is not under data/`);
  }
  const bagit = { path: TAG_FILES.bagit, bytes: utf8Encode(BAGIT_TXT) };
  const info = { path: TAG_FILES.bagInfo, bytes: utf8Encode(bagInfoText(spec)) };
  const manifest = { path: TAG_FILES.manifest, bytes: utf8Encode(manifestText(crypto, spec.payload)) };
  const tagmanifest = { path: TAG_FILES.tagmanifest, bytes: utf8Encode(manifestText(crypto, [bagit, info, manifest])) };
  const signatures = signers.flatMap((s) => {
    const p = signaturePaths(s.name);
    const sig = hexToBytes(s.sign(tagmanifest.bytes));
    if (sig.length !== 64) throw new Error(`the signature of ${s.name} is not 64 bytes`);
    return [
      { path: p.sig, bytes: sig },
      { path: p.pub, bytes: utf8Encode(s.publicKeyPem.endsWith('\n') ? s.publicKeyPem : `${s.publicKeyPem}\n`) },
    ];
  });
  return [bagit, info, manifest, tagmanifest, ...signatures, ...spec.payload];
};

// ---- parsing tag files ---------------------------------------------------------------------------

/** Tag-file lines, either LF or CRLF (RFC 8493 allows both); no final empty line. */
const textLines = (s: string): string[] => {
  const lines = s.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

export const parseBagInfo = (text: string): { fields: Map<string, string[]>; bad: number[] } => {
  const fields = new Map<string, string[]>();
  const bad: number[] = [];
  let last: { label: string; index: number } | null = null;
  textLines(text).forEach((line, i) => {
    if (/^[ \t]/.test(line) && last) {
      const values = fields.get(last.label) ?? [];
      values[last.index] = `${values[last.index] ?? ''} ${line.trim()}`;
      return;
    }
    const m = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line);
    if (!m?.[1]) {
      bad.push(i + 1);
      return;
    }
    const values = fields.get(m[1]) ?? [];
    values.push((m[2] ?? '').trim());
    fields.set(m[1], values);
    last = { label: m[1], index: values.length - 1 };
  });
  return { fields, bad };
};

export interface ManifestLine {
  line: number;
  sha256: string;
  path: string;
}

/** Parses a SHA-256 manifest; bad lines are named, never guessed at. */
export const parseManifest = (text: string): { entries: ManifestLine[]; bad: { line: number; why: string }[] } => {
  const entries: ManifestLine[] = [];
  const bad: { line: number; why: string }[] = [];
  textLines(text).forEach((raw, i) => {
    const line = i + 1;
    const m = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(raw);
    if (!m?.[1] || !m[2]) {
      bad.push({ line, why: 'is not "<sha256>  <path>"' });
      return;
    }
    const path = m[2].replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
    if (
      path.startsWith('/') ||
      path.includes('\\') ||
      path.split('/').some((s) => s === '..' || s === '.' || s === '')
    ) {
      bad.push({ line, why: `names an unsafe path "${path}"` });
      return;
    }
    if (entries.some((e) => e.path === path)) {
      bad.push({ line, why: `lists ${path} a second time` });
      return;
    }
    entries.push({ line, sha256: m[1].toLowerCase(), path });
  });
  return { entries, bad };
};

// ---- verification --------------------------------------------------------------------------------

/** The files of a bag, read one at a time so that a large bundle need not be held in memory at once. */
export interface BagSource {
  /** Every file, by path relative to the bag's top folder, with its size in bytes. */
  files: ReadonlyMap<string, number>;
  read(path: string): Promise<Uint8Array>;
  /** The name of the bag's top folder, when there is one (a zip's top folder, or the folder's name). */
  rootName?: string;
}

/** A bag held in memory (the app's "Verify a bundle" screen, tests). */
export const memorySource = (files: ReadonlyMap<string, Uint8Array>, rootName?: string): BagSource => ({
  files: new Map([...files].map(([p, b]) => [p, b.length])),
  read: async (p) => {
    const b = files.get(p);
    if (!b) throw new Error(`${p} is not in the bag`);
    return b;
  },
  rootName,
});

export const CHECKS = {
  bag: 'BagIt declaration, bag-info.txt and format version',
  completeness: 'Every file in the manifest is present and every file under data/ is in the manifest',
  oxum: 'Payload-Oxum (byte and file count of data/)',
  payload: 'SHA-256 of every payload file (manifest-sha256.txt)',
  tagmanifest: 'SHA-256 of every tag file (tagmanifest-sha256.txt)',
  signatures: 'Ed25519 signatures over tagmanifest-sha256.txt (the device and the exporting reviewer)',
  journal: 'Journal hash chain, device-signed heads and sign-off signatures',
  'device-key': 'The device key in signatures/ is the one the incident was opened with',
  procedure: 'The procedure: two reviewers, no capture after a halt, sign-off after the conclusion',
  screenshots: 'Screenshots match the captures in the journal, none purged',
  outputs: 'incident.json, the PDFs and urls.csv are present and consistent with the journal',
} as const;
export type CheckId = keyof typeof CHECKS;

export const PROBLEM_CHECK = {
  NOT_A_BUNDLE: 'bag',
  UNREADABLE: 'bag',
  BAD_PASSWORD: 'bag',
  FORMAT_UNKNOWN: 'bag',
  BAGIT_DECLARATION: 'bag',
  BAG_INFO: 'bag',
  REF_MISMATCH: 'bag',
  FILE_MISSING: 'completeness',
  FILE_UNLISTED: 'completeness',
  FILE_UNEXPECTED: 'completeness',
  FILE_UNREADABLE: 'completeness',
  OXUM_MISMATCH: 'oxum',
  MANIFEST_SYNTAX: 'payload',
  HASH_MISMATCH: 'payload',
  TAGMANIFEST_SYNTAX: 'tagmanifest',
  TAGMANIFEST_INCOMPLETE: 'tagmanifest',
  TAG_HASH_MISMATCH: 'tagmanifest',
  SIGNATURE_MISSING: 'signatures',
  SIGNATURE_INVALID: 'signatures',
  SIGNATURE_UNREADABLE: 'signatures',
  SIGNER_KEY_MISMATCH: 'signatures',
  NOT_JSON: 'journal',
  BAD_SHAPE: 'journal',
  UNKNOWN_KIND: 'journal',
  BAD_DATA: 'journal',
  BAD_SEQ: 'journal',
  BAD_PREV: 'journal',
  BAD_HASH: 'journal',
  BAD_TIME: 'journal',
  BAD_HEAD: 'journal',
  BAD_SIGNOFF: 'journal',
  UNSIGNED: 'journal',
  JOURNAL_UNREADABLE: 'journal',
  JOURNAL_HEAD_MISMATCH: 'journal',
  DEVICE_KEY_MISMATCH: 'device-key',
  PROCEDURE: 'procedure',
  SAME_REVIEWER: 'procedure',
  CAPTURE_AFTER_HALT: 'procedure',
  SIGNOFF_BEFORE_CONCLUSION: 'procedure',
  SIGNOFF_NOT_REVIEWER: 'procedure',
  PURGED_PRESENT: 'screenshots',
  SCREENSHOT_MISSING: 'screenshots',
  SCREENSHOT_UNRECORDED: 'screenshots',
  SCREENSHOT_ALTERED: 'screenshots',
  OUTPUT_INVALID: 'outputs',
  URLS_MISMATCH: 'outputs',
} as const satisfies Record<string, CheckId>;
export type BundleProblemCode = keyof typeof PROBLEM_CHECK;
const isProblemCode = (c: string): c is BundleProblemCode => Object.hasOwn(PROBLEM_CHECK, c);

export interface BundleProblem {
  code: BundleProblemCode;
  /** A path in the bag, "data/journal.jsonl entry 12", or "bundle". */
  where: string;
  message: string;
}

export interface BundleCheck {
  id: CheckId;
  title: string;
  /** "passed", "failed", or "not checked" when an earlier failure leaves nothing to check it against. */
  result: 'passed' | 'failed' | 'not checked';
}

export interface SignerReport {
  name: string;
  fingerprint: string | null;
  valid: boolean;
}

export interface BundleReport {
  /** valid: no problem; invalid: problems found; unreadable: not a bundle this verifier can read. */
  status: 'valid' | 'invalid' | 'unreadable';
  valid: boolean;
  formatVersion: number | null;
  knownFormats: number[];
  ref: string | null;
  problems: BundleProblem[];
  warnings: string[];
  checks: BundleCheck[];
  signers: SignerReport[];
  journal: { entries: number; head: string | null } | null;
  screenshots: number;
}

/** Exit status of `countersign verify` (DESIGN 5). */
export const exitCode = (r: Pick<BundleReport, 'status'>): 0 | 1 | 2 =>
  r.status === 'valid' ? 0 : r.status === 'invalid' ? 1 : 2;

export const unreadableReport = (
  message: string,
  where = 'bundle',
  code: BundleProblemCode = 'NOT_A_BUNDLE',
  formatVersion: number | null = null,
): BundleReport => ({
  status: 'unreadable',
  valid: false,
  formatVersion,
  knownFormats: [...KNOWN_FORMATS],
  ref: null,
  problems: [{ code, where, message }],
  warnings: [],
  checks: [],
  signers: [],
  journal: null,
  screenshots: 0,
});

const SHA_PNG_RE = /^data\/screenshots\/([0-9a-f]{64})\.png$/;
const SIG_RE = /^signatures\/(.+?)\.(sig|pub\.pem)$/;

/** Checks a bag from its bytes: the bag, every hash, every signature, the journal and the procedure. */
export const verifyBag = async (crypto: CryptoPort, source: BagSource): Promise<BundleReport> => {
  const problems: BundleProblem[] = [];
  const warnings: string[] = [];
  const skipped = new Set<CheckId>();
  const add = (code: BundleProblemCode, where: string, message: string) => problems.push({ code, where, message });
  const paths = [...source.files.keys()];

  const readText = async (path: string, code: BundleProblemCode): Promise<string | null> => {
    if (!source.files.has(path)) return null;
    let bytes: Uint8Array;
    try {
      bytes = await source.read(path);
    } catch (e) {
      add('FILE_UNREADABLE', path, `${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
    const s = utf8Decode(bytes);
    if (s === null) add(code, path, `${path} is not UTF-8 text`);
    return s;
  };

  // The bag: is this a bundle at all, and one this verifier knows?
  const hasBagit = source.files.has(TAG_FILES.bagit);
  const hasInfo = source.files.has(TAG_FILES.bagInfo);
  if (!hasBagit && !hasInfo && !paths.some((p) => p.startsWith('data/'))) {
    return unreadableReport(
      'This is not a Countersign evidence bundle: it has no bagit.txt, no bag-info.txt and no data/ folder.',
    );
  }
  const infoText = await readText(TAG_FILES.bagInfo, 'BAG_INFO');
  const info = infoText === null ? null : parseBagInfo(infoText);
  const field = (label: string): string | null => info?.fields.get(label)?.[0] ?? null;
  const formatText = field(INFO.format);
  const formatVersion = formatText !== null && /^\d{1,6}$/.test(formatText) ? Number(formatText) : null;
  if (formatVersion !== null && !KNOWN_FORMATS.includes(formatVersion)) {
    const newer = formatVersion > Math.max(...KNOWN_FORMATS);
    return unreadableReport(
      newer
        ? `This bundle is in format ${formatVersion}, made by a newer Countersign; this verifier knows format ` +
            `${KNOWN_FORMATS.join(', ')}. Use a newer Countersign to check it.`
        : `This bundle says it is in format ${formatVersion}, which no Countersign has ` +
            `written; this verifier knows format ${KNOWN_FORMATS.join(', ')}.`,
      TAG_FILES.bagInfo,
      'FORMAT_UNKNOWN',
      formatVersion,
    );
  }
  if (!hasBagit) add('BAGIT_DECLARATION', TAG_FILES.bagit, 'bagit.txt is missing: this is not a complete BagIt bag');
  else {
    const bagit = await readText(TAG_FILES.bagit, 'BAGIT_DECLARATION');
    if (bagit !== null && textLines(bagit).join('\n') !== textLines(BAGIT_TXT).join('\n')) {
      add(
        'BAGIT_DECLARATION',
        TAG_FILES.bagit,
        'bagit.txt does not declare "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"',
      );
    }
  }
  if (!hasInfo) add('BAG_INFO', TAG_FILES.bagInfo, 'bag-info.txt is missing');
  else if (info) {
    for (const line of info.bad)
      add('BAG_INFO', `${TAG_FILES.bagInfo} line ${line}`, `line ${line} of bag-info.txt is not "Label: value"`);
    if (formatText === null)
      add('BAG_INFO', TAG_FILES.bagInfo, `bag-info.txt does not say which bundle format it is in (${INFO.format})`);
    else if (formatVersion === null)
      add('BAG_INFO', TAG_FILES.bagInfo, `${INFO.format} "${formatText}" is not a format number`);
    for (const label of [
      'External-Identifier',
      'Payload-Oxum',
      'Bagging-Date',
      'Bag-Software-Agent',
      'Source-Organization',
    ]) {
      if (field(label) === null) add('BAG_INFO', TAG_FILES.bagInfo, `bag-info.txt has no ${label}`);
    }
  }
  const ref = field('External-Identifier');

  // Completeness, Payload-Oxum and the payload manifest.
  const manifestText = await readText(TAG_FILES.manifest, 'MANIFEST_SYNTAX');
  if (!source.files.has(TAG_FILES.manifest))
    add('FILE_MISSING', TAG_FILES.manifest, 'manifest-sha256.txt is missing: no payload file can be checked');
  const manifest = manifestText === null ? null : parseManifest(manifestText);
  for (const b of manifest?.bad ?? [])
    add('MANIFEST_SYNTAX', `${TAG_FILES.manifest} line ${b.line}`, `line ${b.line} of manifest-sha256.txt ${b.why}`);
  const listed = new Map((manifest?.entries ?? []).map((e) => [e.path, e]));
  const payloadPaths = paths.filter((p) => p.startsWith('data/')).sort();
  for (const e of manifest?.entries ?? []) {
    if (!e.path.startsWith('data/'))
      add(
        'MANIFEST_SYNTAX',
        `${TAG_FILES.manifest} line ${e.line}`,
        `manifest-sha256.txt lists ${e.path}, which is not a payload file under data/`,
      );
    else if (!source.files.has(e.path))
      add('FILE_MISSING', e.path, `${e.path} is listed in the manifest but missing from the bundle`);
  }
  if (manifest) {
    for (const p of payloadPaths) {
      if (!listed.has(p))
        add(
          'FILE_UNLISTED',
          p,
          `${p} is in the bundle but not in the manifest: it was added after the bundle was made`,
        );
    }
  }
  for (const p of REQUIRED_PAYLOAD) {
    if (!source.files.has(p) && !listed.has(p)) add('FILE_MISSING', p, `${p} is missing from the bundle`);
  }
  const oxum = field('Payload-Oxum');
  if (oxum !== null) {
    const m = /^(\d+)\.(\d+)$/.exec(oxum);
    const bytes = payloadPaths.reduce((n, p) => n + (source.files.get(p) ?? 0), 0);
    if (!m) add('BAG_INFO', TAG_FILES.bagInfo, `Payload-Oxum "${oxum}" is not "<bytes>.<files>"`);
    else if (Number(m[1]) !== bytes || Number(m[2]) !== payloadPaths.length) {
      add(
        'OXUM_MISMATCH',
        TAG_FILES.bagInfo,
        `Payload-Oxum says ${m[2]} files of ${m[1]} bytes under ` +
          `data/, but there are ${payloadPaths.length} files of ${bytes} bytes`,
      );
    }
  }

  // Read every payload file once: its hash, and the bytes of the few whose content is checked.
  const KEEP = new Set<string>([PAYLOAD.journal, PAYLOAD.incident, PAYLOAD.urls, PAYLOAD.form, PAYLOAD.screenshotsPdf]);
  const kept = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  for (const p of payloadPaths) {
    let bytes: Uint8Array;
    try {
      bytes = await source.read(p);
    } catch (e) {
      add('FILE_UNREADABLE', p, `${p} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const sha = crypto.sha256Hex(bytes);
    hashes.set(p, sha);
    if (KEEP.has(p)) kept.set(p, bytes);
    const l = listed.get(p);
    if (l && l.sha256 !== sha)
      add('HASH_MISMATCH', p, `${p} has been altered: its SHA-256 does not match the manifest`);
  }

  // The tag manifest.
  const tagText = await readText(TAG_FILES.tagmanifest, 'TAGMANIFEST_SYNTAX');
  if (!source.files.has(TAG_FILES.tagmanifest))
    add(
      'FILE_MISSING',
      TAG_FILES.tagmanifest,
      'tagmanifest-sha256.txt is missing: the tag files cannot be checked and nothing is signed',
    );
  const tagmanifest = tagText === null ? null : parseManifest(tagText);
  for (const b of tagmanifest?.bad ?? [])
    add(
      'TAGMANIFEST_SYNTAX',
      `${TAG_FILES.tagmanifest} line ${b.line}`,
      `line ${b.line} of tagmanifest-sha256.txt ${b.why}`,
    );
  for (const e of tagmanifest?.entries ?? []) {
    if (!source.files.has(e.path)) {
      add('FILE_MISSING', e.path, `${e.path} is listed in the tag manifest but missing from the bundle`);
      continue;
    }
    try {
      if (crypto.sha256Hex(await source.read(e.path)) !== e.sha256)
        add('TAG_HASH_MISMATCH', e.path, `${e.path} has been altered: its SHA-256 does not match the tag manifest`);
    } catch (err) {
      add('FILE_UNREADABLE', e.path, `${e.path} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (tagmanifest) {
    for (const p of TAGMANIFEST_COVERS) {
      if (!tagmanifest.entries.some((e) => e.path === p))
        add(
          'TAGMANIFEST_INCOMPLETE',
          TAG_FILES.tagmanifest,
          `the tag manifest does not cover ${p}, so the signatures do not vouch for it`,
        );
    }
  }

  // Anything else beside the payload is not vouched for by anyone.
  const known = new Set<string>([...Object.values(TAG_FILES)]);
  for (const p of paths) {
    if (!p.startsWith('data/') && !known.has(p) && !SIG_RE.test(p))
      add('FILE_UNEXPECTED', p, `${p} is not part of a Countersign bundle and no signature covers it`);
  }

  // Signatures over the exact bytes of the tag manifest.
  const signers: SignerReport[] = [];
  const keys = new Map<string, { pem: string; fingerprint: string }>();
  const names = [...new Set(paths.flatMap((p) => SIG_RE.exec(p)?.[1] ?? []))].sort();
  for (const name of names) {
    const sp = signaturePaths(name);
    if (!SIGNER_NAME_RE.test(name))
      add('FILE_UNEXPECTED', sp.sig, `signatures/ holds a file for "${name}", which is not a signer's name`);
    if (!source.files.has(sp.sig)) {
      add('SIGNATURE_MISSING', sp.sig, `${sp.pub} has no signature beside it (${sp.sig} is missing)`);
      continue;
    }
    if (!source.files.has(sp.pub)) {
      add('SIGNATURE_MISSING', sp.pub, `${sp.sig} has no public key beside it (${sp.pub} is missing)`);
      continue;
    }
    const pem = await readText(sp.pub, 'SIGNATURE_UNREADABLE');
    let fingerprint: string | null = null;
    try {
      fingerprint = pem === null ? null : crypto.fingerprint(pem);
    } catch {
      fingerprint = null;
    }
    if (pem === null || fingerprint === null) {
      add('SIGNATURE_UNREADABLE', sp.pub, `${sp.pub} is not a readable public key`);
      signers.push({ name, fingerprint: null, valid: false });
      continue;
    }
    keys.set(name, { pem, fingerprint });
    let sig: Uint8Array | null = null;
    try {
      sig = await source.read(sp.sig);
    } catch {
      sig = null;
    }
    let valid = false;
    if (!sig || sig.length !== 64) add('SIGNATURE_UNREADABLE', sp.sig, `${sp.sig} is not a 64-byte Ed25519 signature`);
    else if (tagText === null)
      add(
        'SIGNATURE_INVALID',
        sp.sig,
        `${name}'s signature cannot be checked: tagmanifest-sha256.txt is missing or unreadable`,
      );
    else if (
      !sameBytes(utf8Encode(tagText), await source.read(TAG_FILES.tagmanifest)) ||
      !crypto.verify(pem, tagText, bytesToHex(sig))
    ) {
      add(
        'SIGNATURE_INVALID',
        sp.sig,
        `${name}'s signature does not match tagmanifest-sha256.txt: the ` +
          `bundle was changed after it was signed, or the signature is not ${name}'s`,
      );
    } else valid = true;
    signers.push({ name, fingerprint, valid });
  }
  const deviceKey = keys.get(DEVICE_SIGNER);
  if (!names.includes(DEVICE_SIGNER))
    add(
      'SIGNATURE_MISSING',
      signaturePaths(DEVICE_SIGNER).sig,
      'the device signature is missing: nothing shows the bundle came from the investigation computer',
    );
  if (!names.some((n) => n !== DEVICE_SIGNER))
    add(
      'SIGNATURE_MISSING',
      SIGNATURES_DIR,
      "no member of staff signed the bundle: the exporting reviewer's signature is missing",
    );

  // The journal.
  let entries: JournalEntry[] = [];
  let journalComplete = false;
  let journalReport: BundleReport['journal'] = null;
  const journalBytes = kept.get(PAYLOAD.journal);
  if (journalBytes) {
    const text = utf8Decode(journalBytes);
    if (text === null) add('JOURNAL_UNREADABLE', PAYLOAD.journal, 'the journal is not UTF-8 text');
    else if (text.length > 0 && !text.endsWith('\n'))
      add(
        'JOURNAL_UNREADABLE',
        PAYLOAD.journal,
        "the journal's last line is incomplete (no final newline): it was cut short",
      );
    else {
      const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');
      const at = (w: string) => `${PAYLOAD.journal} ${w}`;
      if (deviceKey) {
        const audit = auditJournal(crypto, lines, deviceKey.pem);
        for (const p of audit.problems)
          add(isProblemCode(p.code) ? p.code : 'JOURNAL_UNREADABLE', at(p.where), p.message);
        warnings.push(...audit.warnings);
        entries = audit.entries;
        journalComplete = entries.length === lines.length;
      } else {
        const chain = verifyChain(crypto, lines);
        if (chain.problem)
          add(
            chain.problem.code,
            at(chain.problem.seq === undefined ? `line ${chain.problem.line}` : `entry ${chain.problem.seq}`),
            chain.problem.message,
          );
        entries = chain.entries;
        journalComplete = !chain.problem;
        warnings.push(
          'The device-signed heads in the journal could not be ' +
            'checked: there is no readable device key in signatures/.',
        );
      }
      if (lines.length === 0) add('JOURNAL_UNREADABLE', PAYLOAD.journal, 'the journal is empty');
      journalReport = { entries: lines.length, head: journalComplete ? (entries.at(-1)?.hash ?? null) : null };
      const declared = { entries: field(INFO.journalEntries), head: field(INFO.journalHead) };
      if (journalComplete && (declared.entries === null || declared.head === null)) {
        add(
          'BAG_INFO',
          TAG_FILES.bagInfo,
          `bag-info.txt does not record the journal's head (${INFO.journalEntries}, ${INFO.journalHead})`,
        );
      } else if (
        journalComplete &&
        (Number(declared.entries) !== entries.length || declared.head !== (entries.at(-1)?.hash ?? ''))
      ) {
        add(
          'JOURNAL_HEAD_MISMATCH',
          PAYLOAD.journal,
          `the journal has ${entries.length} entries ending in ${(entries.at(-1)?.hash ?? '').slice(0, 16)}…, ` +
            `but the bundle was made with ${declared.entries} entries ` +
            `ending in ${(declared.head ?? '').slice(0, 16)}…: ` +
            'entries were cut off, added or replaced',
        );
      }
    }
  }
  if (!journalBytes) skipped.add('journal');
  if (!journalComplete) skipped.add('screenshots').add('procedure');

  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  if (opened) {
    const jref = opened.data.ref;
    if (ref !== null && ref !== jref)
      add('REF_MISMATCH', TAG_FILES.bagInfo, `bag-info.txt names incident ${ref}, but the journal is incident ${jref}`);
    if (source.rootName !== undefined && source.rootName !== jref) {
      warnings.push(
        `The bundle's top folder is named ${source.rootName}, but the journal is incident ${jref}: the zip was ` +
          `repacked (no signature covers the folder's name).`,
      );
    }
    if (deviceKey && deviceKey.fingerprint !== opened.data.deviceKeyFingerprint) {
      add(
        'DEVICE_KEY_MISMATCH',
        signaturePaths(DEVICE_SIGNER).pub,
        `signatures/device.pub.pem (fingerprint ${deviceKey.fingerprint.slice(0, 16)}…) is not the key of the ` +
          `computer the incident was opened on (${opened.data.deviceKeyFingerprint.slice(0, 16)}…)`,
      );
    }
  } else {
    skipped.add('device-key');
  }

  if (journalComplete && opened) {
    problems.push(...procedureProblems(crypto, entries, opened, keys, warnings));
  }

  // Screenshots against the captures in the journal.
  const shots = payloadPaths.filter((p) => p.startsWith(`${PAYLOAD.screenshots}/`));
  if (journalComplete) {
    const live = new Set<string>();
    const purged = new Set<string>();
    for (const e of entries) {
      if (e.kind === 'capture.taken') live.add((e as JournalEntry<'capture.taken'>).data.sha256);
      if (e.kind === 'capture.purged') {
        const sha = (e as JournalEntry<'capture.purged'>).data.sha256;
        live.delete(sha);
        purged.add(sha);
      }
    }
    for (const p of shots) {
      const sha = SHA_PNG_RE.exec(p)?.[1];
      if (!sha) add('SCREENSHOT_UNRECORDED', p, `${p} is not named after its SHA-256, as every capture is`);
      else if (purged.has(sha))
        add(
          'PURGED_PRESENT',
          p,
          `${p} was purged after the halt (the reviewers said it shows the suspect imagery) but is in the bundle`,
        );
      else if (!live.has(sha)) add('SCREENSHOT_UNRECORDED', p, `${p} is not a capture recorded in the journal`);
      else if (hashes.has(p) && hashes.get(p) !== sha)
        add('SCREENSHOT_ALTERED', p, `${p} does not match its own name: the image has been altered`);
    }
    for (const sha of live) {
      if (!source.files.has(screenshotPath(sha)))
        add(
          'SCREENSHOT_MISSING',
          screenshotPath(sha),
          `the capture ${sha.slice(0, 16)}… recorded in the journal is missing from data/screenshots/`,
        );
    }
  }

  // The other outputs.
  const incident = kept.get(PAYLOAD.incident);
  if (incident) {
    const t = utf8Decode(incident);
    let ok = false;
    try {
      ok = t !== null && typeof JSON.parse(t) === 'object';
    } catch {
      ok = false;
    }
    if (!ok) add('OUTPUT_INVALID', PAYLOAD.incident, 'incident.json is not a JSON document');
  }
  for (const p of [PAYLOAD.form, PAYLOAD.screenshotsPdf]) {
    const b = kept.get(p);
    if (b && utf8Decode(b.subarray(0, 5)) !== '%PDF-') add('OUTPUT_INVALID', p, `${p} is not a PDF`);
  }
  const urls = kept.get(PAYLOAD.urls);
  if (urls && journalComplete && !sameBytes(urls, utf8Encode(urlsCsvText(entries)))) {
    add('URLS_MISMATCH', PAYLOAD.urls, 'urls.csv does not list exactly the URLs recorded in the journal');
  }

  const failed = new Set(problems.map((p) => PROBLEM_CHECK[p.code]));
  const checks: BundleCheck[] = (Object.keys(CHECKS) as CheckId[]).map((id) => ({
    id,
    title: CHECKS[id],
    result: failed.has(id) ? 'failed' : skipped.has(id) ? 'not checked' : 'passed',
  }));
  return {
    status: problems.length === 0 ? 'valid' : 'invalid',
    valid: problems.length === 0,
    formatVersion,
    knownFormats: [...KNOWN_FORMATS],
    ref: opened?.data.ref ?? ref,
    problems,
    warnings,
    checks,
    signers,
    journal: journalReport,
    screenshots: shots.length,
  };
};

/** The procedure's invariants, checked directly on the journal (the state machine checks them too, as it folds). */
const procedureProblems = (
  crypto: CryptoPort,
  entries: readonly JournalEntry[],
  opened: JournalEntry<'incident.opened'>,
  keys: ReadonlyMap<string, { pem: string; fingerprint: string }>,
  warnings: string[],
): BundleProblem[] => {
  const problems: BundleProblem[] = [];
  const at = (e: JournalEntry) => `${PAYLOAD.journal} entry ${e.seq}`;
  const [a, b] = opened.data.reviewers;
  if (a.id === b.id)
    problems.push({
      code: 'SAME_REVIEWER',
      where: at(opened),
      message: `both reviewers are the same person (${a.id}); the procedure needs two`,
    });

  const lockedAt = entries.find(
    (e) =>
      e.kind === 'review.halted' ||
      (e.kind === 'triage.answered' && (e.data as EntryData<'triage.answered'>).illegalSuspected),
  );
  if (lockedAt) {
    for (const e of entries) {
      if (e.kind === 'capture.taken' && e.seq > lockedAt.seq) {
        problems.push({
          code: 'CAPTURE_AFTER_HALT',
          where: at(e),
          message:
            `entry ${e.seq} is a capture taken after ` +
            `capture was locked at entry ${lockedAt.seq} (${lockedAt.kind})`,
        });
      }
    }
  }

  const conclusion = entries.find((e) => e.kind === 'conclusion.recorded');
  const signoffs = entries.filter((e): e is JournalEntry<'signoff.signed'> => e.kind === 'signoff.signed');
  const reviewerIds: string[] = [a.id, b.id];
  for (const s of signoffs) {
    if (!conclusion || s.seq < conclusion.seq) {
      problems.push({
        code: 'SIGNOFF_BEFORE_CONCLUSION',
        where: at(s),
        message: `entry ${s.seq}: ${s.data.reviewer} signed off before the conclusion was recorded`,
      });
    } else if (s.data.digest !== conclusion.hash) {
      problems.push({
        code: 'BAD_SIGNOFF',
        where: at(s),
        message:
          `entry ${s.seq}: ${s.data.reviewer} signed a record digest other ` +
          `than the conclusion's (entry ${conclusion.seq})`,
      });
    }
    if (!reviewerIds.includes(s.data.reviewer)) {
      problems.push({
        code: 'SIGNOFF_NOT_REVIEWER',
        where: at(s),
        message: `entry ${s.seq}: ${s.data.reviewer} signed off but is not one of the two reviewers`,
      });
    }
  }
  const signedBy = new Set(signoffs.map((s) => s.data.reviewer));
  if (signoffs.length !== signedBy.size) {
    problems.push({
      code: 'SAME_REVIEWER',
      where: PAYLOAD.journal,
      message: 'one reviewer signed off twice; sign-off needs both reviewers',
    });
  }
  if (!reviewerIds.every((id) => signedBy.has(id))) {
    warnings.push(
      `The record has not been signed off by both reviewers (signed by: ${[...signedBy].join(', ') || 'nobody'}).`,
    );
  }

  for (const [name, key] of keys) {
    if (name === DEVICE_SIGNER) continue;
    const reviewer = opened.data.reviewers.find((r) => r.id === name);
    const signoff = signoffs.find((s) => s.data.reviewer === name);
    let signoffFp: string | null = null;
    try {
      signoffFp = signoff ? crypto.fingerprint(signoff.data.publicKey) : null;
    } catch {
      signoffFp = null;
    }
    if (!reviewer) warnings.push(`The bundle is signed by ${name}, who is not one of the incident's two reviewers.`);
    else if (reviewer.keyFingerprint && reviewer.keyFingerprint !== key.fingerprint) {
      problems.push({
        code: 'SIGNER_KEY_MISMATCH',
        where: signaturePaths(name).pub,
        message:
          `signatures/${name}.pub.pem is not the key ` + `registered for reviewer ${name} when the incident was opened`,
      });
    } else if (signoffFp && signoffFp !== key.fingerprint) {
      problems.push({
        code: 'SIGNER_KEY_MISMATCH',
        where: signaturePaths(name).pub,
        message: `signatures/${name}.pub.pem is not the key ${name} signed off with`,
      });
    }
  }
  return problems;
};
