// What the verifier's checks share: the bag, what earlier checks found in it, and the problems so far.
import type { CryptoPort } from '../chain';
import type { JournalEntry } from '../entries';
import type { PolicyProfile } from '../../policy/schema';
import { BUNDLE_FORMAT, PAYLOAD, READ_LIMITS } from './bag-layout';
import { readWhole, TooLargeError, type BagSource, type StreamHashPort } from './bag-source';
import { utf8Decode } from './bytes';
import type {
  BundleProblem,
  BundleProblemCode,
  BundleReport,
  CheckId,
  PinReport,
  SignerReport,
  TimestampReport,
  VerifyPins,
} from './bundle-report';
import type { ManifestLine, ParsedBagInfo } from './tag-files';

/** The verifier's hashing and signature checks: Node's crypto in the app and command line, WebCrypto in a browser. */
export type VerifierCrypto = CryptoPort & StreamHashPort;

/** A signer's public key, as read from signatures/. */
export interface SignerKey {
  pem: string;
  fingerprint: string;
}

export interface VerifyOptions {
  /** Values typed from the printed form; each mismatch makes the bundle INVALID. */
  pins?: VerifyPins;
  /** The time-stamping authority's certificate (PEM): every token must chain to it. */
  tsaCaPem?: string;
}

/**
 * One verification in progress. The fixed part describes the bag; each check fills in what later checks rely on (the
 * comment on each field names the check that sets it), adds problems and warnings, and marks in `ran` the checks it
 * made to the end: a check is reported "passed" only when it ran and found nothing wrong.
 */
export interface VerifyContext {
  readonly crypto: VerifierCrypto;
  readonly source: BagSource;
  readonly pins: VerifyPins;
  /** The pinned time-stamping authority's certificate (PEM), if given. */
  readonly tsaCaPem: string | null;
  /** Every file in the bag, in the source's order. */
  readonly paths: readonly string[];
  /** The files under data/, sorted. */
  readonly payloadPaths: readonly string[];
  /** The files under data/screenshots/, sorted. */
  readonly screenshotPaths: readonly string[];
  readonly problems: BundleProblem[];
  readonly warnings: string[];
  /** The checks made to the end. */
  readonly ran: Set<CheckId>;
  /** Checks the bundle's format cannot meet, with the reason. */
  readonly unavailable: Map<CheckId, string>;
  /** Why a check could not be made, where the reason is not a problem already reported. */
  readonly notChecked: Map<CheckId, string>;
  /** Set by a check that finds this is not a bag this verifier can read: the report, and no later check runs. */
  unreadable: BundleReport | null;

  /** bag-declaration: bag-info.txt, or null when it is missing or unreadable. */
  bagInfo: ParsedBagInfo | null;
  /** bag-declaration: Countersign-Bundle-Format, when it is a number. */
  formatVersion: number | null;
  /** completeness: the entries of manifest-sha256.txt, by path. */
  listed: ReadonlyMap<string, ManifestLine>;
  /** payload-hashes: the SHA-256 of every payload file that could be read. */
  hashes: Map<string, string>;
  /** payload-hashes: the bytes of the payload files whose content is checked (KEPT_PAYLOAD). */
  kept: Map<string, Uint8Array>;
  /** payload-hashes: the first bytes and the end of each PDF. */
  pdfHeads: Map<string, Uint8Array>;
  pdfTails: Map<string, Uint8Array>;
  /** tag-manifest: tagmanifest-sha256.txt, or null when it is missing or unreadable. */
  tagManifest: { bytes: Uint8Array; text: string } | null;
  /** signatures: one report per signer found in signatures/. */
  signers: SignerReport[];
  /** signatures: each readable public key, by signer name. */
  keys: Map<string, SignerKey>;
  /** journal: the entries read (all of them only when journalComplete). */
  entries: JournalEntry[];
  /** journal: every line of the journal was read and chained. */
  journalComplete: boolean;
  /** journal: the audit (device-signed heads, procedure, sign-off signatures) ran over the whole journal. */
  audited: boolean;
  /** journal: the report's summary of the journal, or null when there is none to read. */
  journalSummary: BundleReport['journal'];
  /** reference: the journal's incident.opened entry. */
  opened: JournalEntry<'incident.opened'> | null;
  /** policy: the policy profile policy.json holds, when it is the one the journal records. */
  profile: PolicyProfile | null;
  /** pins: each value typed from the printed form and what it matched. */
  pinReports: PinReport[];
  /** timestamps: each RFC 3161 token checked. */
  timestampReports: TimestampReport[];

