// What the verifier reports: the checks it runs, the problem codes filed under each, and the report itself.
import { KNOWN_FORMATS } from './bag-layout';

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
  BAD_KEY_CHANGE: 'journal',
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
export const isProblemCode = (c: string): c is BundleProblemCode => Object.hasOwn(PROBLEM_CHECK, c);

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
});
