// Starting an incident: why, about whom (by reference, never a name), the category, and two different senior staff
// signing in.
import { useEffect, useState } from 'react';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '@shared/ipc/vocabulary';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useFirstProblemFocus } from '../hooks/useFirstProblemFocus';
import { Check, Choice, SelectField, TextArea, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { upsertRow } from '../db/register-index';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';
import { useIncident } from '../state/incident';
import { usePolicyQuote } from './policy';
import { HeadteacherRoute, StaffRoute } from './PolicyRoute';

export const Start = () => {
  const quote = usePolicyQuote('twoPeople');
  const { policy } = usePolicy();
  const [registered, setRegistered] = useState<{ id: string; name: string; role: string }[]>([]);
  useEffect(() => {
    void call('staff.list', {}).then((r) => r.ok && setRegistered(r.value.staff));
  }, []);
  const { go, status } = useApp();
  const setDetail = useIncident((s) => s.setDetail);
  const draft = useDraft('new-incident:start', {
    reason: '',
    subjectKind: 'pupil',
    subjectRef: '',
    subjectStaff: '',
    headteacher: false as boolean,
    category: 'Cyberbullying',
    reportedBy: '',
    safeViewOff: false as boolean,
    safeViewOffReason: '',
  });
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const form = useFirstProblemFocus(problems);
  const { busy, error, setError, run } = useRunner();
  const v = draft.value;

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!String(v.reason).trim()) found.reason = 'Say why you are investigating.';
    if (!String(v.reportedBy).trim()) found.reportedBy = 'Say who reported the concern to you.';
    if (!String(v.subjectRef).trim())
      found.subjectRef = 'Enter the school’s reference for the person (not their name).';
    const sharp = v.safeViewOff === true;
    if (sharp && !String(v.safeViewOffReason).trim())
      found.safeViewOffReason = 'Say why the pictures must be shown sharp, or leave safe view on.';
    if (!first) found.first = 'The first reviewing person types their passphrase.';
    if (!second) found.second = 'The second reviewing person types their passphrase.';
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError({ code: 'INVALID_INPUT', message: 'Some answers need attention: they are marked below.' });
      return;
    }
    const staff = v.subjectKind === 'staff';
    const staffId = staff && String(v.subjectStaff) ? { staffId: String(v.subjectStaff) } : {};
    const head = staff && v.headteacher === true ? { headteacher: true as const } : {};
    const detail = await run(() =>
      call('incident.start', {
        passphrases: [first, second],
        reason: String(v.reason),
        subject: { kind: v.subjectKind as 'pupil' | 'staff' | 'other', ref: String(v.subjectRef), ...staffId, ...head },
        category: v.category as IncidentCategory,
        reportedBy: String(v.reportedBy).trim(),
        ...(sharp ? { safeViewOffReason: String(v.safeViewOffReason).trim() } : {}),
      }),
    );
    setFirst('');
    setSecond('');
    if (!detail) return;
    await draft.clear();
    const r = await call('incidents.list', {});
    if (r.ok) {
      const row = r.value.incidents.find((x) => x.ref === detail.ref);
      if (row) await upsertRow(row);
    }
    setDetail(detail);
    go({ name: 'incident', ref: detail.ref });
  };

  return (
    <Screen
      title={status?.practice ? 'Start a practice incident' : 'Start a new incident'}
      next={
        <p>
          Both of you need to be here. Say why you are investigating, then each type your own passphrase. Nobody can
          start an investigation alone.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The incident was not started" />
      <form ref={form} onSubmit={(e) => void start(e)} noValidate>
        <TextArea
          label="Reason for investigation"
          hint="As it will appear on the incident form. Do not write anyone’s name: use the school reference below."
          value={String(v.reason)}
          onChange={(reason) => draft.update({ reason })}
          error={problems.reason}
        />
        <TextField
          label="Who reported the concern to you?"
          hint="Their role (and name if your incident log records it), e.g. “Form tutor, Year 8” or “Parent, by phone”."
          value={String(v.reportedBy)}
          onChange={(reportedBy) => draft.update({ reportedBy })}
          error={problems.reportedBy}
        />
        <Choice
          legend="Who is the concern about?"
          name="subject"
          inline
          value={String(v.subjectKind)}
          onChange={(subjectKind) => draft.update({ subjectKind })}
          options={[
            { value: 'pupil', label: 'A pupil' },
            { value: 'staff', label: 'A member of staff or volunteer' },
            { value: 'other', label: 'Someone else' },
          ]}
        />
        <TextField
          label="The school’s reference for them"
          hint="For example an admission number or staff number. Not their name."
          value={String(v.subjectRef)}
          onChange={(subjectRef) => draft.update({ subjectRef })}
          error={problems.subjectRef}
          className="short"
        />
        {v.subjectKind === 'staff' && (
          <>
            <SelectField
              label="Are they registered in Countersign?"
              hint="If they are, they cannot be one of the two reviewing people. Their name is never printed."
              value={String(v.subjectStaff)}
              onChange={(subjectStaff) => draft.update({ subjectStaff })}
              options={[
                { value: '', label: 'No' },
                ...registered.map((p) => ({ value: p.id, label: `Yes: ${p.name} (${p.role})` })),
              ]}
            />
            <Check
              label="The concern involves the head teacher"
              checked={v.headteacher === true}
              onChange={(headteacher) => draft.update({ headteacher })}
            />
            {policy &&
              (v.headteacher === true ? (
                <HeadteacherRoute profile={policy.profile} />
              ) : (
                <StaffRoute profile={policy.profile} />
              ))}
          </>
        )}
        <SelectField
          label="Category"
          value={String(v.category)}
          onChange={(category) => draft.update({ category })}
          options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: c }))}
        />
        <h2>Safe view</h2>
        <p>
          Pictures and video on the pages you review are shown blurred until one of you chooses to see one. Leave this
          on unless you have a reason: the choice is recorded.
        </p>
        <Check
          label="Turn safe view off: show every picture sharp from the start"
          checked={v.safeViewOff === true}
          onChange={(safeViewOff) => draft.update({ safeViewOff })}
        />
        {v.safeViewOff === true && (
          <TextArea
            label="Why must the pictures be shown sharp?"
            hint="It is kept in the signed record. Never turn it off if indecent images of children may be there."
            value={String(v.safeViewOffReason)}
            onChange={(safeViewOffReason) => draft.update({ safeViewOffReason })}
            error={problems.safeViewOffReason}
          />
        )}
        <h2>The two reviewing people</h2>
        <p>Each person types their own passphrase. Countersign records who you are from it.</p>
        <div className="two-col">
          <TextField
            label="First reviewing person: passphrase"
            type="password"
            autoComplete="off"
            value={first}
            onChange={setFirst}
            error={problems.first}
          />
          <TextField
            label="Second reviewing person: passphrase"
            type="password"
            autoComplete="off"
            value={second}
            onChange={setSecond}
            error={problems.second}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking both passphrases…' : 'Start the incident'}
          </button>
          <button type="button" className="link" onClick={() => go({ name: 'home' })}>
            Back to the incidents
          </button>
        </div>
      </form>
    </Screen>
  );
};
