// Checks a vault in place, like `git fsck`: every incident's chain, signed heads and procedure, every stored file, and
// the deletion log's tombstones.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { auditJournal, type AuditProblem } from '@shared/evidence/audit';
import { CodedError } from '@shared/result';
import type { VaultCodec } from './codec';
import { nodeCrypto, sha256Hex } from './crypto';
import { readDeletions } from './deletion';
import { TEMP_PREFIX } from './durable';
import { HEAD_FILE, JOURNAL_FILE, readKeptHead, splitJournal } from './journal';
import { LEDGER_FILE, readLedger, rollbackOf, type LedgerView } from './head-ledger';
import { FILES_DIR, INCIDENTS_DIR, readDeviceKey, readVaultInfo, referencedFiles } from './vault';

export interface IncidentCheck {
  ref: string;
  entries: number;
  files: number;
  problems: AuditProblem[];
  warnings: string[];
}

/** One deletion as the vault's deletion log records it. */
export interface DeletionRecord {
  ref: string;
  deletedAt: string;
  agreedBy: string[];
  reason: string;
  journalHead: string;
}

export interface VaultCheck {
  ok: boolean;
  dataDir: string;
  /** Problems of the vault as a whole: its ledger of signed heads missing or damaged. */
  problems: AuditProblem[];
  warnings: string[];
  incidents: IncidentCheck[];
  /** Every tombstone in the deletion log, and what is wrong with the log (nothing, for an intact one). */
  deletions: { tombstones: DeletionRecord[]; problems: string[] };
}

/** The ledger of signed heads as `check` finds it, read without changing it; null when it cannot vouch. */
const checkLedger = async (
  dataDir: string,
  codec: VaultCodec,
  devicePem: string,
  problems: AuditProblem[],
  warnings: string[],
): Promise<LedgerView | null> => {
  try {
    const read = await readLedger(dataDir, codec, devicePem);
    if (read) {
      if (read.tornBytes > 0)
        warnings.push(
          `${LEDGER_FILE} ends in a torn line of ${read.tornBytes} bytes (an interrupted write); the app cuts it ` +
            'off and records that when it is next unlocked',
        );
      return read.view;
    }
    if ((await readDeviceKey(dataDir, codec)).headLedger)
      problems.push({
        where: LEDGER_FILE,
        code: 'ROLLED_BACK',
        message:
          `the record of signed heads (${LEDGER_FILE}) has been deleted: whether any incident was cut back ` +
          'cannot be told',
      });
    else
      warnings.push(
        `this vault was made before the record of signed heads (${LEDGER_FILE}) existed; the app builds it from ` +
          'the journals as they are when it is next unlocked',
      );
  } catch (e) {
    const code = e instanceof CodedError && e.code === 'ROLLED_BACK' ? 'ROLLED_BACK' : 'CORRUPT';
    problems.push({ where: LEDGER_FILE, code, message: e instanceof Error ? e.message : String(e) });
  }
  return null;
};

export const checkVault = async (dataDir: string, codec: VaultCodec): Promise<VaultCheck> => {
  const info = await readVaultInfo(dataDir);
  if (info.codec !== codec.id)
    throw new CodedError('INVALID_INPUT', `This vault was written with the "${info.codec}" codec.`);
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  const ledger = await checkLedger(dataDir, codec, info.devicePublicKeyPem, problems, warnings);
  const refs = (await readdir(join(dataDir, INCIDENTS_DIR)).catch(() => [])).sort();
  const incidents: IncidentCheck[] = [];
  for (const ref of refs)
    incidents.push(await checkIncident(join(dataDir, INCIDENTS_DIR, ref), ref, info.devicePublicKeyPem, codec, ledger));
  for (const ref of ledger ? [...ledger.heads.keys()].filter((r) => !ledger.removed.has(r)) : []) {
    if (refs.includes(ref)) continue;
    const message = `incident ${ref} is in the record of signed heads, but its folder has been deleted`;
    incidents.push({
      ref,
      entries: 0,
      files: 0,
      problems: [{ where: ref, code: 'ROLLED_BACK', message }],
      warnings: [],
    });
  }
  incidents.sort((a, b) => a.ref.localeCompare(b.ref));
  const removed = ledger ? [...ledger.removed.keys()] : [];
  const deletions = await checkDeletions(dataDir, codec, info.devicePublicKeyPem, refs, removed);
  const ok =
    problems.length === 0 && deletions.problems.length === 0 && incidents.every((i) => i.problems.length === 0);
  return { ok, dataDir, problems, warnings, incidents, deletions };
};

/**
 * The deletion log's tombstones, and what is wrong with it: a tombstone that fails, a deleted folder still here, or an
 * incident the ledger records as removed with no tombstone (the tombstone is written first, so the log was cut).
 */
