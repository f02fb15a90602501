// Home: the incident register (search, filter by stage, category and date, sort) and the way to start a new incident.
import { useEffect, useMemo, useRef, useState } from 'react';
import { INCIDENT_CATEGORIES, PHASE_LABELS } from '@shared/ipc/vocabulary';
import type { AppError } from '@shared/result';
import { call } from '../api';
import { DateField } from '../components/DateFields';
import { ErrorBox } from '../components/ErrorBox';
import { day, plural, when } from '../components/format';
import { SelectField, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { allRows, readPref, syncRegister, writePref, type RegisterRow } from '../db/register-index';
import { useApp } from '../state/app';
import { Logs } from './Logs';
import {
  filterRows,
  NO_FILTER,
  reviewDueOf,
  SORTS,
  STAGES,
  type RegisterFilter,
  type Retention,
  type Sort,
  type Stage,
} from './query';

const PAGE = 50;
const FILTER_PREF = 'register.filter';

const SUBJECT: Record<RegisterRow['subjectKind'], string> = {
  pupil: 'Pupil',
  staff: 'Staff',
  other: 'Other',
  unknown: '',
};

/** The review date, marked once it has come; blank before sign-off or while the school has set no period. */
const reviewCell = (r: RegisterRow, retention: Retention, onDelete: () => void) => {
  const due = reviewDueOf(r, retention);
  if (!due) return '';
  if (due > retention.today) return day(due);
  return (
    <>
      <strong>Due {day(due)}</strong>{' '}
      <button type="button" className="link" onClick={onDelete} aria-label={`Delete incident ${r.ref}`}>
        Delete…
      </button>
    </>
  );
};

export const Register = () => {
  const { go, status, setStatus } = useApp();
  const [rows, setRows] = useState<RegisterRow[] | null>(null);
  const [filter, setFilter] = useState<RegisterFilter>(NO_FILTER);
  const [shown, setShown] = useState(PAGE);
  const [syncing, setSyncing] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [retention, setRetention] = useState<Retention>({ months: null, today: '' });
  /** Set once the person changes a filter: the saved one, read a moment later, must not overwrite what they typed. */
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    void call('settings.get', {}).then(
      (r) =>
        live && r.ok && setRetention({ months: r.value.retentionMonths, today: new Date().toISOString().slice(0, 10) }),
    );
    void (async () => {
      // The index shows at once, while the vault's own list (asked for at the same time) brings it up to date.
      const listed = call('incidents.list', {});
      const [saved, cached] = await Promise.all([readPref(FILTER_PREF), allRows()]);
      if (saved && live && !touched.current)
        setFilter({ ...NO_FILTER, ...(JSON.parse(saved) as Partial<RegisterFilter>) });
      if (live) setRows(cached);
      const r = await listed;
      if (!live) return;
      if (!r.ok) {
        setError(r.error);
        setSyncing(false);
        return;
      }
      // The vault's list is shown as soon as it comes; the index catches up behind it, in batches.
      setRows(r.value.incidents);
      setSyncing(false);
      await syncRegister(r.value.incidents, cached);
    })();
    return () => {
      live = false;
    };
  }, []);

  const change = (patch: Partial<RegisterFilter>) => {
    touched.current = true;
    const next = { ...filter, ...patch };
    setFilter(next);
    setShown(PAGE);
    void writePref(FILTER_PREF, JSON.stringify(next));
  };

  const matches = useMemo(() => (rows ? filterRows(rows, filter, retention) : []), [rows, filter, retention]);
  const visible = matches.slice(0, shown);
  const practice = status?.practice ?? false;

  const togglePractice = async () => {
    const r = await call('app.practice', { on: !practice });
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };

  return (
    <Screen
      title="Incidents"
      next={
        <p>
          To record a new concern, press{' '}
          <strong>{practice ? 'Start a practice incident' : 'Start a new incident'}</strong>. Two senior members of
          staff must be here, each with their own passphrase. To carry on with an incident, open it from the list.
        </p>
      }
    >
      <ErrorBox error={error} title="The list could not be brought up to date" />
      <div className="actions" style={{ marginTop: 0, marginBottom: '1.2rem' }}>
        <button type="button" className="primary" onClick={() => go({ name: 'start' })}>
          {practice ? 'Start a practice incident' : 'Start a new incident'}
        </button>
        <button type="button" onClick={() => void togglePractice()}>
          {practice ? 'Leave practice mode' : 'Practise with safe sites'}
        </button>
      </div>
      <h2>Find an incident</h2>
      <div className="filters" role="search">
        <TextField
          label="Search"
          hint="Reference or category"
          type="search"
          value={filter.text}
          onChange={(v) => change({ text: v })}
        />
        <SelectField
          label="Stage"
          value={filter.stage}
          onChange={(v) => change({ stage: v as Stage })}
          options={STAGES}
        />
        <SelectField
          label="Category"
          value={filter.category}
          onChange={(v) => change({ category: v })}
          options={[{ value: '', label: 'Any category' }, ...INCIDENT_CATEGORIES.map((c) => ({ value: c, label: c }))]}
        />
        <DateField
          label="Opened from"
          hint="Day/month/year"
          value={filter.from}
          onChange={(v) => change({ from: v })}
        />
        <DateField label="Opened to" hint="Day/month/year" value={filter.to} onChange={(v) => change({ to: v })} />
        <SelectField label="Sort" value={filter.sort} onChange={(v) => change({ sort: v as Sort })} options={SORTS} />
      </div>
      <p className="status-line" role="status" aria-live="polite">
        {rows === null
          ? 'Loading the register…'
          : (matches.length === 0
              ? 'No incidents match'
              : `Showing ${visible.length} of ${plural(matches.length, 'incident')}`) +
            (syncing ? ' (checking the vault for changes…)' : '')}
      </p>
      {visible.length > 0 && (
        <table aria-label="Incident register">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Opened</th>
              <th scope="col">Stage</th>
              <th scope="col">Category</th>
              <th scope="col">About</th>
              <th scope="col">Last activity</th>
              <th scope="col">Review date</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.ref}>
                <td className="ref">
                  <button
                    type="button"
                    className="link"
                    onClick={() => go({ name: 'incident', ref: r.ref })}
                    aria-label={`Open incident ${r.ref}`}
                  >
                    {r.ref}
                  </button>
                  {r.practice && <span className="tag practice">Practice</span>}
                </td>
                <td>{day(r.openedAt)}</td>
                <td>
                  {r.problem ? (
                    <span title={r.problem.message}>
                      {r.problem.code === 'ROLLED_BACK'
                        ? 'Cut back since it was signed: open to see why'
                        : 'Cannot open here'}
                    </span>
                  ) : (
                    PHASE_LABELS[r.phase]
                  )}
                  {r.police && <span className="tag police">Police</span>}
                </td>
                <td>{r.category}</td>
                <td>{SUBJECT[r.subjectKind]}</td>
                <td>{when(r.updatedAt)}</td>
                <td>{reviewCell(r, retention, () => go({ name: 'delete', ref: r.ref }))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {matches.length > shown && (
        <div className="actions">
          <button type="button" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, matches.length - shown)} more
          </button>
        </div>
      )}
      <Logs />
    </Screen>
  );
};
