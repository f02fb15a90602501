// data/incident.json: the record folded from the journal with the policy in force, written exactly as the verifier
// rebuilds it, so that the two are compared byte for byte.
import type { CryptoPort } from '../chain';
import type { JournalEntry } from '../entries';
import type { PolicyProfile } from '../../policy/schema';
import { buildRecord } from '../../outputs/record';

/** The text of incident.json: the record as two-space indented JSON, with a final newline. */
export const incidentJsonText = (
  crypto: Pick<CryptoPort, 'fingerprint'>,
  entries: readonly JournalEntry[],
  profile: PolicyProfile,
): string => `${JSON.stringify(buildRecord(entries, { crypto, profile }), null, 2)}\n`;
