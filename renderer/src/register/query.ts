// Filtering and sorting the register: pure functions over the index rows, fast enough for thousands of incidents.
import { isDueForReview, reviewDayOf } from '@shared/procedure/retention';
import type { RegisterRow } from '../db/register-index';

/** The school's retention period and today's date (YYYY-MM-DD), which say what is due for review. */
export interface Retention {
  months: number | null;
  today: string;
}

const NO_RETENTION: Retention = { months: null, today: '' };

/** The day a row is due for review, or null (not signed off, or no period set). */
export const reviewDueOf = (r: RegisterRow, retention: Retention): string | null =>
  reviewDayOf(r.signedOffAt, retention.months);

export const STAGES = [
  { value: 'all', label: 'All incidents' },
  { value: 'open', label: 'In progress' },
  { value: 'police', label: 'On the police route' },
  { value: 'signoff', label: 'Waiting for sign-off' },
  { value: 'sealed', label: 'Signed off' },
  { value: 'review', label: 'Due for review' },
  { value: 'practice', label: 'Practice only' },
] as const;
export type Stage = (typeof STAGES)[number]['value'];

export const SORTS = [
  { value: 'opened-desc', label: 'Newest first' },
  { value: 'opened-asc', label: 'Oldest first' },
  { value: 'updated-desc', label: 'Most recent activity' },
  { value: 'ref-asc', label: 'Reference (A to Z)' },
] as const;
export type Sort = (typeof SORTS)[number]['value'];

export interface RegisterFilter {
  text: string;
  stage: Stage;
  /** A category, or '' for any. */
  category: string;
  /** Opened on or after this day (YYYY-MM-DD, UTC), or ''. */
  from: string;
  /** Opened on or before this day, or ''. */
  to: string;
  sort: Sort;
}

export const NO_FILTER: RegisterFilter = {
  text: '',
  stage: 'all',
  category: '',
  from: '',
  to: '',
  sort: 'opened-desc',
};

const stageMatches = (r: RegisterRow, stage: Stage, retention: Retention): boolean => {
  switch (stage) {
    case 'all':
      return true;
    case 'open':
      return r.phase !== 'sealed' && r.problem === null;
    case 'police':
      return r.police;
    case 'signoff':
      return r.phase === 'signoff';
    case 'sealed':
      return r.phase === 'sealed';
    case 'practice':
      return r.practice;
    case 'review':
      return isDueForReview(reviewDueOf(r, retention), retention.today);
  }
};

const compare: Record<Sort, (a: RegisterRow, b: RegisterRow) => number> = {
  'opened-desc': (a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0),
  'opened-asc': (a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0),
  'updated-desc': (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
  'ref-asc': (a, b) => a.ref.localeCompare(b.ref),
};

/** The rows that match, in order. Search looks at the reference and the category (rows hold nothing else to search). */
export const filterRows = (
  rows: readonly RegisterRow[],
  f: RegisterFilter,
  retention: Retention = NO_RETENTION,
): RegisterRow[] => {
  const text = f.text.trim().toLowerCase();
  const from = f.from ? `${f.from}T00:00:00.000Z` : '';
  const to = f.to ? `${f.to}T23:59:59.999Z` : '';
  const out = rows.filter(
    (r) =>
      stageMatches(r, f.stage, retention) &&
      (!f.category || r.category === f.category) &&
      (!from || r.openedAt >= from) &&
      (!to || (r.openedAt !== '' && r.openedAt <= to)) &&
      (!text || r.ref.toLowerCase().includes(text) || r.category.toLowerCase().includes(text)),
  );
  return out.sort(compare[f.sort]);
};
