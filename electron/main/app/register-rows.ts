// The register: one row per incident in the vault (no personal data), each journal read once until it changes, and
// the rows kept in the vault (encrypted) so the next start need not read every journal again.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IncidentSummarySchema, type IncidentSummary } from '@shared/ipc/contract';
import { toAppError } from '@shared/result';
import { writeAtomic } from '../services/durable';
import { JOURNAL_FILE } from '../services/journal';
import type { IncidentStore, Vault } from '../services/vault';
import { summaryOf, unreadableSummary } from './facts';

/** How many journals the register reads at once when it is rebuilt. */
const LIST_CONCURRENCY = 8;

/** The rows as kept between starts, encrypted with the vault's codec. */
export const REGISTER_CACHE_FILE = 'register-rows.enc';
const CACHE_CONTEXT = 'register-rows';
const CacheSchema = z.object({
  version: z.literal(1),
  rows: z.array(z.object({ ref: z.string(), stamp: z.string(), summary: IncidentSummarySchema })),
});

export interface RegisterDeps {
  /** The unlocked vault; throws while Countersign is locked. */
  vault: () => Vault;
  /** The incident open for work now, whose journal in memory is newer than any row kept here. */
  openStore: () => IncidentStore | null;
}

/**
 * What a journal file is now: its size, modification and change times. The change time cannot be set back by hand,
 * so a journal changed behind the app's back is read again; opening an incident always checks its whole journal.
 */
const stampOf = async (path: string): Promise<string> => {
  const s = await stat(path).catch(() => null);
  return s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}` : 'missing';
};

export class RegisterRows {
  /**
   * Rows of incidents not open now, by the journal's stamp, so a listing reads each journal once. They hold no
   * personal data, so they are kept while locked: unlocking again need not reread every journal.
   */
  private readonly rows = new Map<string, { stamp: string; summary: IncidentSummary }>();
  /** The vault whose kept rows have been read into memory. */
  private loadedFrom: Vault | null = null;

  constructor(private readonly deps: RegisterDeps) {}

  /** Every incident in the vault as a register row. */
  async list(): Promise<IncidentSummary[]> {
    const vault = this.deps.vault();
    await this.loadKept(vault);
    // An incident the ledger of signed heads lists but whose folder is gone gets a row too: it says what happened.
    const refs = [...new Set([...(await vault.listIncidents()), ...vault.ledger.refs()])].sort();
    const out: IncidentSummary[] = new Array<IncidentSummary>(refs.length);
    let read = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < refs.length) {
        const i = next;
        next += 1;
        const ref = refs[i];
        if (ref === undefined) continue;
        const row = await this.rowOf(ref);
        out[i] = row.summary;
        if (row.read) read += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, refs.length) }, worker));
    if (read > 0 || this.rows.size > refs.length) await this.keep(vault, new Set(refs));
    return out;
  }

  /** Reads the rows kept in the vault, once per unlocked vault; a cache that cannot be read is rebuilt. */
  private async loadKept(vault: Vault): Promise<void> {
    if (this.loadedFrom === vault) return;
    this.loadedFrom = vault;
    const raw = await readFile(join(vault.dataDir, REGISTER_CACHE_FILE)).catch(() => null);
    if (!raw) return;
    let kept: z.infer<typeof CacheSchema>['rows'];
    try {
      const plain = Buffer.from(vault.codec.decodeFile(raw, CACHE_CONTEXT)).toString('utf8');
      kept = CacheSchema.parse(JSON.parse(plain)).rows;
    } catch {
      return;
    }
    for (const k of kept) if (!this.rows.has(k.ref)) this.rows.set(k.ref, { stamp: k.stamp, summary: k.summary });
  }

  /**
   * Writes the rows of the incidents the vault holds, for the next start. Rows that could not be read are not kept
   * (the next start tries again), and a cache that cannot be written costs only time, so it never fails the listing.
   */
  private async keep(vault: Vault, refs: ReadonlySet<string>): Promise<void> {
    for (const ref of this.rows.keys()) if (!refs.has(ref)) this.rows.delete(ref);
    const rows = [...this.rows]
      .filter(([, r]) => r.summary.problem === null)
      .map(([ref, r]) => ({ ref, stamp: r.stamp, summary: r.summary }));
    try {
      // Locked while the journals were read: the keys are gone, and nothing is written.
      if (this.deps.vault() !== vault) return;
      const bytes = Buffer.from(JSON.stringify({ version: 1, rows }), 'utf8');
      await writeAtomic(join(vault.dataDir, REGISTER_CACHE_FILE), vault.codec.encodeFile(bytes, CACHE_CONTEXT));
    } catch {
      // Read again from the journals at the next start.
    }
  }

  private async rowOf(ref: string): Promise<{ summary: IncidentSummary; read: boolean }> {
    // Asked again for each row: Countersign may have been locked, or another incident opened, since the last one.
    const vault = this.deps.vault();
    const open = this.deps.openStore();
    if (open?.ref === ref) return { summary: summaryOf(open.journal.entries, open.journal.state), read: false };
    const stamp = await stampOf(join(vault.incidentDir(ref), JOURNAL_FILE));
    const kept = this.rows.get(ref);
    if (kept?.stamp === stamp) return { summary: kept.summary, read: false };
    let summary: IncidentSummary;
    try {
      // A pure read: listing never writes, so it can never race the incident's one writer.
      const { entries, state } = await vault.readIncident(ref);
      summary = summaryOf(entries, state);
    } catch (e) {
      summary = unreadableSummary(ref, toAppError(e));
    }
    this.rows.set(ref, { stamp, summary });
    return { summary, read: true };
  }
}
