// The police referral: what the incident's policy says to do and whom to tell (its routes for staff and the head
// teacher, its words on suspending a member of staff), who was told and when (with the police reference), sites or
// devices recorded as text, and the way on to the judgement (after a halt) or to isolating the computer.
import { useMemo } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { tellable } from '@shared/procedure/told';
import { ErrorBox } from '../components/ErrorBox';
import { PolicyQuote, Screen } from '../components/Screen';
import { usePolicy } from '../hooks/usePolicy';
import { CaptureList } from './Captures';
import { IncidentHeader } from './IncidentHeader';
import { Notes } from './Notes';
import { HeadteacherRoute, PoliceSteps, StaffRoute } from './PolicyRoute';
import { usePolicyQuote } from './policy';
import { SiteForm, SiteList } from './Sites';
import { policeTold, ToldForm, ToldList } from './Told';
import { useStep } from './useStep';

const WHY: Record<'triage' | 'halt' | 'judgement', string> = {
  triage: 'You said illegal activity may be involved, so nothing is investigated on this computer.',
  halt: 'The review was halted for suspected child sexual abuse imagery.',
  judgement: 'Your judgement means the police must be involved.',
};

export const Referral = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('report', detail.ref);
  const suspension = usePolicyQuote('suspension', detail.ref);
  const { setView } = useStep(detail);
  const { policy, error: policyError } = usePolicy(detail.ref);
  const via = detail.record.status.policeRoute ?? 'judgement';
  const staffInvolved = detail.record.subject.kind === 'staff';
  const contacts = useMemo(() => (policy ? tellable(policy.profile) : []), [policy]);
  const told = policeTold(detail);
  // After a halt the judgement is made here, with the police already in it; then the computer is isolated.
  const judgeNext = detail.record.halt !== null && detail.record.judgement === null;
  const canGoOn = judgeNext ? detail.offered.includes('judgement.made') : detail.offered.includes('isolation.recorded');
  const undescribed = detail.record.captures.some((c) => !c.purged && !c.concern);

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
      <ErrorBox error={policyError} title="The policy could not be read" />
      {policy && detail.record.subject.headteacher && <HeadteacherRoute profile={policy.profile} />}
      {policy && staffInvolved && <StaffRoute profile={policy.profile} />}
      {staffInvolved && suspension && <PolicyQuote quote={{ ...suspension, notice: null }} />}
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
        use it. Any change to its state may hinder a later police investigation. A checklist for this follows.
      </div>
      <h2>Who you have told</h2>
      <ToldList detail={detail} />
      <h2>Record a report</h2>
      <ToldForm detail={detail} submit="Record this report" />
      {judgeNext && undescribed && (
        <>
          <h2>Before the judgement: describe the captures kept</h2>
          <p>Describe each from its address and what you saw; it stays blurred.</p>
          <CaptureList detail={detail} canReveal={false} />
        </>
      )}
      {told && canGoOn ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setView(judgeNext ? 'judgement' : 'isolation')}>
            {judgeNext ? 'Next: the judgement' : 'Next: isolate the computer'}
          </button>
        </div>
      ) : (
        <p className="notice">
          Next comes {judgeNext ? 'the judgement' : 'isolating the computer'}, once you have recorded telling the
          police, with the reference they gave you{judgeNext && undescribed ? ', and described each capture kept' : ''}.
        </p>
      )}
      <h2>Sites and devices of concern</h2>
      <p>
        Record the address of a site you were told about, or the device in question, without opening it on this
        computer.
      </p>
      <SiteList detail={detail} />
      <details className="more">
        <summary>Record a site or device of concern</summary>
        <SiteForm detail={detail} />
      </details>
      <h2>Notes</h2>
      <Notes detail={detail} />
    </Screen>
  );
};
