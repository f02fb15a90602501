// VERIFY.txt's section on the RFC 3161 timestamps: what they prove and the openssl commands that check them.
import { TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import { BUNDLE_TIMESTAMP } from '@shared/evidence/timestamp/stamped';

/** The command that checks the bundle's token over the tag manifest against the authority's CA certificate. */
export const TIMESTAMP_OPENSSL =
  `openssl ts -verify -in ${BUNDLE_TIMESTAMP} -data ${TAG_FILES.tagmanifest} ` + '-CAfile tsa-ca.pem';

export const timestampInstructions = (): string[] => [
  '5. TRUSTED TIMESTAMPS (RFC 3161)',
  '',
  'Time-stamping was on: a time-stamping authority outside the school signed the time at which',
  `${TAG_FILES.tagmanifest} existed. Its token is ${BUNDLE_TIMESTAMP} (beside signatures/; the`,
  'tag manifest cannot list it, because it stamps the tag manifest). If the file is missing, the',
  'authority could not be reached when the bundle was made: the journal says so in a',
  '"timestamp.failed" entry. With the authority\'s CA certificate saved as tsa-ca.pem:',
  `  ${TIMESTAMP_OPENSSL}`,
  'It must print "Verification: OK". To see the authority\'s time (Time stamp:) and name:',
  `  openssl ts -reply -in ${BUNDLE_TIMESTAMP} -text`,
  'During the review every device-signed head was stamped too: each "timestamp.received" entry',
  'holds the reply (base64) for the "head.signed" entry at its data.head. The data stamped is that',
  "entry's hash as 64 hex characters, with no newline; write it to head.txt, the reply decoded",
  'from base64 to head.tsr, and run:',
  '  openssl ts -verify -in head.tsr -data head.txt -CAfile tsa-ca.pem',
  "countersign verify --tsa-ca tsa-ca.pem checks all of them and shows the authority's time",
  "beside the laptop's. A timestamp shows the record existed no later than the authority's",
  "time, whatever the laptop's clock said.",
  '',
];
