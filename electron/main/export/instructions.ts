// VERIFY.txt: how anyone checks an evidence bundle with standard tools, without Countersign.
import { BUNDLE_FORMAT, DEVICE_SIGNER, PAYLOAD, TAG_FILES, signaturePaths } from '@shared/evidence/bundle/bag-layout';
import { headMessage, signoffMessage } from '@shared/evidence/chain';
import { CONNECTIONS_DIR, SOURCES_DIR } from '@shared/evidence/bundle/page-files';
import { timestampInstructions } from './timestamp-instructions';

export interface InstructionsInput {
  ref: string;
  version: string;
  baggingDate: string;
  /** Signer names with the fingerprint (SHA-256 of the SPKI DER) of each key; the device first. */
  signers: readonly { name: string; fingerprint: string }[];
  /** How capture was locked, if it was: by the halt, or at triage (no review on this computer). */
  locked: 'halt' | 'triage' | null;
  screenshots: number;
  /** Captures that recorded their page's source and connection (data/sources/, data/connections/). */
  pages?: number;
  /** Time-stamping was on: the bundle should hold an RFC 3161 token over its tag manifest. */
  timestamped?: boolean;
}

/**
 * The Python below checks the chain exactly as docs/formats/journal.md defines it, with its own RFC 8785 canonical
 * form (keys in UTF-16 order, numbers as JavaScript writes them, strings as JSON.stringify does), so that no title or
 * address a hostile page gave, and no number the clock gave, makes it disagree with Countersign. It then writes the
 * last device-signed head as a message and a raw signature for openssl.
 */
export const CHAIN_SCRIPT = `import hashlib, json, os, tempfile
from decimal import Decimal
def number(x):
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    _, digits, exp = Decimal(repr(x)).as_tuple()
    n, d = len(digits) + exp, ''.join(map(str, digits)).rstrip('0')
    sign = '-' if x < 0 else ''
    if 0 < n <= 21:
        return sign + d[:n] + '.' + d[n:]
    if -6 < n <= 0:
        return sign + '0.' + '0' * -n + d
    return sign + d[0] + ('.' + d[1:] if len(d) > 1 else '') + 'e' + ('+' if n > 1 else '-') + str(abs(n - 1))
def canonical(v):
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode('utf-16-be', 'surrogatepass'))
        return '{' + ','.join(canonical(k) + ':' + canonical(v[k]) for k in keys) + '}'
    if isinstance(v, list):
        return '[' + ','.join(canonical(x) for x in v) + ']'
    return number(v) if isinstance(v, float) else json.dumps(v, ensure_ascii=False)
prev, count, head = '0' * 64, 0, None
with open('${PAYLOAD.journal}', encoding='utf-8', newline='') as f:
    for n, line in enumerate(f):
        assert line.endswith('\\n'), f'line {n + 1} is incomplete'
        e = json.loads(line)
        h = e.pop('hash')
        assert e['seq'] == n, f'line {n + 1} holds entry {e["seq"]}, expected {n}'
        assert e['prev'] == prev, f'entry {n} does not link to the entry before it'
        text = (prev + '\\n' + canonical(e)).encode('utf-8', 'surrogatepass')
        assert hashlib.sha256(text).hexdigest() == h, f'entry {n} has been altered'
        prev, count = h, n + 1
        if e['kind'] == 'head.signed':
            head = e['data']
print(f'Journal chain OK: {count} entries, last hash {prev}')
assert head is not None, 'the journal holds no device-signed head'
d = tempfile.gettempdir()
with open(os.path.join(d, 'countersign-head.msg'), 'w', encoding='utf-8', newline='') as m:
    m.write(f"countersign head v1\\n{head['seq']}\\n{head['hash']}")
with open(os.path.join(d, 'countersign-head.sig'), 'wb') as s:
    s.write(bytes.fromhex(head['signature']))
print(f"Last device-signed head: entry {head['seq']}, written to {d} for openssl")`;

const HEAD_OPENSSL =
  `openssl pkeyutl -verify -pubin -inkey ${signaturePaths(DEVICE_SIGNER).pub} -rawin -in ` +
  `"\${TMPDIR:-/tmp}/countersign-head.msg" -sigfile "\${TMPDIR:-/tmp}/countersign-head.sig"`;

export const signatureCommand = (name: string): string => {
  const p = signaturePaths(name);
  return `openssl pkeyutl -verify -pubin -inkey ${p.pub} -rawin -in ${TAG_FILES.tagmanifest} -sigfile ${p.sig}`;
};

