// Helpers for the evidence-browser end-to-end tests: event recording, error-code checks, the server's document
// requests.
import { expect } from 'vitest';
import { ENTRY_DATA, type EntryData } from '@shared/evidence/entries';
import { CodedError, type ErrorCode } from '@shared/result';
import type { BrowserEvent, BrowserFactKind, EvidenceBrowser } from '@main/browser/evidence-browser';
import type { RequestLogEntry } from '@test/fixtures/server';

export type EventOf<K extends BrowserFactKind> = Extract<BrowserEvent, { kind: K }>;

export interface Recording {
  events: BrowserEvent[];
  of<K extends BrowserFactKind>(kind: K): EntryData<K>[];
  /** Forgets what was recorded so far, to look at one step alone. */
  clear(): void;
}

export function record(browser: EvidenceBrowser): Recording {
  const events: BrowserEvent[] = [];
  browser.onEvent((e) => events.push(e));
  return {
    events,
    of: <K extends BrowserFactKind>(kind: K) =>
      events.filter((e) => e.kind === kind).map((e) => e.data as EntryData<K>),
    clear: () => {
      events.length = 0;
    },
  };
}

export async function expectCode(work: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<CodedError> {
  let caught: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a CodedError ${code}`).toBeInstanceOf(CodedError);
  expect((caught as CodedError).code).toBe(code);
  return caught as CodedError;
}

/** Requests for whole documents: top-level pages and frames, as the server told them apart by Sec-Fetch-Dest. */
export const documentRequests = (log: readonly RequestLogEntry[]): RequestLogEntry[] =>
  log.filter((r) => r.dest === 'document' || r.dest === 'iframe' || r.dest === 'frame');

export const withoutFragment = (url: string): string => url.split('#')[0] ?? url;

/** Every event is what the journal would accept: the schema of its kind, UTC millisecond time, monotonic order. */
export function expectJournalReady(events: readonly BrowserEvent[], since: { at: string; mono: number }): void {
  let mono = since.mono;
  for (const e of events) {
    expect(() => ENTRY_DATA[e.kind].parse(e.data), `${e.kind} ${JSON.stringify(e.data)}`).not.toThrow();
    expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(e.at >= since.at).toBe(true);
    expect(e.mono).toBeGreaterThanOrEqual(mono);
    mono = e.mono;
  }
}
