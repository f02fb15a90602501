// The incident open for work: one at a time, opened and closed in the order asked (one journal writer per incident),
// with its investigation (the evidence browser, the capture pipeline, the halt) and its clock watch.
import { realTimer, watchClock } from '../services/clockwatch';
import { readSettings } from '../services/access';
import type { Clock } from '../services/clock';
import { stampHeads, type HeadStamping, type HeadStampingDeps } from '../services/head-stamping';
import { Investigation, type InvestigationDeps } from '../services/investigation';
import type { IncidentStore, Vault } from '../services/vault';

export interface Active {
  ref: string;
  store: IncidentStore;
  inv: Investigation;
  stopWatch: (() => void) | null;
  /** Time-stamping of its signed heads while it is open (on only when Settings give an authority). */
  stamping: HeadStamping;
}

export interface IncidentDeskDeps {
  clock: Clock;
  every?: (ms: number, tick: () => void) => () => void;
  launchBrowser: InvestigationDeps['launchBrowser'];
  /** The unlocked vault, or a refusal while Countersign is locked. */
  vault: () => Vault;
  /** The evidence view leaves the screen when its incident closes. */
  hideView: () => void;
  /** How heads are time-stamped; over HTTP unless a test says otherwise. */
  stamping?: Pick<HeadStampingDeps, 'stamper'>;
}

export class IncidentDesk {
  private current: Active | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: IncidentDeskDeps) {}

  get active(): Active | null {
    return this.current;
  }

  /** Opening and closing incidents happen one at a time, in the order asked. */
  switched<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Opens the incident for work (closing any other). The incident already open is given at once, not after queued
   * switches: a halt must not wait behind them.
   */
  activate(ref: string): Promise<Active> {
    if (this.current?.ref === ref) return Promise.resolve(this.current);
    return this.switched(async () => {
      if (this.current?.ref === ref) return this.current;
      const vault = this.deps.vault();
      await this.closeNow();
      return this.adopt(await vault.openIncident(ref));
    });
  }

  /** Makes an incident just created the one open for work (call inside switched(), after closeNow()). */
  adopt(store: IncidentStore): Active {
    const inv = new Investigation({ store, launchBrowser: this.deps.launchBrowser });
    const vault = this.deps.vault();
    const authority = async () => (await readSettings(vault)).timestamping?.url ?? null;
    const stamping = stampHeads({ journal: store.journal, authority, ...this.deps.stamping });
    const active: Active = { ref: store.ref, store, inv, stopWatch: null, stamping };
    // A jump of the wall clock against the monotonic clock is recorded in the open incident as it happens.
    if (store.journal.state.phase !== 'sealed') {
      active.stopWatch = watchClock({
        clock: this.deps.clock,
        every: this.deps.every ?? realTimer,
        record: (jump) => store.journal.appendFact({ kind: 'clock.jump', actor: 'system', data: jump }),
      });
    }
    this.current = active;
    return active;
  }

  /** Closes the incident open for work, now (inside switched()): its page torn down and that recorded, with why. */
  async closeNow(reason: 'closed' | 'locked' = 'closed'): Promise<void> {
    const a = this.current;
    if (!a) return;
    this.current = null;
    a.stopWatch?.();
    a.stamping.stop();
    this.deps.hideView();
    await a.inv.close(reason);
  }

  /** Closes the incident open for work, in its turn. */
  close(reason: 'closed' | 'locked' = 'closed'): Promise<void> {
    return this.switched(() => this.closeNow(reason));
  }
}