const POWERSHELL_CHECK =
  `Get-Content ${TAG_FILES.manifest}, ${TAG_FILES.tagmanifest} | ForEach-Object { $h, $p = $_ ` +
  `-split '\\s+', 2; if ((Get-FileHash -Algorithm SHA256 ` +
  `-LiteralPath $p).Hash -eq $h) { "OK      $p" } else { "FAILED  $p" } }`;

const lockedText = (locked: InstructionsInput['locked']): string[] => {
  if (locked === 'halt') {
    return [
      'WHY THERE IS NO IMAGE OF THE HALTED CONTENT',
      '',
      'The review was halted because child sexual abuse imagery was suspected. From that',
      'moment the app refused every capture for this incident, and a capture already in',
      'progress was discarded, never written. Any earlier capture the reviewers said shows',
      'the suspect imagery was destroyed; its SHA-256 and the purge stay in the journal',
      '(capture.purged entries), so the record shows it existed without keeping it.',
      'No image of the halted content exists in this bundle, and the purged captures were',
      'destroyed on the investigation computer. A backup of its vault made before the purge',
      'still holds them, encrypted: the school must destroy such backups. The address is',
      'recorded as text only (the review.halted entry).',
      '',
    ];
  }
  if (locked === 'triage') {
    return [
      'WHY THERE ARE NO SCREENSHOTS',
      '',
      'At triage the reviewers said child sexual abuse imagery or other illegal activity was',
      'suspected, so no review took place on this computer: capture was refused for this',
      'incident from the start, and the matter went to the police-referral route.',
      '',
    ];
  }
  return [];
};

const pagesText = (pages: number): string[] =>
  pages === 0
    ? []
    : [
        `PAGE SOURCES AND CONNECTIONS (${pages} capture(s))`,
        '',
        `${SOURCES_DIR}/<sha256>.html is the source of a captured page as the browser held it, after`,
        'its scripts ran: HTML text, with images and video as addresses, never their bytes. Open it',
        'in a text editor, never in a web browser: it is the page under review. Its name is its',
        'SHA-256, which the capture.taken entry of its capture records (page.source.sha256):',
        `  sha256sum ${SOURCES_DIR}/*.html      (each hash printed must be the file's own name)`,
        `${CONNECTIONS_DIR}/<capture sha256>.json is, as RFC 8785 canonical JSON, exactly what that`,
        "entry records of the connection: the server's IP address and port, the HTTP status and",
        'headers of the page, and for HTTPS the certificate chain (subject, issuer, validity and',
        "the SHA-256 of each certificate, the server's first). To compare a certificate with one",
        'saved from the site:  openssl x509 -in cert.pem -outform DER | sha256sum',
        '',
      ];

