// Who was told, at any stage and on any route: whom (from the policy's contacts, or typed), when, how, and their
// reference; telling the police is the police referral.
import { useMemo } from 'react';
import { TOLD_HOW } from '@shared/evidence/entries';
import type { IncidentDetail } from '@shared/ipc/contract';
import { localDateTime, localNow } from '@shared/outputs/uk-dates';
import { referralNamesPolice } from '@shared/procedure/police-involvement';
import { resolveTold, tellable, TOLD_HOW_LABELS } from '@shared/procedure/told';
import { DateTimeFields } from '../components/DateFields';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextArea, TextField } from '../components/Fields';
import { when } from '../components/format';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { useStep } from './useStep';

interface ToldRow {
  seq: number;
  who: string;
  police: boolean;
  how: string;
  toldAt: string;
  reference: string;
  by: string;
}

/** Everyone recorded as told, older police referrals among them, in the order recorded. */
export const toldRows = (detail: IncidentDetail): ToldRow[] =>
  [
    ...detail.record.referrals.map((r) => ({
      seq: r.seq,
      who: r.to,
      police: referralNamesPolice(r.to),
      how: '',
      toldAt: r.toldAt,
      reference: r.reference ?? '',
      by: r.by.name,
    })),
    ...detail.record.told.map((t) => ({
      seq: t.seq,
      who: t.who,
      police: t.police,
      how: t.how ? TOLD_HOW_LABELS[t.how] : '',
      toldAt: t.toldAt,
      reference: t.reference ?? '',
      by: t.by.name,
    })),
  ].sort((a, b) => a.seq - b.seq);

/** The police have been told and gave a reference: what the police route needs before the conclusion. */
export const policeTold = (detail: IncidentDetail): boolean => toldRows(detail).some((r) => r.police && r.reference);

export const ToldList = ({ detail }: { detail: IncidentDetail }) => {
  const rows = toldRows(detail);
  if (rows.length === 0) return <p>Nobody recorded as told yet.</p>;
  return (
    <table aria-label="Who has been told">
      <thead>
        <tr>
          <th scope="col">Told</th>
          <th scope="col">When</th>
          <th scope="col">How</th>
          <th scope="col">Reference</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.seq}>
            <td>
              {r.who}
              {r.police && <span className="tag police">Police</span>}
            </td>
            <td>{when(r.toldAt)}</td>
            <td>{r.how}</td>
            <td>{r.reference}</td>
            <td>{r.by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const blank = () => {
  const [date, time] = localNow(new Date());
  return { who: '', other: '', how: '', date, time, reference: '', note: '' };
};

/** The form to record someone told; `submit` names its button. */
export const ToldForm = ({ detail, submit = 'Record who was told' }: { detail: IncidentDetail; submit?: string }) => {
  const { act, busy, error, setError } = useStep(detail);
  const { policy, error: policyError } = usePolicy(detail.ref);
  const draft = useDraft(`${detail.ref}:told`, blank());
  const v = draft.value;
  const choices = useMemo(() => (policy ? tellable(policy.profile) : []), [policy]);

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!policy) return;
    const chosen = choices.find((c) => c.key === v.who);
    const typed = String(v.other).trim();
    if (!chosen && !(v.who === 'other' && typed))
      return setError({ code: 'INVALID_INPUT', message: 'Say who you told.' });
    const whom = chosen
      ? {
          who: chosen.label,
          ...(chosen.key.startsWith('other-') ? {} : { contact: chosen.key }),
          police: chosen.police,
        }
      : resolveTold(policy.profile, typed);
    const at = localDateTime(String(v.date), String(v.time));
    if (!at)
      return setError({ code: 'INVALID_INPUT', message: 'Give the date (day/month/year) and time you told them.' });
    const reference = String(v.reference).trim();
    const note = String(v.note).trim();
    const how = TOLD_HOW.find((h) => h === v.how);
    const done = await act({
      kind: 'told.recorded',
      data: {
        ...whom,
        toldAt: at.toISOString(),
        ...(how ? { how } : {}),
        ...(reference ? { reference } : {}),
        ...(note ? { note } : {}),
      },
    });
    if (done) {
      draft.update(blank());
      await draft.clear();
    }
  };

  return (
    <form onSubmit={(e) => void record(e)} noValidate>
      <ErrorBox error={error} title="It was not recorded" />
      <ErrorBox error={policyError} title="The policy could not be read" />
      <SelectField
        label="Who did you tell?"
        value={String(v.who)}
        onChange={(who) => draft.update({ who })}
        options={[
          { value: '', label: 'Choose who you told' },
          ...choices.map((c) => ({ value: c.key, label: c.label })),
          { value: 'other', label: 'Someone else' },
        ]}
      />
      {v.who === 'other' && (
        <TextField
          label="Who was it?"
          hint="Their role or organisation, e.g. “Parent”, “Local Authority online safety officer”."
          value={String(v.other)}
          onChange={(other) => draft.update({ other })}
        />
      )}
      <SelectField
        label="How did you tell them?"
        value={String(v.how)}
        onChange={(how) => draft.update({ how })}
        options={[
          { value: '', label: 'Choose how' },
          ...TOLD_HOW.map((h) => ({ value: h, label: TOLD_HOW_LABELS[h] })),
        ]}
      />
      <DateTimeFields
        legend="When did you tell them?"
        date={String(v.date)}
        time={String(v.time)}
        onChange={(dt) => draft.update(dt)}
      />
      <TextField
        label="Their reference (e.g. police incident number)"
        value={String(v.reference)}
        onChange={(reference) => draft.update({ reference })}
        className="short"
      />
      <TextArea
        label="Anything they asked you to do (optional)"
        value={String(v.note)}
        onChange={(note) => draft.update({ note })}
        rows={2}
      />
      <div className="actions">
        <button type="submit" disabled={busy || !policy}>
          {submit}
        </button>
      </div>
    </form>
  );
};
