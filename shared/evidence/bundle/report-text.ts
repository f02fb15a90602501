// Words a verifier's report for a person, the same in the command line and the stand-alone HTML verifier: the values to
// compare with the paper form, each check, each problem, then the verdict.
import { KNOWN_FORMATS } from './bag-layout';
import type { BundleReport, CheckResult } from './bundle-report';

const RESULT_WORDS: Record<CheckResult, string> = {
  passed: 'passed       ',
  failed: 'FAILED       ',
  'not checked': 'NOT CHECKED  ',
  'not available': 'not available',
};

/** Control and direction-changing characters from a hostile bundle cannot rewrite the terminal or the line. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters made visible
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const printable = (s: string): string =>
  s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** "Compare with the printed form": the paper's values, in the order the form prints them. */
const paperLines = (r: BundleReport): string[] => {
  const p = r.paper;
  if (!p) return [];
  const rows: [string, string][] = [
    ["Computer's key fingerprint", p.device],
    ...(p.laterDevices ?? []).map((fp): [string, string] => ['Replacement computer (restored)', fp]),
    ['Record digest', p.recordDigest ?? 'none (no conclusion was recorded)'],
    ...p.reviewers.map((x): [string, string] => [
      `Signed off by ${x.name} (${x.role})`,
      x.signoffKey ?? 'NOT SIGNED OFF',
    ]),
    ['Record sealed at journal entry', p.sealedHead ? `${p.sealedHead.seq}, hash ${p.sealedHead.hash}` : 'not sealed'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  const lines = ['', 'Compare with the printed form (type these values with --expect-... to have them checked):'];
  for (const [k, v] of rows) lines.push(`  ${`${k}:`.padEnd(width)}  ${v}`);
  for (const pin of r.pins)
    lines.push(`  You typed ${pin.what} ${pin.expected}: ${pin.matched ? `matches ${pin.matched}` : 'DOES NOT MATCH'}`);
  return lines;
};

/** Each RFC 3161 token: what it stamps, the laptop's time and the authority's, side by side. */
const timestampLines = (r: BundleReport): string[] => {
  if (!r.timestamps?.length) return [];
  const lines = ['', "Trusted timestamps (RFC 3161): the laptop's time beside the time-stamping authority's:"];
  for (const t of r.timestamps)
    lines.push(
      `  ${t.stamps}: laptop ${t.laptopTime}, authority ${t.authorityTime} (${t.authority})` +
        `${t.valid ? '' : ' - NOT VALID'}`,
    );
  return lines;
};

export const formatReport = (r: BundleReport, path: string): string => {
  const lines: string[] = [];
  lines.push(`Evidence bundle: ${path}`);
  if (r.ref) lines.push(`Incident: ${r.ref}`);
  lines.push(
    `Bundle format: ${r.formatVersion ?? 'unknown'} (this verifier knows formats ${KNOWN_FORMATS.join(' and ')})`,
  );
  if (r.journal)
    lines.push(`Journal: ${r.journal.entries} entries${r.journal.head ? `, last hash ${r.journal.head}` : ''}`);
  if (r.status !== 'unreadable') lines.push(`Screenshots: ${r.screenshots}`);
  for (const s of r.signers) {
    const who = r.paper?.reviewers.find((x) => x.id === s.name)?.name;
    lines.push(
      `Signed by ${s.name}${who ? ` (${who})` : ''}: key ${s.fingerprint ?? '(unreadable)'}, ` +
        `signature ${s.valid ? 'valid' : 'NOT valid'}`,
    );
  }
  lines.push(...paperLines(r));
  lines.push(...timestampLines(r));
  if (r.checks.length > 0) {
    lines.push('', 'Checks:');
    for (const c of r.checks)
      lines.push(`  ${RESULT_WORDS[c.result]}  ${c.title}${c.note ? `\n                 (${c.note})` : ''}`);
  }
  if (r.problems.length > 0) {
    lines.push('', r.status === 'unreadable' ? 'Cannot check this bundle:' : `Problems (${r.problems.length}):`);
    for (const p of r.problems) lines.push(`  ${p.message} [${p.code}]`);
  }
  if (r.warnings.length > 0) {
    lines.push('', 'Notes:');
    for (const w of r.warnings) lines.push(`  ${w}`);
  }
  lines.push('', r.verdict);
  return lines.map(printable).join('\n');
};

/** The machine-readable report of `countersign verify --json`: the report itself, field for field. */
export const jsonReport = (r: BundleReport): string => JSON.stringify(r, null, 2);