export const verifyText = (i: InstructionsInput): string => {
  const width = Math.max(...i.signers.map((s) => s.name.length));
  const lines = [
    'HOW TO CHECK THIS EVIDENCE BUNDLE',
    '',
    `Incident:      ${i.ref}`,
    `Made by:       Countersign ${i.version}, on ${i.baggingDate} (bundle format ${BUNDLE_FORMAT})`,
    `Screenshots:   ${i.screenshots}`,
    '',
    'THE EASIEST WAY: THE STAND-ALONE VERIFIER (nothing to install, no internet needed)',
    '',
    'Open countersign-verifier.html in Microsoft Edge, Google Chrome or Mozilla Firefox,',
    "choose this bundle's .zip, type its password if it is locked and the values printed on",
    'the signed paper form, and choose "Check the bundle". It makes every check below and',
    'more, and gives the same report and verdict as "countersign verify". It sends nothing',
    'anywhere: the page forbids itself every connection.',
    'Take the verifier from a source you trust, never from whoever sent this bundle: from',
    `the release of Countersign ${i.version}, or saved from the school's Countersign (Check a`,
    'bundle, Save the stand-alone verifier) and compared with the SHA-256 published with that',
    'release, which comes beside the file as countersign-verifier.html.sha256:',
    '  sha256sum -c countersign-verifier.html.sha256      (must print OK)',
    '',
    'THE SAME CHECKS BY HAND, WITH STANDARD TOOLS',
    '',
    'This folder is a BagIt 1.0 bag (RFC 8493). Every file under data/ is listed with its',
    `SHA-256 in ${TAG_FILES.manifest}. ${TAG_FILES.bagit}, ${TAG_FILES.bagInfo} and ${TAG_FILES.manifest}`,
    `are listed in ${TAG_FILES.tagmanifest}, and that file is signed (Ed25519) by each key`,
    'in signatures/. If both manifests check and every signature verifies, no file in this',
    'bag has changed since it was signed. Unzip the bundle first (7-Zip opens it, with the',
    'password if it is encrypted) and run every command from the folder holding bagit.txt.',
    '',
    'Signers and the fingerprints of their keys (SHA-256 of the public key, as printed on',
    'the incident form):',
    ...i.signers.map(
      (s) =>
        `  ${s.name.padEnd(width)}  ${s.fingerprint}  ` +
        (s.name === DEVICE_SIGNER ? '(the investigation computer)' : '(the member of staff who exported it)'),
    ),
    '',
    'With Countersign itself:  countersign verify <this folder or the .zip> [--password-file F]',
    '  [--expect-device FP] [--expect-reviewer FP] [--expect-reviewer FP] [--expect-digest HEX]',
    'where the --expect values are those printed on the signed paper form (see 4);',
    '  a locked .zip: put its password in the file F, or in COUNTERSIGN_BUNDLE_PASSWORD.',
    '',
    '1. FILE HASHES (every line must end in OK)',
    '',
    'Linux:',
    `  sha256sum -c ${TAG_FILES.manifest}`,
    `  sha256sum -c ${TAG_FILES.tagmanifest}`,
    'macOS:',
    `  shasum -a 256 -c ${TAG_FILES.manifest}`,
    `  shasum -a 256 -c ${TAG_FILES.tagmanifest}`,
    'Windows (PowerShell):',
    `  ${POWERSHELL_CHECK}`,
    '  or one file at a time, comparing with the manifest line:',
    '  certutil -hashfile data\\journal.jsonl SHA256',
    '',
    '2. SIGNATURES (OpenSSL 3.0 or later; on Windows it comes with Git for Windows)',
    '',
    ...i.signers.map((s) => `  ${signatureCommand(s.name)}`),
    '',
    'Each must print "Signature Verified Successfully". To see a key\'s fingerprint:',
    `  openssl pkey -pubin -in ${signaturePaths(DEVICE_SIGNER).pub} -outform DER | sha256sum`,
    '',
    `3. THE JOURNAL (${PAYLOAD.journal})`,
    '',
    'One JSON object per line: seq, at (UTC), mono, kind, actor, data, prev, hash. The hash of',
    'each entry is the SHA-256 (hex) of its prev, a newline, and the RFC 8785 canonical JSON of',
    'the entry without its hash; the first prev is 64 zeros. The computer signs the chain head',
    `after each step of the ` +
      `procedure ("head.signed" ` +
      `entries): the message is "${headMessage(0, '<hash>').replace('\n0\n', '\n<seq>\n').replace(/\n/g, '\\n')}"`,
    "with the entry's seq and hash, signed by signatures/device.pub.pem. Each reviewer's",
    `sign-off ("signoff.signed") signs "${signoffMessage(i.ref, '<digest>').replace(/\n/g, '\\n')}", where the digest`,
    'is the hash of the conclusion entry, with the public key held in that entry.',
    '',
    'To check the chain and the last signed head by hand, paste these lines as they are into a',
    'terminal (Linux, macOS; on Windows save the lines between the two EOF markers as',
    'check_chain.py, run: python check_chain.py, then the openssl command with %TEMP% paths):',
    '',
    "python3 - <<'EOF'",
    CHAIN_SCRIPT,
    'EOF',
    HEAD_OPENSSL,
    '',
    '4. COMPARE WITH THE PRINTED FORM',
    '',
    'The checks above show that nobody changed the bundle after it was signed, not whose keys',
    "signed it: someone able to unlock the school's vault could build a new bundle that passes",
    'them. The incident form printed at sign-off and signed in ink says whose they are. Compare',
    "with it: the computer's key fingerprint (the device line above); the record digest, which",
    "is the hash of the conclusion.recorded entry; each reviewer's key fingerprint, the SHA-256",
    'of the public key in their signoff.signed entry; and the entry at which the record was',
    'sealed, the last signoff.signed entry. Each must be the same on the paper. form.pdf and',
    `screenshots.pdf carry the reference, the digest and that entry in their properties too:`,
    `  pdfinfo -custom ${PAYLOAD.form}`,
    `${PAYLOAD.policy} is the policy in force when the incident was opened: its SHA-256 is the`,
    'profile.sha256 of the incident.opened entry.',
    '',
    `${PAYLOAD.urls} lists every address the evidence browser was asked for or reached, with`,
    'times, taken from the journal. A cell that starts with = + - or @ is shown with a leading',
    "' so that a spreadsheet does not run it; the journal holds the exact text.",
    '',
    ...pagesText(i.pages ?? 0),
    `${PAYLOAD.caseJsonld} describes the same review in the CASE/UCO vocabularies (JSON-LD) that`,
    'police forensic tools read: the actions with who, when and with what tool, every address,',
    'every file with its SHA-256. It is made from the journal; the journal is the record.',
    '',
    ...(i.timestamped ? timestampInstructions() : []),
    ...lockedText(i.locked),
  ];
  return `${lines.join('\n')}\n`;
};
