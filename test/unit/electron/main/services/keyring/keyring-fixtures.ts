// Fixtures for the keyring tests: a clock that moves only when told, a sleep that records instead of waiting, fast
// scrypt.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import canonicalize from 'canonicalize';
import { expect } from 'vitest';
import type { Clock } from '@main/services/clock';
import { sha256Hex } from '@main/services/crypto';
import { createKeyring, type KeyringDeps } from '@main/services/keyring/keyring';
import type { NewStaff } from '@main/services/keyring/staff-names';
import { tempDir } from '@test/helpers/vault';

export const fakeClock = (start = Date.parse('2026-11-24T09:00:00.000Z')): Clock & { advance(ms: number): void } => {
  let t = start;
  return {
    now: () => new Date(t),
    mono: () => t - start,
    advance: (ms) => {
      t += ms;
    },
  };
};

/** Deps with a recording sleep and a low scrypt cost (2^12) so that the tests run in seconds. */
export const testDeps = (): KeyringDeps & { slept: number[] } => {
  const slept: number[] = [];
  return { clock: fakeClock(), sleep: async (ms) => void slept.push(ms), scrypt: { N: 2 ** 12, r: 8, p: 1 }, slept };
};

export const STAFF = [
  { name: 'Aisha Okonkwo', role: 'Headteacher', passphrase: 'purple elephants dance at noon' },
  { name: 'Zoë Brontë-Llewellyn', role: 'Designated Safeguarding Lead', passphrase: 'Kettle on, biscuits out by 4!' },
] as const;

export const THIRD = { name: 'Gareth Pryce', role: 'Deputy Headteacher', passphrase: 'seven herons stood by the weir' };

/** Every file under a folder (recursively), by path relative to it. */
export const filesUnder = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
};

/** SHA-256 of every file under a folder, by relative path. */
export const hashTree = async (dir: string): Promise<Map<string, string>> => {
  const m = new Map<string, string>();
  for (const f of await filesUnder(dir)) m.set(f, sha256Hex(await readFile(join(dir, f))));
  return m;
};

/** A new data folder with a keyring for the two STAFF members. */
export const setUp = async (members: readonly NewStaff[] = STAFF) => {
  const dir = join(await tempDir('cs-keyring-'), 'data');
  const deps = testDeps();
  const created = await createKeyring(dir, members, deps);
  return { dir, deps, created, keys: join(dir, 'keys') };
};

export interface LoggedEntry {
  seq: number;
  at: string;
  event: string;
  staffId: string | null;
  approvedBy: string[];
  failures: number;
  prev: string;
  hash: string;
}

/**
 * The access log as a court would check it: each line's hash recomputed independently, the chain followed from zero.
 */
export const readLog = async (dir: string): Promise<LoggedEntry[]> => {
  const text = await readFile(join(dir, 'keys', 'access.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  let prev = '0'.repeat(64);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      const e = JSON.parse(line) as LoggedEntry;
      expect(Object.keys(e).sort()).toEqual([
        'approvedBy',
        'at',
        'event',
        'failures',
        'hash',
        'prev',
        'seq',
        'staffId',
      ]);
      expect(e.seq).toBe(i);
      expect(e.prev).toBe(prev);
      const { hash, ...rest } = e;
      expect(
        createHash('sha256')
          .update(`${prev}\n${canonicalize(rest)}`)
          .digest('hex'),
      ).toBe(hash);
      prev = hash;
      return e;
    });
};
