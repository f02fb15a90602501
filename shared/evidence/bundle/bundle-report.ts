// What the verifier reports: the checks it runs, the problem codes filed under each, the values to compare with the
// printed form, and the verdict.
import { KNOWN_FORMATS } from './bag-layout';

/** Every check, in the order the report lists them. */
export const CHECKS = {
  bag: 'BagIt declaration, bag-info.txt and bundle format',
  completeness: 'Every file in the manifest is present, every file under data/ is in it, and nothing else is added',
  oxum: "Payload-Oxum and each file's size, compared before anything is read",
  payload: 'SHA-256 of every payload file (manifest-sha256.txt)',
  tagmanifest: 'SHA-256 of every tag file (tagmanifest-sha256.txt)',
  signatures: 'Ed25519 signatures over tagmanifest-sha256.txt',
  signers: 'Every signer is the investigation computer or a reviewer, with the key recorded for them',
  journal: 'Journal hash chain and the device-signed heads',
  'device-key': 'The device key is the key of the computer the incident was opened on',
  procedure: 'The procedure: two different reviewers, steps in order, no capture after a halt',
  signoff: 'Both reviewers signed off the record with the keys recorded when the incident was opened',
  addenda: 'Every addendum is signed by a reviewer with the key recorded for them',
  screenshots: 'Screenshots match the captures in the journal, none purged',
  pages: "Each capture's page source and connection match the journal, none of a purged capture",
  urls: 'urls.csv lists exactly the addresses in the journal',
  incident: 'incident.json is the record rebuilt from the journal and the policy, byte for byte',
  policy: 'policy.json is the policy profile recorded when the incident was opened',
  pdfs: "form.pdf and screenshots.pdf carry this incident's reference, record digest and sealed head",
  case: 'case.jsonld (CASE/UCO) is the description rebuilt from the journal, byte for byte',
  pins: 'The values typed from the printed form match the bundle',
  timestamps:
    "RFC 3161 timestamps: each token stamps its signed head or the tag manifest, under the authority's signature",
} as const;
export type CheckId = keyof typeof CHECKS;

/**
 * Rules a format-1 bundle (Countersign before bundle format 2) cannot meet, and why. Such a bundle is VALID when every
 * other rule holds; these are reported as "not available", never as passed (docs/formats/bundle.md).
 */
export const FORMAT_1_LIMITS: Partial<Record<CheckId, string>> = {
  incident:
    'format 1 carries no policy.json, so incident.json cannot be rebuilt byte for byte; its reference, record ' +
    'digest and journal head were compared with the journal instead',
  policy: 'format 1 carries no policy.json: the policy is known only by the name and hash the journal records',
  pdfs: 'format-1 PDFs carry no incident marks in their metadata; they were only checked to be PDFs',
};

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
  FILE_TOO_LARGE: 'payload',
  MANIFEST_SYNTAX: 'payload',
  HASH_MISMATCH: 'payload',
  TAGMANIFEST_SYNTAX: 'tagmanifest',
  TAGMANIFEST_INCOMPLETE: 'tagmanifest',
  TAG_HASH_MISMATCH: 'tagmanifest',
  SIGNATURE_MISSING: 'signatures',
  SIGNATURE_INVALID: 'signatures',
  SIGNATURE_UNREADABLE: 'signatures',
  SIGNER_KEY_MISMATCH: 'signers',
  SIGNER_NOT_REVIEWER: 'signers',
  NOT_JSON: 'journal',
  BAD_SHAPE: 'journal',
  UNKNOWN_KIND: 'journal',
  BAD_DATA: 'journal',
  BAD_SEQ: 'journal',
  BAD_PREV: 'journal',
  BAD_HASH: 'journal',
  BAD_TIME: 'journal',
  BAD_HEAD: 'journal',
  BAD_KEY_CHANGE: 'journal',
  BAD_DEVICE_CHANGE: 'journal',
  UNSIGNED: 'journal',
  JOURNAL_UNREADABLE: 'journal',
  JOURNAL_HEAD_MISMATCH: 'journal',
  DEVICE_KEY_MISMATCH: 'device-key',
  PROCEDURE: 'procedure',
  SAME_REVIEWER: 'procedure',
  CAPTURE_AFTER_HALT: 'procedure',
  BAD_SIGNOFF: 'signoff',
  NOT_SIGNED_OFF: 'signoff',
  SIGNOFF_BEFORE_CONCLUSION: 'signoff',
  SIGNOFF_NOT_REVIEWER: 'signoff',
  ADDENDUM_UNSIGNED: 'addenda',
  ADDENDUM_SIGNATURE: 'addenda',
  PURGED_PRESENT: 'screenshots',
  SCREENSHOT_MISSING: 'screenshots',
  SCREENSHOT_UNRECORDED: 'screenshots',
  SCREENSHOT_ALTERED: 'screenshots',
  PAGE_SOURCE_MISSING: 'pages',
  PAGE_SOURCE_ALTERED: 'pages',
  PAGE_CONNECTION_MISMATCH: 'pages',
  PAGE_FILE_UNRECORDED: 'pages',
  URLS_MISMATCH: 'urls',
  INCIDENT_MISMATCH: 'incident',
  POLICY_MISMATCH: 'policy',
  OUTPUT_INVALID: 'pdfs',
  PDF_MARKS: 'pdfs',
  CASE_MISMATCH: 'case',
  PIN_MISMATCH: 'pins',
  TIMESTAMP_INVALID: 'timestamps',
} as const satisfies Record<string, CheckId>;
export type BundleProblemCode = keyof typeof PROBLEM_CHECK;
export const isProblemCode = (c: string): c is BundleProblemCode => Object.hasOwn(PROBLEM_CHECK, c);