const checkDeletions = async (
  dataDir: string,
  codec: VaultCodec,
  devicePem: string,
  refs: readonly string[],
  removedInLedger: readonly string[],
): Promise<VaultCheck['deletions']> => {
  const log = await readDeletions(dataDir, codec, devicePem).catch((e: unknown) => ({
    tombstones: [],
    problems: [e instanceof Error ? e.message : String(e)],
  }));
  const problems = [...log.problems];
  for (const t of log.tombstones)
    if (refs.includes(t.ref))
      problems.push(`incident ${t.ref} was deleted but its folder is still here: delete it again to finish`);
  for (const ref of removedInLedger)
    if (!log.tombstones.some((t) => t.ref === ref))
      problems.push(
        `incident ${ref} was deleted (the record of signed heads says so), but the deletion log has no tombstone ` +
          'for it: the deletion log has been cut back or deleted',
      );
  const tombstones = log.tombstones.map((t) => ({
    ref: t.ref,
    deletedAt: t.deletedAt,
    agreedBy: t.agreedBy.map((p) => p.name),
    reason: t.reason,
    journalHead: t.journal.head,
  }));
  return { tombstones, problems };
};

const checkIncident = async (
  dir: string,
  ref: string,
  devicePem: string,
  codec: VaultCodec,
  ledger: LedgerView | null,
): Promise<IncidentCheck> => {
  const context = `journal:${ref}`;
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, JOURNAL_FILE));
  } catch {
    return {
      ref,
      entries: 0,
      files: 0,
      problems: [{ where: JOURNAL_FILE, code: 'FILE_MISSING', message: `incident ${ref} has no journal` }],
      warnings,
    };
  }
  const { lines, torn } = splitJournal(raw);
  if (torn.length > 0)
    warnings.push(
      `the journal ends in a torn line of ${torn.length} bytes (an interrupted write); the app ` +
        `keeps it aside when it next opens the incident`,
    );
  const decoded: string[] = [];
  for (const [i, l] of lines.entries()) {
    try {
      decoded.push(codec.decodeLine(l, context));
    } catch {
      problems.push({
        where: `line ${i + 1}`,
        code: 'NOT_JSON',
        message: `line ${i + 1} of the journal cannot be decoded`,
      });
      break;
    }
  }
  let kept;
  try {
    kept = await readKeptHead(dir, codec, context);
  } catch (e) {
    problems.push({ where: HEAD_FILE, code: 'BAD_HEAD', message: e instanceof Error ? e.message : String(e) });
  }
  const audit = auditJournal(nodeCrypto, decoded, devicePem, kept ? [kept] : []);
  // Only a journal whose chain holds throughout can be compared: a break is named as such above.
  const whole = audit.entries.length === decoded.length && decoded.length === lines.length;
  const rolledBack = ledger && whole ? rollbackOf(ref, audit.entries, ledger) : null;
  if (rolledBack) problems.push({ where: JOURNAL_FILE, code: 'ROLLED_BACK', message: rolledBack });
  problems.push(...audit.problems);
  warnings.push(...audit.warnings);

  const expected = referencedFiles(audit.entries);
  const purged = new Set(
    audit.entries.filter((e) => e.kind === 'capture.purged').map((e) => (e.data as { sha256: string }).sha256),
  );
  const present = (await readdir(join(dir, FILES_DIR)).catch(() => [])).sort();
  for (const name of present) {
    if (name.startsWith(TEMP_PREFIX)) {
      warnings.push(
        `files/${name} is an unfinished write; the app removes it and records that when it next opens the incident`,
      );
    } else if (purged.has(name)) {
      problems.push({
        where: `files/${name}`,
        code: 'PURGED_PRESENT',
        message: `files/${name} was purged after the halt but is still present`,
      });
    } else if (!expected.has(name)) {
      problems.push({
        where: `files/${name}`,
        code: 'FILE_UNEXPECTED',
        message: `files/${name} is not recorded in the journal`,
      });
    }
  }
  for (const sha of expected) {
    if (!present.includes(sha)) {
      problems.push({
        where: `files/${sha}`,
        code: 'FILE_MISSING',
        message: `files/${sha}, recorded in the journal, is missing`,
      });
      continue;
    }
    let ok = false;
    try {
      ok = sha256Hex(codec.decodeFile(await readFile(join(dir, FILES_DIR, sha)), `file:${ref}:${sha}`)) === sha;
    } catch {
      ok = false;
    }
    if (!ok)
      problems.push({
        where: `files/${sha}`,
        code: 'FILE_ALTERED',
        message: `files/${sha} does not match its hash: it has been altered or damaged`,
      });
  }
  return { ref, entries: audit.entries.length, files: expected.size, problems, warnings };
};
