// Dates typed the UK way: day/month/year is read as such (never month/day), and only real days and times pass.
import { describe, expect, it } from 'vitest';
import { clockToHourMinute, isoToUkDate, localDateTime, localNow, ukDateToIso } from '@shared/outputs/uk-dates';

describe('UK dates', () => {
  it('reads day/month/year, never month/day', () => {
    expect(ukDateToIso('03/04/2026')).toBe('2026-04-03');
    expect(ukDateToIso('24/11/2026')).toBe('2026-11-24');
    expect(ukDateToIso(' 1.2.2026 ')).toBe('2026-02-01');
    expect(ukDateToIso('1-12-2026')).toBe('2026-12-01');
    expect(isoToUkDate('2026-04-03')).toBe('03/04/2026');
    expect(isoToUkDate('')).toBe('');
  });

  it('refuses what is not a real day, and the US order when the month would be over 12', () => {
    for (const bad of ['11/24/2026', '31/02/2026', '29/02/2025', '2026-11-24', '24/11/26', '', 'yesterday'])
      expect(ukDateToIso(bad), bad).toBeNull();
    expect(ukDateToIso('29/02/2024')).toBe('2024-02-29');
  });

  it('reads a 24-hour time and puts date and time together in this computer’s zone', () => {
    expect(clockToHourMinute('14:05')).toEqual([14, 5]);
    expect(clockToHourMinute('9.30')).toEqual([9, 30]);
    for (const bad of ['24:00', '12:60', '2pm', '']) expect(clockToHourMinute(bad), bad).toBeNull();
    const at = localDateTime('03/04/2026', '14:05');
    expect([at?.getFullYear(), at?.getMonth(), at?.getDate(), at?.getHours(), at?.getMinutes()]).toEqual([
      2026, 3, 3, 14, 5,
    ]);
    expect(localDateTime('03/04/2026', 'noon')).toBeNull();
    expect(localNow(new Date(2026, 10, 4, 9, 7))).toEqual(['04/11/2026', '09:07']);
  });
});
