// What the screens read from a journal besides the record: the page in the evidence view, and the register row.
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { currentPage } from '@main/app/facts';

let seq = 0;
const entry = (kind: JournalEntry['kind'], data: unknown): JournalEntry =>
  ({
    seq: seq++,
    at: '2026-11-24T09:00:00.000Z',
    mono: seq,
    kind,
    actor: 'system',
    data,
    prev: '',
    hash: '',
  }) as JournalEntry;

describe('currentPage', () => {
  it('is the last top-level page with its title; frames and titles of other pages do not change it', () => {
    const page = currentPage([
      entry('browser.navigated', { url: 'https://a.example/', frame: 'main' }),
      entry('browser.title', { url: 'https://a.example/', title: 'A' }),
      entry('browser.navigated', { url: 'https://ads.example/frame', frame: 'sub' }),
      entry('browser.title', { url: 'https://elsewhere.example/', title: 'Not this' }),
    ]);
    expect(page).toEqual({ url: 'https://a.example/', title: 'A' });
  });

  it('follows in-page moves and failed loads, and is none once the view is torn down', () => {
    const moved = [
      entry('browser.navigated', { url: 'https://a.example/', frame: 'main' }),
      entry('browser.in-page', { url: 'https://a.example/#2', frame: 'main' }),
    ];
    expect(currentPage(moved)).toEqual({ url: 'https://a.example/#2', title: '' });
    expect(
      currentPage([
        ...moved,
        entry('browser.load-failed', { url: 'https://gone.example/', error: 'net::ERR_NAME_NOT_RESOLVED' }),
      ])?.url,
    ).toBe('https://gone.example/');
    expect(currentPage([...moved, entry('browser.torn-down', { reason: 'halt' })])).toBeNull();
  });
});
