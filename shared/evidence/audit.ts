// Audits a journal as a third party would: the chain, the device's signed heads, the reviewers' sign-off signatures,
// and the procedure.
import { signoffMessage, verifyChain, verifyHeads, type ChainProblem, type CryptoPort, type SignedHead } from './chain';
import type { JournalEntry } from './entries';
import { fold, STEP_KINDS, type IncidentState } from '../procedure/procedure-machine';
import { auditDeviceChanges, deviceKeyAt } from './device-keys';
import { auditKeyChanges, reviewerKeyAt } from './reviewer-keys';

export interface AuditProblem {
  /** Where: "entry 12", "line 3", or a file name. */
  where: string;
  code:
    | ChainProblem['code']
    | 'PROCEDURE'
    | 'BAD_SIGNOFF'
    | 'BAD_KEY_CHANGE'
    | 'BAD_DEVICE_CHANGE'
    | 'UNSIGNED'
    | 'FILE_MISSING'
    | 'FILE_ALTERED'
    | 'FILE_UNEXPECTED'
    | 'PURGED_PRESENT'
    | 'ROLLED_BACK'
    | 'CORRUPT';
  message: string;
}

export interface JournalAudit {
  entries: JournalEntry[];
  state: IncidentState | null;
  problems: AuditProblem[];
  warnings: string[];
}

const at = (p: ChainProblem): string => (p.seq === undefined ? `line ${p.line}` : `entry ${p.seq}`);

/**
 * Checks journal lines (already decoded) from the genesis. The chain stops at the first bad entry,
 * which is named; what follows is not trusted. `keptHeads` are signed heads kept outside the journal.
 */
export const auditJournal = (
  crypto: CryptoPort,
  lines: readonly string[],
  devicePublicKeyPem: string,
  keptHeads: readonly SignedHead[] = [],
): JournalAudit => {
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  const chain = verifyChain(crypto, lines);
  if (chain.problem)
    problems.push({ where: at(chain.problem), code: chain.problem.code, message: chain.problem.message });
  const entries = chain.entries;
  for (const p of verifyHeads(crypto, entries, devicePublicKeyPem, keptHeads)) {
    problems.push({ where: p.line ? at(p) : 'head.json', code: p.code, message: p.message });
  }
  if (chain.problem) return { entries, state: null, problems, warnings };

  const folded = fold(entries);
  if (folded.violation) {
    const v = folded.violation;
    problems.push({
      where: `entry ${v.seq}`,
      code: 'PROCEDURE',
      message: `entry ${v.seq} (${v.kind}) breaks the procedure: ${v.message}`,
    });
  }
  problems.push(...auditSignoffs(crypto, entries));
  for (const p of auditKeyChanges(crypto, entries, (seq) => deviceKeyAt(entries, seq, devicePublicKeyPem)))
    problems.push({ where: `entry ${p.seq}`, code: 'BAD_KEY_CHANGE', message: p.message });
  for (const p of auditDeviceChanges(crypto, entries))
    problems.push({ where: `entry ${p.seq}`, code: 'BAD_DEVICE_CHANGE', message: p.message });
  const coverage = headCoverage(entries);
  problems.push(...coverage.problems);
  warnings.push(...coverage.warnings);
  return { entries, state: folded.violation ? null : folded.state, problems, warnings };
};

/** Each sign-off must be a valid Ed25519 signature by the key recorded for that reviewer (key-rules). */
const auditSignoffs = (crypto: CryptoPort, entries: readonly JournalEntry[]): AuditProblem[] => {
  const problems: AuditProblem[] = [];
  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  if (!opened) return problems;
  for (const e of entries) {
    if (e.kind !== 'signoff.signed') continue;
    const s = (e as JournalEntry<'signoff.signed'>).data;
    const where = `entry ${e.seq}`;
    const bad = (message: string) => problems.push({ where, code: 'BAD_SIGNOFF', message: `${where}: ${message}` });
    const recorded = reviewerKeyAt(entries, s.reviewer, e.seq);
    let fp: string | null = null;
    try {
      fp = crypto.fingerprint(s.publicKey);
    } catch {
      fp = null;
    }
    if (!opened.data.reviewers.some((r) => r.id === s.reviewer))
      bad(`${s.reviewer} signed off but is not one of the incident's two reviewers`);
    else if (!recorded)
      bad(`no signing key was recorded for ${s.reviewer} when the incident was opened, so the sign-off proves nothing`);
    else if (!fp) bad("the sign-off's public key cannot be read");
    else if (recorded !== fp) bad(`${s.reviewer} signed with a key that is not the one recorded for them`);
    else if (!crypto.verify(s.publicKey, signoffMessage(opened.data.ref, s.digest), s.signature))
      bad(`${s.reviewer}'s sign-off signature is not valid`);
  }
  return problems;
};

/**
 * The device signs the head after every completed step. A step with no signed head after it is a
 * problem once anything a reviewer did follows it; at the very end it is only a crash's trace.
 */
const headCoverage = (entries: readonly JournalEntry[]): { problems: AuditProblem[]; warnings: string[] } => {
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  const lastSigned = Math.max(
    -1,
    ...entries.filter((e) => e.kind === 'head.signed').map((e) => (e as JournalEntry<'head.signed'>).data.seq),
  );
  for (const e of entries) {
    if (!STEP_KINDS.has(e.kind) || e.seq <= lastSigned) continue;
    const laterActs = entries.some((x) => x.seq > e.seq && x.actor !== 'system');
    if (laterActs) {
      problems.push({
        where: `entry ${e.seq}`,
        code: 'UNSIGNED',
        message: `entry ${e.seq} (${e.kind}) completed a step but the device never signed the chain after it`,
      });
    } else {
      warnings.push(
        `entry ${e.seq} (${e.kind}) is not yet covered by a signed head (the ` +
          `app signs it when it next opens the incident)`,
      );
    }
  }
  return { problems, warnings };
};
