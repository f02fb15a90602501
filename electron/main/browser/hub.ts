// Runtime pieces both adapters share: the event fan-out, the "has the page settled?" tracker, the torn-down guard, and
// their common base.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CAPTURE_MODES, type EntryData } from '@shared/evidence/entries';
import { CodedError } from '@shared/result';
import { browserEvent, type Stamp } from './guards';
import type { BrowserEvent, BrowserFactKind, CaptureMode, TeardownReason } from './evidence-browser';

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
        // A listener's failure must not stop the others from hearing the fact, nor vanish: rethrow it outside the
        // engine callback.
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

/**
 * Runs an engine call; if the page was torn down before or meanwhile, reports that rather than the engine's complaint.
 */
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

/**
 * What both engine adapters share: the fact hub, the settle tracker, the page's current address and title, the
 * torn-down guard, and the once-only teardown that seals the hub before the engine-specific destruction.
 */
export abstract class AdapterBase {
  protected readonly hub = new EventHub();
  protected readonly activity = new Activity();
  protected mainUrl = 'about:blank';
  protected title = '';
  protected torn = false;
  private tearing: Promise<void> | undefined;

  protected constructor(protected readonly settleOptions: SettleOptions) {}

  protected assertAlive(): void {
    if (this.torn) throw tornDownError();
  }

  protected guarded<T>(work: () => Promise<T>): Promise<T> {
    return guardedCall(() => this.torn, work);
  }

  /** Refuses a capture mode the port does not know, before the engine is asked. */
  protected assertCaptureMode(mode: CaptureMode): void {
    this.assertAlive();
    if (!(CAPTURE_MODES as readonly string[]).includes(mode))
      throw new CodedError('INVALID_INPUT', `unknown capture mode: ${String(mode)}`);
  }

  onEvent(listener: (e: BrowserEvent) => void): () => void {
    return this.hub.on(listener);
  }

  async settle(): Promise<void> {
    this.assertAlive();
    await this.activity.settle(this.settleOptions, () => !this.torn);
    this.assertAlive();
  }

  currentUrl(): string {
    this.assertAlive();
    return this.mainUrl;
  }

  currentTitle(): string {
    this.assertAlive();
    return this.title;
  }

  teardown(reason: TeardownReason): Promise<void> {
    if (this.tearing) return this.tearing;
    this.torn = true;
    this.hub.seal();
    this.tearing = this.destroy(reason);
    return this.tearing;
  }

  /** The engine's own teardown: close the page, clear the session, then report 'browser.torn-down'. */
  protected abstract destroy(reason: TeardownReason): Promise<void>;
}
