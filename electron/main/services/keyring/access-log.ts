// The access log (docs/security-model.md): each unlock, sign-in, failure, staff change and recovery, hash-chained.
import { open, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { canonicalJson, GENESIS } from '@shared/evidence/chain';
import { CodedError } from '@shared/result';
import { sha256Hex } from '../crypto';
import { appendDurable } from '../durable';
import { ACCESS_LOG_FILE, ID_RE, readKeyFile, rel } from './key-files';

export const ACCESS_EVENTS = [
  'keyring.created',
  'staff.added',
  'staff.removed',
  'unlock.succeeded',
  'unlock.failed',
  'authenticate.succeeded',
  'authenticate.failed',
  'passphrase.changed',
  'passphrase-change.failed',
  'recovery.opened',
  'recovery.used',
  'recovery.failed',
  'log.torn-tail-removed',
] as const;
export type AccessEvent = (typeof ACCESS_EVENTS)[number];

const AccessEntrySchema = z
  .object({
    seq: z.number().int().min(0),
    at: z.string(),
    event: z.enum(ACCESS_EVENTS),
    staffId: z.string().regex(ID_RE).nullable(),
    approvedBy: z.array(z.string().regex(ID_RE)),
    failures: z.number().int().min(0),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AccessEntry = z.infer<typeof AccessEntrySchema>;

/** The access log's hash: the same scheme as the incident journal (previous hash, newline, canonical JSON). */
export const accessEntryHash = (entry: Omit<AccessEntry, 'hash'>): string =>
  sha256Hex(`${entry.prev}\n${canonicalJson(entry)}`);

/** The last entry of the log: where the next one chains on, and the count of failed attempts in a row. */
export interface LogHead {
  seq: number;
  hash: string;
  failures: number;
}

export interface AccessFields {
  at: string;
  event: AccessEvent;
  staffId: string | null;
  failures: number;
  approvedBy: string[];
}

/** Appends one entry to the access log and fsyncs it before returning; gives the new head. */
export const appendAccess = async (path: string, head: LogHead, fields: AccessFields): Promise<LogHead> => {
  const unsealed = {
    seq: head.seq + 1,
    at: fields.at,
    event: fields.event,
    staffId: fields.staffId,
    approvedBy: fields.approvedBy,
    failures: fields.failures,
    prev: head.hash,
  };
  const hash = accessEntryHash(unsealed);
  await appendDurable(path, Buffer.from(`${JSON.stringify({ ...unsealed, hash })}\n`, 'utf8'));
  return { seq: unsealed.seq, hash, failures: fields.failures };
};

/** A new keyring's log: its creation, then each person registered at set-up. */
export const startAccessLog = async (path: string, at: string, staffIds: readonly string[]): Promise<LogHead> => {
  const fields = { at, staffId: null, failures: 0, approvedBy: [] };
  let log = await appendAccess(path, { seq: -1, hash: GENESIS, failures: 0 }, { ...fields, event: 'keyring.created' });
  for (const staffId of staffIds) log = await appendAccess(path, log, { ...fields, event: 'staff.added', staffId });
  return log;
};

/**
 * Reads and checks the access log; a broken chain is CORRUPT (someone edited it), a torn last line is returned to
 * repair.
 */
export const readAccessLog = async (path: string): Promise<{ head: LogHead; completeBytes: number; torn: boolean }> => {
  const name = rel(ACCESS_LOG_FILE);
  const raw = await readKeyFile(path, name);
  const completeBytes = raw.lastIndexOf(0x0a) + 1;
  const body = raw.subarray(0, completeBytes).toString('utf8');
  const lines = body.length === 0 ? [] : body.slice(0, -1).split('\n');
  let head: LogHead = { seq: -1, hash: GENESIS, failures: 0 };
  lines.forEach((line, i) => {
    let entry: AccessEntry;
    try {
      entry = AccessEntrySchema.parse(JSON.parse(line));
    } catch {
      throw new CodedError('CORRUPT', `The access log ${name} is damaged at line ${i + 1}.`);
    }
    const { hash, ...rest } = entry;
    if (entry.seq !== head.seq + 1 || entry.prev !== head.hash || accessEntryHash(rest) !== hash) {
      throw new CodedError(
        'CORRUPT',
        `The access log ${name} has been altered at line ${i + 1}: its hash chain is broken.`,
      );
    }
    head = { seq: entry.seq, hash, failures: entry.failures };
  });
  return { head, completeBytes, torn: completeBytes < raw.length };
};

/** Cuts the log back to its last complete line, durably. */
export const cutTornTail = async (path: string, completeBytes: number): Promise<void> => {
  await truncate(path, completeBytes);
  const h = await open(path, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
};
