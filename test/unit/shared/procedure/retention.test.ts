// Retention: the review day counts calendar months from sign-off, as a school's schedule does; no period, no date.
import { describe, expect, it } from 'vitest';
import {
  isDueForReview,
  RetentionMonthsSchema,
  reviewDay,
  reviewDayOf,
  retentionWords,
} from '@shared/procedure/retention';

describe('retention', () => {
  it('counts months from the day of sign-off, ending a short month on its last day', () => {
    expect(reviewDay('2026-12-01T10:15:00.000Z', 72)).toBe('2032-12-01');
    expect(reviewDay('2026-08-31T23:00:00.000Z', 6)).toBe('2027-02-28');
    expect(reviewDay('2027-08-31T08:00:00.000Z', 6)).toBe('2028-02-29');
    expect(reviewDay('2026-01-15T08:00:00.000Z', 1)).toBe('2026-02-15');
  });

  it('gives no date before sign-off or while the school has set no period', () => {
    expect(reviewDayOf(null, 72)).toBeNull();
    expect(reviewDayOf('2026-12-01T10:15:00.000Z', null)).toBeNull();
    expect(isDueForReview(null, '2099-01-01')).toBe(false);
    expect(isDueForReview('2032-12-01', '2032-11-30')).toBe(false);
    expect(isDueForReview('2032-12-01', '2032-12-01')).toBe(true);
  });

  it('words the period and refuses none, fractions and typing slips', () => {
    expect(retentionWords(72)).toBe('6 years');
    expect(retentionWords(12)).toBe('1 year');
    expect(retentionWords(18)).toBe('18 months');
    for (const bad of [0, -1, 1.5, 1201]) expect(RetentionMonthsSchema.safeParse(bad).success).toBe(false);
  });
});
