// The register's "Due for review" filter: signed-off incidents whose review day has come under the school's period.
import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '@shared/ipc/contract';
import { filterRows, NO_FILTER, reviewDueOf } from '../../../../../renderer/src/register/query';

const row = (ref: string, signedOffAt: string | null): IncidentSummary => ({
  ref,
  openedAt: '2020-01-01T09:00:00.000Z',
  updatedAt: '2020-01-01T09:00:00.000Z',
  phase: signedOffAt ? 'sealed' : 'review',
  category: 'Cyberbullying',
  subjectKind: 'pupil',
  practice: false,
  police: false,
  halted: false,
  signedOffAt,
  problem: null,
});

const ROWS = [
  row('CS-OLD1', '2020-03-01T10:00:00.000Z'),
  row('CS-NEW1', '2026-03-01T10:00:00.000Z'),
  row('CS-OPEN', null),
];
const DUE = { ...NO_FILTER, stage: 'review' as const };

describe('register: due for review', () => {
  it('lists signed-off incidents whose review day has come, and none while no period is set', () => {
    const retention = { months: 72, today: '2026-12-01' };
    expect(filterRows(ROWS, DUE, retention).map((r) => r.ref)).toEqual(['CS-OLD1']);
    expect(reviewDueOf(ROWS[1] as IncidentSummary, retention)).toBe('2032-03-01');
    expect(filterRows(ROWS, DUE, { months: null, today: '2026-12-01' })).toEqual([]);
    expect(filterRows(ROWS, DUE)).toEqual([]);
  });
});
