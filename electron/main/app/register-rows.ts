// The register: one row per incident in the vault (no personal data), each journal read once until it changes.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncidentSummary } from '@shared/ipc/contract';
import { toAppError } from '@shared/result';
import { JOURNAL_FILE } from '../services/journal';
import type { IncidentStore, Vault } from '../services/vault';
import { summaryOf, unreadableSummary } from './facts';

/** How many journals the register reads at once when it is rebuilt. */
const LIST_CONCURRENCY = 8;

export interface RegisterDeps {
  /** The unlocked vault; throws while Countersign is locked. */
  vault: () => Vault;
  /** The incident open for work now, whose journal in memory is newer than any row kept here. */
  openStore: () => IncidentStore | null;
}

export class RegisterRows {
  /**
   * Rows of incidents not open now, by the journal's size and time, so a listing reads each journal once. They hold no
   * personal data, so they are kept while locked: unlocking again need not reread every journal.
   */
  private readonly rows = new Map<string, { stamp: string; summary: IncidentSummary }>();

  constructor(private readonly deps: RegisterDeps) {}

  /** Every incident in the vault as a register row. */
  async list(): Promise<IncidentSummary[]> {
    const vault = this.deps.vault();
    // An incident the ledger of signed heads lists but whose folder is gone gets a row too: it says what happened.
    const refs = [...new Set([...(await vault.listIncidents()), ...vault.ledger.refs()])].sort();
    const out: IncidentSummary[] = new Array<IncidentSummary>(refs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < refs.length) {
        const i = next;
        next += 1;
        const ref = refs[i];
        if (ref !== undefined) out[i] = await this.rowOf(ref);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, refs.length) }, worker));
    return out;
  }

  private async rowOf(ref: string): Promise<IncidentSummary> {
    // Asked again for each row: Countersign may have been locked, or another incident opened, since the last one.
    const vault = this.deps.vault();
    const open = this.deps.openStore();
    if (open?.ref === ref) return summaryOf(open.journal.entries, open.journal.state);
    const dir = vault.incidentDir(ref);
    const s = await stat(join(dir, JOURNAL_FILE)).catch(() => null);
    const stamp = s ? `${s.size}:${s.mtimeMs}` : 'missing';
    const kept = this.rows.get(ref);
    if (kept?.stamp === stamp) return kept.summary;
    let summary: IncidentSummary;
    try {
      // A pure read: listing never writes, so it can never race the incident's one writer.
      const { entries, state } = await vault.readIncident(ref);
      summary = summaryOf(entries, state);
    } catch (e) {
      summary = unreadableSummary(ref, toAppError(e));
    }
    this.rows.set(ref, { stamp, summary });
    return summary;
  }
}
