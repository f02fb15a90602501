// The EvidenceBrowser port: what the review service needs from the browser under review, whichever engine drives it.
import { BROWSER_PAGE_FACTS, type EntryData } from '@shared/evidence/entries';
import type { PageSnapshot } from './page-record-cdp';
import type { SafeViewReport } from './safe-view';

/**
 * The journal's 'browser.*' facts the engine itself reports ('browser.requested' is the reviewers' act, logged by the
 * caller).
 */
export const BROWSER_FACT_KINDS = [...BROWSER_PAGE_FACTS, 'browser.torn-down'] as const;

export type BrowserFactKind = (typeof BROWSER_FACT_KINDS)[number];

/** One fact, stamped when the engine reported it: UTC ISO time to the millisecond and a monotonic reading (ms). */
export type BrowserEvent = {
  [K in BrowserFactKind]: { kind: K; data: EntryData<K>; at: string; mono: number };
}[BrowserFactKind];

export type CaptureMode = 'viewport' | 'fullpage';
export type TeardownReason = EntryData<'browser.torn-down'>['reason'];

export interface CaptureResult {
  /** The PNG exactly as the engine produced it; the hash of evidence is taken over these bytes. */
  png: Uint8Array;
  /** Pixel size read from the PNG's own header. */
  width: number;
  height: number;
  url: string;
  title: string;
  /** The page's source and the connection that served it, taken with the image (both adapters give it). */
  page?: PageSnapshot;
}

export interface EvidenceBrowser {
  /** Subscribes to facts; returns the unsubscribe function. Listeners are called synchronously, in order. */
  onEvent(listener: (e: BrowserEvent) => void): () => void;
  /**
   * Loads an http(s) URL and waits until loads and redirects have settled. Any other scheme: NAVIGATION_BLOCKED, and
   * logged.
   */
  navigate(url: string): Promise<void>;
  back(): Promise<void>;
  forward(): Promise<void>;
  reload(): Promise<void>;
  stop(): Promise<void>;
  /** Clicks the first element matching the CSS selector with the mouse, as a person would, then waits to settle. */
  click(selector: string): Promise<void>;
  /** Resolves when no load is in progress, no redirect is pending and the page has been quiet for a moment. */
  settle(): Promise<void>;
  currentUrl(): string;
  currentTitle(): string;
  capture(mode: CaptureMode): Promise<CaptureResult>;
  /** Safe view: what the current page shows blurred or holds back, and which addresses the reviewers revealed. */
  safeView(): SafeViewReport;
  /** Serves this one address as it is from now on, and reloads the page so that it shows. */
  reveal(url: string): Promise<void>;
  /**
   * Blanks and destroys the page and clears the session (cookies, cache, storage), then reports 'browser.torn-down'.
   * Idempotent. Afterwards every other method fails with PROCEDURE_FORBIDS, and a capture in flight is discarded.
   */
  teardown(reason: TeardownReason): Promise<void>;
}
