// The printed outputs' dates: UK forms in UK time (or the zone asked for), from formatters made once, not once a date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentFormHtml } from '@shared/outputs/form';
import {
  clockTime,
  dateTime,
  dayKey,
  hourMinute,
  longDate,
  monthKey,
  monthName,
  shortDate,
} from '@shared/outputs/html';
import { buildRecord } from '@shared/outputs/record';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import { nodeCrypto } from '@main/services/crypto';
import { normalIncident } from '@test/helpers/recorded-incidents';

/** Counts the formatters made while a test runs: Intl.DateTimeFormat is swapped for a proxy that counts `new`. */
let made = 0;
const real = Intl.DateTimeFormat;
beforeEach(() => {
  made = 0;
  Intl.DateTimeFormat = new Proxy(real, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made++;
      return new target(...args);
    },
  });
});
afterEach(() => {
  Intl.DateTimeFormat = real;
});

describe('dates in the printed outputs', () => {
  it('are the UK forms, in GMT in winter and BST in summer, or in the zone asked for', () => {
    expect(dateTime('2026-11-24T09:00:05.000Z')).toBe('24 November 2026, 09:00:05 GMT');
    expect(dateTime('2026-06-24T09:00:05.000Z')).toBe('24 June 2026, 10:00:05 BST');
    expect(shortDate('2026-11-24T23:30:00.000Z')).toBe('24/11/2026');
    expect(hourMinute('2026-06-24T23:30:00.000Z')).toBe('00:30');
    expect(dayKey('2026-06-30T23:30:00.000Z')).toBe('2026-07-01');
    expect(monthKey('2026-06-30T23:30:00.000Z')).toBe('2026-07');
    expect(monthName('2026-07')).toBe('July 2026');
    // The same instant in another zone: a formatter kept for one zone is never used for another.
    expect(longDate('2026-06-30T23:30:00.000Z', 'UTC')).toBe('30 June 2026');
    expect(clockTime('2026-06-30T23:30:00.000Z', 'UTC')).toBe('23:30:00 UTC');
    expect(dayKey('2026-06-30T23:30:00.000Z', 'UTC')).toBe('2026-06-30');
    expect(longDate('2026-06-30T23:30:00.000Z')).toBe('1 July 2026');
  });

  it('come from one formatter per style and zone, however many dates are printed', () => {
    const start = Date.parse('2026-03-28T00:00:00.000Z');
    const printed = Array.from({ length: 1000 }, (_, i) =>
      dateTime(new Date(start + i * 7 * 60_000).toISOString(), 'Pacific/Auckland'),
    );
    // Two styles (date, time) in one new zone: two formatters, not two thousand.
    expect(made).toBe(2);
    expect(printed[0]).toBe('28 March 2026, 13:00:00 GMT+13');
    expect(new Set(printed).size).toBe(1000);
  });

  it('printing the form and the screenshots again makes no new formatter', async () => {
    const built = await normalIncident();
    const record = buildRecord(built.entries, { crypto: nodeCrypto });
    const first = [incidentFormHtml(record), JSON.stringify(screenshotsDocument(record))];
    made = 0;
    const again = [incidentFormHtml(record), JSON.stringify(screenshotsDocument(record))];
    expect(made).toBe(0);
    expect(again).toEqual(first);
  });

  it('refuses a zone that does not exist, as before, and keeps nothing for it', () => {
    expect(() => longDate('2026-06-30T23:30:00.000Z', 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => longDate('2026-06-30T23:30:00.000Z', 'Europe/Atlantis')).toThrow(RangeError);
    expect(made).toBe(2);
  });
});
