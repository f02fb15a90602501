// Runtime pieces both adapters share: the event fan-out, the "has the page settled?" tracker, and the torn-down guard.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntryData } from '@shared/evidence/entries';
import { CodedError } from '@shared/result';
import { browserEvent, type Stamp } from './guards';
import type { BrowserEvent, BrowserFactKind } from './port';

type Listener = (e: BrowserEvent) => void;

/** Fans facts out to listeners. Once sealed (teardown began) only the final 'browser.torn-down' gets through. */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private sealed = false;

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<K extends Exclude<BrowserFactKind, 'browser.torn-down'>>(kind: K, data: EntryData<K>, stamp?: Stamp): void {
    if (!this.sealed) this.deliver(browserEvent(kind, data, stamp));
  }

  seal(): void {
    this.sealed = true;
  }

  final(data: EntryData<'browser.torn-down'>): void {
    this.deliver(browserEvent('browser.torn-down', data));
  }

  private deliver(event: BrowserEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure must not stop the others from hearing the fact, nor vanish: rethrow it outside the engine callback.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

export interface SettleOptions {
  /** How long the page must stay quiet (no navigation activity) to count as settled. */
  quietMs: number;
  /** Give up waiting after this long: a page that never settles (e.g. a refresh loop) must not hang the review. */
  maxMs: number;
}

export const DEFAULT_SETTLE: SettleOptions = { quietMs: 300, maxMs: 15_000 };

/** Tracks loads in progress and navigations announced but not yet started, to tell when redirects have settled. */
export class Activity {
  private readonly loading = new Set<string>();
  private readonly pending = new Set<string>();
  private last = performance.now();

  touch(): void {
    this.last = performance.now();
  }

  startLoading(key: string): void {
    this.loading.add(key);
    this.touch();
  }

  stopLoading(key: string): void {
    this.loading.delete(key);
    this.touch();
  }

  /** A navigation the engine has scheduled (meta refresh, script) but not begun. */
  hold(key: string): void {
    this.pending.add(key);
    this.touch();
  }

  release(key: string): void {
    this.pending.delete(key);
    this.touch();
  }

  forget(key: string): void {
    this.loading.delete(key);
    this.pending.delete(key);
  }

  async settle(options: SettleOptions, alive: () => boolean): Promise<void> {
    const start = performance.now();
    for (;;) {
      if (!alive()) return;
      const now = performance.now();
      if (now - start >= options.maxMs) return;
      const idle = this.loading.size === 0 && this.pending.size === 0;
      if (idle && now - Math.max(this.last, start) >= options.quietMs) return;
      await sleep(25);
    }
  }
}

export const tornDownError = (): CodedError =>
  new CodedError('PROCEDURE_FORBIDS', 'the evidence browser has been torn down; open a new review to browse again');

/** Runs an engine call; if the page was torn down before or meanwhile, reports that rather than the engine's complaint. */
export const guardedCall = async <T>(isTorn: () => boolean, work: () => Promise<T>): Promise<T> => {
  if (isTorn()) throw tornDownError();
  let result: T;
  try {
    result = await work();
  } catch (e) {
    throw isTorn() ? tornDownError() : e;
  }
  if (isTorn()) throw tornDownError();
  return result;
};
