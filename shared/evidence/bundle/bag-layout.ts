// Where everything sits in an evidence bundle (docs/formats/bundle.md): the format number, tag files, payload and
// signature paths.

/**
 * The bundle format this code writes, and every format it can check. Format 2 added data/policy.json, incident.json
 * rebuilt byte for byte from the journal, and the incident's marks in the PDFs' metadata (docs/formats/bundle.md).
 */
export const BUNDLE_FORMAT = 2;
export const KNOWN_FORMATS: readonly number[] = [1, 2];

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
  /** Format 2: the policy profile in force, as RFC 8785 canonical JSON. */
  policy: 'data/policy.json',
  /** The incident in the CASE/UCO vocabularies (docs/formats/case-uco.md), rebuilt from the journal by the verifier. */
  caseJsonld: 'data/case.jsonld',
} as const;
const FORMAT_1_PAYLOAD: readonly string[] = [
  PAYLOAD.incident,
  PAYLOAD.journal,
  PAYLOAD.form,
  PAYLOAD.screenshotsPdf,
  PAYLOAD.urls,
  PAYLOAD.verify,
];
/** Every payload file a bundle in this format holds besides the screenshots. */
export const requiredPayload = (format: number): readonly string[] =>
  format >= 2 ? [...FORMAT_1_PAYLOAD, PAYLOAD.policy] : FORMAT_1_PAYLOAD;

/**
 * The most the verifier reads into memory of a file whose content it checks; anything larger is refused before it is
 * read, so that a hostile bundle cannot make the verifier hold it. Far above what a real incident writes (a journal of
 * a long review is a few megabytes).
 */
export const READ_LIMITS = {
  tagFile: 16 * 1024 * 1024,
  journal: 32 * 1024 * 1024,
  incident: 64 * 1024 * 1024,
  urls: 32 * 1024 * 1024,
  policy: 4 * 1024 * 1024,
  caseJsonld: 64 * 1024 * 1024,
  signature: 1024,
  publicKey: 16 * 1024,
  /** The end of each PDF kept while it is hashed: its trailer, cross-reference table and metadata. */
  pdfTail: 1024 * 1024,
} as const;
export const SIGNER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const screenshotPath = (sha256: string): string => `${PAYLOAD.screenshots}/${sha256}.png`;
export const signaturePaths = (name: string): { sig: string; pub: string } => ({
  sig: `${SIGNATURES_DIR}/${name}.sig`,
  pub: `${SIGNATURES_DIR}/${name}.pub.pem`,
});
/** A screenshot's path, named after its SHA-256 (group 1). */
export const SCREENSHOT_FILE_RE = /^data\/screenshots\/([0-9a-f]{64})\.png$/;
/** A signature or public key file, with the signer's name (group 1). */
export const SIGNATURE_FILE_RE = /^signatures\/(.+?)\.(sig|pub\.pem)$/;

/** bag-info.txt labels beyond RFC 8493's reserved ones. */
export const INFO = {
  format: 'Countersign-Bundle-Format',
  journalEntries: 'Countersign-Journal-Entries',
  journalHead: 'Countersign-Journal-Head',
} as const;

/** Format 2: the custom keys of each PDF's document information dictionary that tie it to its incident. */
export const PDF_KEYS = {
  ref: 'CountersignRef',
  recordDigest: 'CountersignRecordDigest',
  sealedHead: 'CountersignSealedHead',
} as const;

export interface BagFile {
  /** Path relative to the bag's top folder, with "/" separators. */
  path: string;
  bytes: Uint8Array;
}

/** A payload file as the tag files describe it, known without holding its bytes. */
export interface PayloadDigest {
  path: string;
  sha256: string;
  size: number;
}

/** What bag-info.txt says besides the payload's size. */
export type BagHeader = Omit<BagSpec, 'payload'>;

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

/** The journal file: each plain line exactly as hashed, LF after each. */
export const journalFileText = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');
