// The police referral: the school's contacts from its policy, who was told and when (with the police reference), and
// isolating the computer.
import { useMemo } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { contactsWithNational, type Contact, type ContactKey } from '@shared/policy/profile-registry';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextArea, TextField } from '../components/Fields';
import { localInputValue, when } from '../components/format';
import { Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { IncidentHeader } from './IncidentHeader';
import { Notes } from './Notes';
import { HeadteacherRoute, PoliceSteps, StaffRoute } from './PolicyRoute';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

/** The order contacts are shown in on the police route: emergency and police first, then safeguarding. */
const ORDER: readonly ContactKey[] = [
  'police999',
  'police101',
  'ceop',
  'iwf',
  'lado',
  'mash',
  'dsl',
  'deputyDsl',
  'headteacher',
  'prevent',
  'chairOfGovernors',
];

const WHY: Record<'triage' | 'halt' | 'judgement', string> = {
  triage: 'You said illegal activity may be involved, so nothing is investigated on this computer.',
  halt: 'The review was halted for suspected child sexual abuse imagery.',
  judgement: 'Your judgement means the police must be involved.',
};

export const Referral = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('report', detail.ref);
  const { act, busy, error, setError, setView } = useStep(detail);
  const { policy, error: policyError } = usePolicy(detail.ref);
  const draft = useDraft(`${detail.ref}:referral`, {
    to: '',
    other: '',
    toldAt: localInputValue(new Date()),
    reference: '',
    note: '',
  });
  const v = draft.value;
  const via = detail.record.status.policeRoute ?? 'judgement';
  const staffInvolved = detail.record.subject.kind === 'staff';

  const contacts = useMemo(() => {
    if (!policy) return [];
    const all = contactsWithNational(policy.profile);
    const keyed = ORDER.flatMap((k) => {
      const c = all[k];
      return c ? [{ key: k, contact: c }] : [];
    });
    return [...keyed, ...(all.other ?? []).map((c, i) => ({ key: `other-${i}`, contact: c }))];
  }, [policy]);
  const label = (c: Contact) => `${c.role}${c.name ? ` (${c.name})` : ''}`;

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    const to = v.to === 'other' ? String(v.other).trim() : String(v.to);
    if (!to) return setError({ code: 'INVALID_INPUT', message: 'Say who you told.' });
    const toldAt = new Date(String(v.toldAt));
    if (Number.isNaN(toldAt.getTime()))
      return setError({ code: 'INVALID_INPUT', message: 'Give the date and time you told them.' });
    const done = await act({
      kind: 'referral.recorded',
      data: {
        to,
        toldAt: toldAt.toISOString(),
        ...(String(v.reference).trim() ? { reference: String(v.reference).trim() } : {}),
        ...(String(v.note).trim() ? { note: String(v.note).trim() } : {}),
      },
    });
    if (done) {
      draft.update({ to: '', other: '', reference: '', note: '', toldAt: localInputValue(new Date()) });
      await draft.clear();
    }
  };

  const told = detail.record.referrals;
  return (
    <Screen
      title="Report to the police now"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          {WHY[via]} Phone the police now (999 if a child is in immediate danger, otherwise 101). Then record below who
          you told, when, and the reference they gave you.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The report was not recorded" />
      <ErrorBox error={policyError} title="The policy could not be read" />
      {policy && detail.record.subject.headteacher && <HeadteacherRoute profile={policy.profile} />}
      {policy && staffInvolved && <StaffRoute profile={policy.profile} />}
      {policy && <PoliceSteps profile={policy.profile} subject={detail.record.subject.kind} />}
      <h2>Who to contact</h2>
      <ul className="contacts">
        {contacts.map(({ key, contact }) => (
          <li key={key}>
            <span className="role">{contact.role}</span>
            {contact.name && <span>{contact.name}</span>}
            {contact.phone && (
              <span className="phone">
                <br />
                {contact.phone}
              </span>
            )}
            {contact.url && (
              <span className="small">
                <br />
                {contact.url}
              </span>
            )}
            {contact.email && (
              <span className="small">
                <br />
                {contact.email}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="warning">
        Isolate the computer in question as best you can. Do not switch it on or off, do not look at it or let anyone
        use it. Any change to its state may hinder a later police investigation. The next screen is a checklist for
        this.
      </div>
      <h2>Who you have told</h2>
      {told.length === 0 ? (
        <p>Nobody recorded yet.</p>
      ) : (
        <table aria-label="Reports made">
          <thead>
            <tr>
              <th scope="col">Told</th>
              <th scope="col">When</th>
              <th scope="col">Reference</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {told.map((r) => (
              <tr key={r.seq}>
                <td>{r.to}</td>
                <td>{when(r.toldAt)}</td>
                <td>{r.reference ?? ''}</td>
                <td>{r.by.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void record(e)} noValidate>
        <h2>Record a report</h2>
        <SelectField
          label="Who did you tell?"
          value={String(v.to)}
          onChange={(to) => draft.update({ to })}
          options={[
            { value: '', label: 'Choose who you told' },
            ...contacts.map(({ contact }) => ({ value: label(contact), label: label(contact) })),
            { value: 'other', label: 'Someone else' },
          ]}
        />
        {v.to === 'other' && (
          <TextField label="Who was it?" value={String(v.other)} onChange={(other) => draft.update({ other })} />
        )}
        <TextField
          label="When did you tell them?"
          type="datetime-local"
          value={String(v.toldAt)}
          onChange={(toldAt) => draft.update({ toldAt })}
          className="short"
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
          <button type="submit" className={told.length === 0 ? 'primary' : undefined} disabled={busy}>
            Record this report
          </button>
          {told.length > 0 && detail.offered.includes('isolation.recorded') && (
            <button type="button" className="primary" onClick={() => setView('isolation')}>
              Next: isolate the computer
            </button>
          )}
        </div>
      </form>
      <h2>Notes</h2>
      <Notes detail={detail} />
    </Screen>
  );
};