export interface BundleProblem {
  code: BundleProblemCode;
  /** A path in the bag, "data/journal.jsonl entry 12", or "bundle". */
  where: string;
  message: string;
}

export type CheckResult = 'passed' | 'failed' | 'not checked' | 'not available';

export interface BundleCheck {
  id: CheckId;
  title: string;
  /**
   * passed: it was made and found nothing wrong; failed: it found a problem; not checked: it could not be made (an
   * earlier failure left nothing to check against); not available: the bundle's format cannot meet it (see `note`).
   */
  result: CheckResult;
  note?: string;
}

export interface SignerReport {
  name: string;
  fingerprint: string | null;
  valid: boolean;
}

/** The values the printed form carries, in the order it prints them: what a reader compares with the paper. */
export interface PaperValues {
  /** The computer's key fingerprint, as recorded when the incident was opened. */
  device: string;
  /** The keys of the computers the incident moved to (restored from a backup), in order; absent when none. */
  laterDevices?: string[];
  /** The record digest (the conclusion entry's hash), or null when there is no conclusion. */
  recordDigest: string | null;
  /** First then second reviewer: the key they signed off with, or null when they did not sign off. */
  reviewers: { id: string; name: string; role: string; signoffKey: string | null }[];
  /** The last sign-off entry ("the record was sealed at entry N, hash H"), or null. */
  sealedHead: { seq: number; hash: string } | null;
}

/** Values typed from the printed form: a hex fingerprint or digest, or a prefix of 16 or more hex digits. */
export interface VerifyPins {
  device?: string;
  reviewers?: readonly string[];
  digest?: string;
}

export interface PinReport {
  what: 'device' | 'reviewer' | 'digest';
  expected: string;
  /** The bundle's value it matches, or null when none does. */
  matched: string | null;
  /** A reviewer pin that matches a reviewer an earlier pin already matched: the same key typed twice. */
  repeated?: true;
}

/** One RFC 3161 token and what it shows. */
export interface TimestampReport {
  /** "journal entry 12 (signed head)" or "tagmanifest-sha256.txt". */
  stamps: string;
  /** The laptop's time for it: the head's entry time, or the bundle's Bagging-Date. */
  laptopTime: string;
  /** The authority's time (genTime), ISO 8601 UTC. */
  authorityTime: string;
  /** The authority's certificate subject, as the token carries it. */
  authority: string;
  valid: boolean;
}

export interface BundleReport {
  /** valid: every check passed (or is not available in its format); invalid: otherwise; unreadable: not a bundle
   *  this verifier can read. */
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
  /** "Compare with the printed form"; null when the journal could not be read. */
  paper: PaperValues | null;
  pins: PinReport[];
  /** Each RFC 3161 token checked: what it stamps, the laptop's time beside the authority's; absent when none. */
  timestamps?: TimestampReport[];
  /** The verdict in one sentence of plain English. */
  verdict: string;
}

/** Exit status of `countersign verify` (docs/formats/command-line.md). */
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
  paper: null,
  pins: [],
  verdict: `NOT CHECKED: the bundle cannot be read. ${message}`,
});
