// Retention: when a signed-off incident is due for review under the period the school chose (never one we assume).
import { z } from 'zod';

/** A hundred years: longer than any schedule asks, short enough to catch a typing slip of extra digits. */
export const RETENTION_MAX_MONTHS = 1200;

export const RetentionMonthsSchema = z.number().int().min(1).max(RETENTION_MAX_MONTHS);

/**
 * The day (YYYY-MM-DD, UTC) a record signed off at `signedOffAt` is due for review, `months` later. A day that the
 * later month lacks (31 August plus six months) becomes that month's last day, as people count months.
 */
export const reviewDay = (signedOffAt: string, months: number): string => {
  const at = new Date(signedOffAt);
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const due = new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), last)));
  return due.toISOString().slice(0, 10);
};

/** The review day of an incident, or null when it is not signed off or the school has not set a period. */
export const reviewDayOf = (signedOffAt: string | null, months: number | null): string | null =>
  signedOffAt && months ? reviewDay(signedOffAt, months) : null;

/** True once `today` (YYYY-MM-DD) has reached the review day. */
export const isDueForReview = (due: string | null, today: string): boolean => due !== null && due <= today;

/** "6 years", "18 months", "1 year": the period as the school would say it. */
export const retentionWords = (months: number): string => {
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
};

/** Where the period comes from: the school's own schedule. Countersign names a source but never a period. */
export const RETENTION_SOURCE =
  'Take the period from your school’s retention schedule (many schools follow the IRMS Information Management ' +
  'Toolkit for Schools for safeguarding records). Countersign does not suggest one.';
