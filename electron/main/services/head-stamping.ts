// Time-stamps an open incident's signed heads with an RFC 3161 authority, off the journal's writer queue: each head is
// stamped after it is signed, the token (or why there is none) is appended through the one queue when the answer
// comes, and nothing in the review waits for the network.
import { createHash } from 'node:crypto';
import type { JournalEntry } from '@shared/evidence/entries';
import { headStampData } from '@shared/evidence/timestamp/stamped';
import type { Journal } from './journal';
import { httpStamper, type Stamper } from './tsa-client';

export interface HeadStampingDeps {
  journal: Journal;
  /** The authority's address in force now, or null when time-stamping is off; asked at each head. */
  authority: () => Promise<string | null>;
  stamper?: Stamper;
}

export interface HeadStamping {
  /**
   * Stops: requests still out are given up and answers that come later are not recorded (the incident closed, or
   * Countersign locked), so that no connection keeps a finished command running.
   */
  stop(): void;
  /** Resolves when every request made so far has been answered and recorded (or has failed). */
  settled(): Promise<void>;
}

/** The last signed head when nothing follows it (so no token was asked for it yet): the head an opening stamps. */
const unstampedLastHead = (entries: readonly JournalEntry[]): JournalEntry<'head.signed'> | null => {
  const last = entries.at(-1);
  return last?.kind === 'head.signed' ? (last as JournalEntry<'head.signed'>) : null;
};

export const stampHeads = (deps: HeadStampingDeps): HeadStamping => {
  const { journal } = deps;
  const stamper = deps.stamper ?? httpStamper();
  const pending = new Set<Promise<void>>();
  let stopped = false;
  const stopping = new AbortController();

  const record = async (head: JournalEntry<'head.signed'>): Promise<void> => {
    const url = await deps.authority().catch(() => null);
    if (url === null || stopped) return;
    const imprint = createHash('sha256').update(headStampData(head.hash)).digest('hex');
    const outcome = await stamper(url, imprint, stopping.signal).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }),
    );
    // The incident may have closed or been locked while the authority answered: then nothing is written.
    if (stopped) return;
    await journal.appendFact(
      outcome.ok
        ? {
            kind: 'timestamp.received',
            actor: 'system',
            data: {
              head: head.seq,
              authority: url,
              genTime: outcome.r.facts.genTime.toISOString(),
              reply: Buffer.from(outcome.r.reply).toString('base64'),
            },
          }
        : {
            kind: 'timestamp.failed',
            actor: 'system',
            data: { of: { head: head.seq }, authority: url, reason: outcome.reason.slice(0, 2000) },
          },
    );
  };

  const stamp = (head: JournalEntry<'head.signed'>): void => {
    const run = record(head).catch(() => undefined);
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };

  const last = unstampedLastHead(journal.entries);
  if (last) stamp(last);
  const unwatch = journal.watchHeads(stamp);
  return {
    stop: () => {
      stopped = true;
      unwatch();
      stopping.abort();
    },
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
};
