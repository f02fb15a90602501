// The one incident open for work: its journal, its investigation and its clock watch. Incidents are opened and closed
// one at a time, in the order asked, so each has one journal writer.
import { realTimer, watchClock } from '../services/clockwatch';
import { Investigation } from '../services/investigation';
import type { IncidentStore, Vault } from '../services/vault';
import type { CoreDeps } from './core-deps';

export interface Active {
  ref: string;
  store: IncidentStore;
  inv: Investigation;
  stopWatch: (() => void) | null;
}

export class WorkingIncident {
  private current: Active | null = null;
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: Pick<CoreDeps, 'clock' | 'every' | 'launchBrowser' | 'onViewBounds'>) {}

  /** The incident open for work, if any. */
  get active(): Active | null {
    return this.current;
  }

  /** Opening and closing incidents happen one at a time, in the order asked: one journal writer per incident. */
  private switched<T>(work: () => Promise<T>): Promise<T> {
    const run = this.switching.then(work);
    this.switching = run.catch(() => undefined);
    return run;
  }

  /** Opens the incident for work (closing any other): its journal, its investigation, and the clock watch. */
  activate(ref: string, vault: () => Vault): Promise<Active> {
    return this.switched(async () => {
      if (this.current?.ref === ref) return this.current;
      const open = vault();
      await this.closeNow();
      return this.track(await open.openIncident(ref));
    });
  }

  /** Makes a newly started incident the one open for work (closing any other). */
  adopt(store: IncidentStore): Promise<Active> {
    return this.switched(async () => {
      await this.closeNow();
      return this.track(store);
    });
  }

  private track(store: IncidentStore): Active {
    const inv = new Investigation({ store, launchBrowser: this.deps.launchBrowser });
    const active: Active = { ref: store.ref, store, inv, stopWatch: null };
    if (store.journal.state.phase !== 'sealed') active.stopWatch = this.watch(store);
    this.current = active;
    return active;
  }

  /** A jump of the wall clock against the monotonic clock is recorded in the open incident as it happens. */
  private watch(store: IncidentStore): () => void {
    return watchClock({
      clock: this.deps.clock,
      every: this.deps.every ?? realTimer,
      record: (jump) => store.journal.appendFact({ kind: 'clock.jump', actor: 'system', data: jump }),
    });
  }

  private async closeNow(): Promise<void> {
    const a = this.current;
    if (!a) return;
    this.current = null;
    a.stopWatch?.();
    this.deps.onViewBounds?.(null);
    await a.inv.close();
  }

  /** Closes the incident open for work (its review's page torn down), after anything already asked. */
  close(): Promise<void> {
    return this.switched(() => this.closeNow());
  }
}
