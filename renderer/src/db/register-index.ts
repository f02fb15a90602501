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

/** Rows compared or written between two yields to the page: small enough that typing and clicks are not held up. */
export const SYNC_BATCH = 250;

/**
 * The rows and preferences as last read or written, kept for this page's life: the register is drawn at once when
 * someone unlocks again, without reading thousands of rows back from IndexedDB (they hold nothing more than it does).
 */
let held: RegisterRow[] | null = null;
const heldPrefs = new Map<string, string | null>();

/** Lets the page handle input and draw before the next batch. */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Makes the index match the vault's list: rows added or changed are written, rows the vault no longer has go. Only
 * the differences are written, so a register of thousands costs little each time it is opened; the comparing and the
 * writing go in batches with the page free between them, so the register shown from the index answers at once.
 */
export const syncRegister = async (rows: readonly RegisterRow[], known: readonly RegisterRow[]): Promise<void> => {
  held = [...rows];
  const before = new Map(known.map((r) => [r.ref, r]));
  const keep = new Set(rows.map((r) => r.ref));
  const changed: RegisterRow[] = [];
  for (let i = 0; i < rows.length; i += SYNC_BATCH) {
    for (const r of rows.slice(i, i + SYNC_BATCH)) {
      const old = before.get(r.ref);
      if (!old || JSON.stringify(old) !== JSON.stringify(r)) changed.push(r);
    }
    if (i + SYNC_BATCH < rows.length) await yieldToPage();
  }
  const stale = known.map((r) => r.ref).filter((ref) => !keep.has(ref));
  if (stale.length > 0) await db.incidents.bulkDelete(stale);
  // Each batch is its own transaction: a row is whole or absent, and the index is rebuilt from the vault if cut short.
  for (let i = 0; i < changed.length; i += SYNC_BATCH) {
    await db.incidents.bulkPut(changed.slice(i, i + SYNC_BATCH));
    if (i + SYNC_BATCH < changed.length) await yieldToPage();
  }
};

export const upsertRow = async (row: RegisterRow): Promise<void> => {
  if (held) held = [...held.filter((r) => r.ref !== row.ref), row];
  await db.incidents.put(row);
};

/** An incident deleted for good: its row goes from the index and from the rows held. */
export const removeRow = async (ref: string): Promise<void> => {
  if (held) held = held.filter((r) => r.ref !== ref);
  await db.incidents.delete(ref);
};

export const allRows = async (): Promise<RegisterRow[]> => {
  if (held) return held;
  const read = await db.incidents.toArray();
  // A sync finished while this read was under way holds the newer rows.
  held ??= read;
  return held;
};

export const readPref = async (key: string): Promise<string | null> => {
  if (!heldPrefs.has(key)) heldPrefs.set(key, (await db.prefs.get(key))?.value ?? null);
  return heldPrefs.get(key) ?? null;
};

export const writePref = async (key: string, value: string): Promise<void> => {
  heldPrefs.set(key, value);
  await db.prefs.put({ key, value });
};
