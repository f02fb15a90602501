// What the verifier's checks share: the bag, what earlier checks found in it, and the problems so far.
import type { CryptoPort } from '../chain';
import type { JournalEntry } from '../entries';
import { PAYLOAD } from './bag-layout';
import type { BagSource } from './bag-source';
import { utf8Decode } from './bytes';
import type { BundleProblem, BundleProblemCode, BundleReport, CheckId, SignerReport } from './bundle-report';
import type { ManifestLine, ParsedBagInfo } from './tag-files';

/** A signer's public key, as read from signatures/. */
export interface SignerKey {
  pem: string;
  fingerprint: string;
}

/**
 * One verification in progress. The fixed part describes the bag; each check fills in what later checks
 * rely on (the comment on each field names the check that sets it), and adds problems and warnings.
 */
export interface VerifyContext {
  readonly crypto: CryptoPort;
  readonly source: BagSource;
  /** Every file in the bag, in the source's order. */
  readonly paths: readonly string[];
  /** The files under data/, sorted. */
  readonly payloadPaths: readonly string[];
  /** The files under data/screenshots/, sorted. */
  readonly screenshotPaths: readonly string[];
  readonly problems: BundleProblem[];
  readonly warnings: string[];
  /** Checks left with nothing to check against: "not checked" in the report, unless they failed. */
  readonly skipped: Set<CheckId>;
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
  /** tag-manifest: tagmanifest-sha256.txt as text, or null when it is missing or unreadable. */
  tagManifestText: string | null;
  /** signatures: one report per signer found in signatures/. */
  signers: SignerReport[];
  /** signatures: each readable public key, by signer name. */
  keys: Map<string, SignerKey>;
  /** journal: the entries read (all of them only when journalComplete). */
  entries: JournalEntry[];
  /** journal: every line of the journal was read and chained. */
  journalComplete: boolean;
  /** journal: the report's summary of the journal, or null when there is none to read. */
  journalSummary: BundleReport['journal'];
  /** reference: the journal's incident.opened entry. */
  opened: JournalEntry<'incident.opened'> | null;

  add(code: BundleProblemCode, where: string, message: string): void;
  /** The first value of a bag-info.txt label, or null. */
  field(label: string): string | null;
  /** A file as UTF-8 text: null when absent, unreadable (FILE_UNREADABLE) or not UTF-8 (`code`). */
  readText(path: string, code: BundleProblemCode): Promise<string | null>;
}

/** One check of the verifier, run in CHECK_STEPS order over the shared context. */
export interface CheckStep {
  /** The step's name; its problems are filed under the checks their codes name (PROBLEM_CHECK). */
  readonly id: string;
  run(ctx: VerifyContext): void | Promise<void>;
}

/** Payload files whose bytes are kept after hashing, because a later check reads their content. */
export const KEPT_PAYLOAD: ReadonlySet<string> = new Set([
  PAYLOAD.journal,
  PAYLOAD.incident,
  PAYLOAD.urls,
  PAYLOAD.form,
  PAYLOAD.screenshotsPdf,
]);

/** The message for a file the source could not read. */
export const unreadableMessage = (path: string, e: unknown): string =>
  `${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`;

export const createVerifyContext = (crypto: CryptoPort, source: BagSource): VerifyContext => {
  const paths = [...source.files.keys()];
  const payloadPaths = paths.filter((p) => p.startsWith('data/')).sort();
  const ctx: VerifyContext = {
    crypto,
    source,
    paths,
    payloadPaths,
    screenshotPaths: payloadPaths.filter((p) => p.startsWith(`${PAYLOAD.screenshots}/`)),
    problems: [],
    warnings: [],
    skipped: new Set(),
    unreadable: null,
    bagInfo: null,
    formatVersion: null,
    listed: new Map(),
    hashes: new Map(),
    kept: new Map(),
    tagManifestText: null,
    signers: [],
    keys: new Map(),
    entries: [],
    journalComplete: false,
    journalSummary: null,
    opened: null,
    add: (code, where, message) => {
      ctx.problems.push({ code, where, message });
    },
    field: (label) => ctx.bagInfo?.fields.get(label)?.[0] ?? null,
    readText: async (path, code) => {
      if (!source.files.has(path)) return null;
      let bytes: Uint8Array;
      try {
        bytes = await source.read(path);
      } catch (e) {
        ctx.add('FILE_UNREADABLE', path, unreadableMessage(path, e));
        return null;
      }
      const s = utf8Decode(bytes);
      if (s === null) ctx.add(code, path, `${path} is not UTF-8 text`);
      return s;
    },
  };
  return ctx;
};
