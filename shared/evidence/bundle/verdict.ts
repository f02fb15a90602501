// The verdict in one sentence of plain English, the same on the command line, in the app and in the HTML verifier.
import type { BundleReport } from './bundle-report';

export const verdictText = (r: Omit<BundleReport, 'verdict'>): string => {
  if (r.status === 'unreadable')
    return `NOT CHECKED: the bundle cannot be read. ${r.problems[0]?.message ?? ''}`.trim();
  if (r.status === 'invalid') {
    const [first, ...more] = r.problems;
    if (first)
      return (
        `INVALID: ${first.message}` +
        (more.length > 0 ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'}, listed above).` : '.')
      );
    const unmade = r.checks.filter((c) => c.result === 'not checked').map((c) => c.title);
    return `INVALID: these checks could not be made, so nothing vouches for them: ${unmade.join('; ')}.`;
  }
  const pinned =
    r.pins.length > 0
      ? ' The values typed from the printed form match.'
      : ' Compare the values under "Compare with the printed form" with the signed paper form: only the paper ' +
        'ties this bundle to the school.';
  const older = r.checks.filter((c) => c.result === 'not available');
  if (older.length > 0)
    return (
      `VALID (bundle format ${r.formatVersion ?? '?'}, made by an older Countersign): every rule that applies to it ` +
      `holds; ${older.length} rule${older.length === 1 ? ' is' : 's are'} not available in its format (listed above).` +
      pinned
    );
  return (
    'VALID: every file, hash and signature checks out, both reviewers signed off with their recorded keys, ' +
    'the journal follows the procedure and every output matches it.' +
    pinned
  );
};
