// The renderer's IndexedDB (Dexie): the incident register index and UI preferences, never personal data.
import Dexie, { type Table } from 'dexie';
import type { IncidentSummary } from '@shared/ipc/contract';

/**
 * Why only these: names, descriptions and notes stay in the encrypted vault (docs/data-protection.md). A row is the
 * reference, dates, stage and category; drafts of what people type are personal data, so they go to the vault
 * through the drafts channels, not here. The index can always be rebuilt from the vault (incidents.list).
 */
export type RegisterRow = IncidentSummary;

export interface Pref {
  key: string;
  value: string;
}

export class RegisterDb extends Dexie {
  incidents!: Table<RegisterRow, string>;
  prefs!: Table<Pref, string>;

  constructor(name = 'countersign-register') {
    // Strict durability: a write is on disk before Dexie says it is done, so the index survives a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      incidents: 'ref, openedAt, updatedAt, phase, category',
      prefs: 'key',
    });
  }
}

export const db = new RegisterDb();

/**
 * Makes the index match the vault's list: rows added or changed are written, rows the vault no longer has go. Only
 * the differences are written, so a register of thousands costs little each time it is opened.
 */
export const syncRegister = async (rows: readonly RegisterRow[], known: readonly RegisterRow[]): Promise<void> => {
  const before = new Map(known.map((r) => [r.ref, JSON.stringify(r)]));
  const keep = new Set(rows.map((r) => r.ref));
  const changed = rows.filter((r) => before.get(r.ref) !== JSON.stringify(r));
  const stale = known.map((r) => r.ref).filter((ref) => !keep.has(ref));
  if (changed.length === 0 && stale.length === 0) return;
  await db.transaction('rw', db.incidents, async () => {
    if (stale.length > 0) await db.incidents.bulkDelete(stale);
    if (changed.length > 0) await db.incidents.bulkPut(changed);
  });
};

export const upsertRow = async (row: RegisterRow): Promise<void> => {
  await db.incidents.put(row);
};

export const allRows = (): Promise<RegisterRow[]> => db.incidents.toArray();

export const readPref = async (key: string): Promise<string | null> => (await db.prefs.get(key))?.value ?? null;

export const writePref = async (key: string, value: string): Promise<void> => {
  await db.prefs.put({ key, value });
};