  /** The format the bundle says it is in, or this verifier's own when it says none. */
  readonly format: number;
  add(code: BundleProblemCode, where: string, message: string): void;
  /** The first value of a bag-info.txt label, or null. */
  field(label: string): string | null;
  /**
   * A file as UTF-8 text, read whole within `limit` bytes: null when absent, unreadable (FILE_UNREADABLE), too large
   * (FILE_TOO_LARGE) or not UTF-8 (`code`).
   */
  readText(path: string, code: BundleProblemCode, limit: number): Promise<string | null>;
  /** A file's bytes read whole within `limit` bytes, or null (the problem added) as for readText. */
  readBytes(path: string, limit: number): Promise<Uint8Array | null>;
}

/** One step of the verifier, run in CHECK_STEPS order over the shared context. */
export interface CheckStep {
  /** The step's name; its problems are filed under the checks their codes name (PROBLEM_CHECK). */
  readonly id: string;
  run(ctx: VerifyContext): void | Promise<void>;
}

/** Payload files whose bytes are kept after hashing, because a later check reads their content, and their limits. */
export const KEPT_PAYLOAD: ReadonlyMap<string, number> = new Map([
  [PAYLOAD.journal, READ_LIMITS.journal],
  [PAYLOAD.incident, READ_LIMITS.incident],
  [PAYLOAD.urls, READ_LIMITS.urls],
  [PAYLOAD.policy, READ_LIMITS.policy],
  [PAYLOAD.caseJsonld, READ_LIMITS.caseJsonld],
]);
export const PDF_PAYLOAD: ReadonlySet<string> = new Set([PAYLOAD.form, PAYLOAD.screenshotsPdf]);

/** The message for a file the source could not read. */
export const unreadableMessage = (path: string, e: unknown): string =>
  `${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`;

export const createVerifyContext = (
  crypto: VerifierCrypto,
  source: BagSource,
  options: VerifyOptions = {},
): VerifyContext => {
  const paths = [...source.files.keys()];
  const payloadPaths = paths.filter((p) => p.startsWith('data/')).sort();
  const ctx: VerifyContext = {
    crypto,
    source,
    pins: options.pins ?? {},
    tsaCaPem: options.tsaCaPem ?? null,
    paths,
    payloadPaths,
    screenshotPaths: payloadPaths.filter((p) => p.startsWith(`${PAYLOAD.screenshots}/`)),
    problems: [],
    warnings: [],
    ran: new Set(),
    unavailable: new Map(),
    notChecked: new Map(),
    unreadable: null,
    bagInfo: null,
    formatVersion: null,
    listed: new Map(),
    hashes: new Map(),
    kept: new Map(),
    pdfHeads: new Map(),
    pdfTails: new Map(),
    tagManifest: null,
    signers: [],
    keys: new Map(),
    entries: [],
    journalComplete: false,
    audited: false,
    journalSummary: null,
    opened: null,
    profile: null,
    pinReports: [],
    timestampReports: [],
    get format() {
      return ctx.formatVersion ?? BUNDLE_FORMAT;
    },
    add: (code, where, message) => {
      ctx.problems.push({ code, where, message });
    },
    field: (label) => ctx.bagInfo?.fields.get(label)?.[0] ?? null,
    readBytes: async (path, limit) => {
      if (!source.files.has(path)) return null;
      try {
        return await readWhole(source, path, limit);
      } catch (e) {
        if (e instanceof TooLargeError) ctx.add('FILE_TOO_LARGE', path, e.message);
        else ctx.add('FILE_UNREADABLE', path, unreadableMessage(path, e));
        return null;
      }
    },
    readText: async (path, code, limit) => {
      const bytes = await ctx.readBytes(path, limit);
      if (bytes === null) return null;
      const s = utf8Decode(bytes);
      if (s === null) ctx.add(code, path, `${path} is not UTF-8 text`);
      return s;
    },
  };
  return ctx;
};
