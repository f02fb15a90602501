// Checks a bundle on disk and words the result for a person: each problem on its own line, then VALID or INVALID.
import { KNOWN_FORMATS } from '@shared/evidence/bundle/bag-layout';
import { unreadableReport, type BundleReport } from '@shared/evidence/bundle/bundle-report';
import { verifyBag } from '@shared/evidence/bundle/verify-bag';
import { CodedError } from '@shared/result';
import { nodeCrypto } from '../services/crypto';
import { openBundle } from './bundle-reader';

/** Verifies the bundle at `path` (a .zip or a folder). Never throws: an unreadable bundle is a report too. */
export const verifyBundleAt = async (path: string, password?: string): Promise<BundleReport> => {
  let opened;
  try {
    opened = await openBundle(path, password);
  } catch (e) {
    const code = e instanceof CodedError && e.code === 'BAD_PASSPHRASE' ? 'BAD_PASSWORD' : 'UNREADABLE';
    return unreadableReport(e instanceof Error ? e.message : String(e), path, code);
  }
  try {
    return await verifyBag(nodeCrypto, opened.source);
  } catch (e) {
    return unreadableReport(
      `The bundle could not be read to the end: ${e instanceof Error ? e.message : String(e)}`,
      path,
      'UNREADABLE',
    );
  } finally {
    await opened.close().catch(() => undefined);
  }
};

const RESULT_WORDS = { passed: 'passed     ', failed: 'FAILED     ', 'not checked': 'not checked' } as const;

export const formatReport = (r: BundleReport, path: string): string => {
  const lines: string[] = [];
  lines.push(`Evidence bundle: ${path}`);
  if (r.ref) lines.push(`Incident: ${r.ref}`);
  lines.push(`Bundle format: ${r.formatVersion ?? 'unknown'} (this verifier knows format ${KNOWN_FORMATS.join(', ')})`);
  if (r.journal)
    lines.push(`Journal: ${r.journal.entries} entries${r.journal.head ? `, last hash ${r.journal.head}` : ''}`);
  if (r.status !== 'unreadable') lines.push(`Screenshots: ${r.screenshots}`);
  for (const s of r.signers)
    lines.push(
      `Signed by ${s.name}: key ${s.fingerprint ?? '(unreadable)'}, signature ${s.valid ? 'valid' : 'NOT valid'}`,
    );
  if (r.checks.length > 0) {
    lines.push('', 'Checks:');
    for (const c of r.checks) lines.push(`  ${RESULT_WORDS[c.result]}  ${c.title}`);
  }
  if (r.problems.length > 0) {
    lines.push('', r.status === 'unreadable' ? 'Cannot check this bundle:' : `Problems (${r.problems.length}):`);
    for (const p of r.problems) lines.push(`  ${p.message} [${p.code}]`);
  }
  if (r.warnings.length > 0) {
    lines.push('', 'Notes:');
    for (const w of r.warnings) lines.push(`  ${w}`);
  }
  lines.push('');
  if (r.status === 'valid')
    lines.push(
      'VALID: every file, hash and signature checks out, and the journal is intact and follows the procedure.',
    );
  else if (r.status === 'invalid')
    lines.push(`INVALID: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found (listed above).`);
  else lines.push('INVALID: the bundle could not be checked (see above).');
  return lines.join('\n');
};

/** The machine-readable report of `countersign verify --json`. */
export const jsonReport = (r: BundleReport): string =>
  JSON.stringify(
    {
      valid: r.valid,
      status: r.status,
      formatVersion: r.formatVersion,
      knownFormats: r.knownFormats,
      ref: r.ref,
      problems: r.problems,
      warnings: r.warnings,
      checks: r.checks,
      signers: r.signers,
      journal: r.journal,
      screenshots: r.screenshots,
    },
    null,
    2,
  );
