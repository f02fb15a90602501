// What Countersign asks a time-stamping authority to stamp, and where the tokens are kept (docs/formats/journal.md,
// docs/formats/bundle.md).
import { utf8Encode } from '../bundle/bytes';

/** The bytes a head's token stamps: the hash of the head.signed entry, as its 64 hex characters (no newline). */
export const headStampData = (headEntryHash: string): Uint8Array => utf8Encode(headEntryHash);

/** The bundle's token over tagmanifest-sha256.txt, a tag file beside signatures/ (the tag manifest cannot list it). */
export const TIMESTAMPS_DIR = 'timestamps';
export const BUNDLE_TIMESTAMP = `${TIMESTAMPS_DIR}/tagmanifest-sha256.txt.tsr`;
