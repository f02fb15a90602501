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
import { FILES_DIR, INCIDENTS_DIR, readVaultInfo, referencedFiles } from './vault';

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
  incidents: IncidentCheck[];
  /** Every tombstone in the deletion log, and what is wrong with the log (nothing, for an intact one). */
  deletions: { tombstones: DeletionRecord[]; problems: string[] };
}

export const checkVault = async (dataDir: string, codec: VaultCodec): Promise<VaultCheck> => {
  const info = await readVaultInfo(dataDir);
  if (info.codec !== codec.id)
    throw new CodedError('INVALID_INPUT', `This vault was written with the "${info.codec}" codec.`);
  const refs = (await readdir(join(dataDir, INCIDENTS_DIR)).catch(() => [])).sort();
  const incidents: IncidentCheck[] = [];
  for (const ref of refs)
    incidents.push(await checkIncident(join(dataDir, INCIDENTS_DIR, ref), ref, info.devicePublicKeyPem, codec));
  const log = await readDeletions(dataDir, codec, info.devicePublicKeyPem).catch((e: unknown) => ({
    tombstones: [],
    problems: [e instanceof Error ? e.message : String(e)],
  }));
  const problems = [...log.problems];
  for (const t of log.tombstones)
    if (refs.includes(t.ref))
      problems.push(`incident ${t.ref} was deleted but its folder is still here: delete it again to finish`);
  const tombstones = log.tombstones.map((t) => ({
    ref: t.ref,
    deletedAt: t.deletedAt,
    agreedBy: t.agreedBy.map((p) => p.name),
    reason: t.reason,
    journalHead: t.journal.head,
  }));
  return {
    ok: incidents.every((i) => i.problems.length === 0) && problems.length === 0,
    dataDir,
    incidents,
    deletions: { tombstones, problems },
  };
};

const checkIncident = async (
  dir: string,
  ref: string,
  devicePem: string,
  codec: VaultCodec,
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
