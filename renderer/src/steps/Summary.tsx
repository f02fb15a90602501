// A short summary of what has been recorded, shown before the conclusion and at sign-off so both reviewers read the
// same facts.
import type { IncidentDetail } from '@shared/ipc/contract';
import { outcomeLabels } from '@shared/policy/policy-words';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { when } from '../components/format';
import { usePolicy } from '../hooks/usePolicy';

export const Summary = ({ detail }: { detail: IncidentDetail }) => {
  const r = detail.record;
  // The outcomes in the words of the policy the incident follows.
  const { policy } = usePolicy(detail.ref);
  const outcomes = outcomeLabels(policy?.profile ?? SWGFL_TEMPLATE);
  const kept = r.captures.filter((c) => !c.purged);
  return (
    <dl className="facts">
      <dt>Reason</dt>
      <dd>{r.reason}</dd>
      <dt>About</dt>
      <dd>
        {r.subject.kind === 'pupil' ? 'Pupil' : r.subject.kind === 'staff' ? 'Member of staff' : 'Other'}{' '}
        {r.subject.ref}
      </dd>
      <dt>Triage</dt>
      <dd>
        {r.triage
          ? r.triage.illegalSuspected
            ? 'Illegal activity suspected: not investigated here'
            : 'No illegal activity suspected'
          : 'Not answered'}
      </dd>
      {r.triage && !r.triage.illegalSuspected && (
        <>
          <dt>Pages visited</dt>
          <dd>{r.visits.filter((v) => v.frame !== 'sub').length}</dd>
          <dt>Captures kept</dt>
          <dd>
            {kept.length}
            {r.captures.length > kept.length && ` (${r.captures.length - kept.length} destroyed after the halt)`}
          </dd>
        </>
      )}
      {r.halt && (
        <>
          <dt>Halted</dt>
          <dd>
            {when(r.halt.at)}, at <span className="mono">{r.halt.url}</span>
          </dd>
        </>
      )}
      {r.judgement && (
        <>
          <dt>Judgement</dt>
          <dd>
            {r.judgement.substance ? 'The concern has substance.' : 'The concern does not have substance.'}{' '}
            {r.judgement.actions.map((a) => outcomes[a].text).join('; ')}
            {r.judgement.policeReasons.length > 0 &&
              ` Police list: ${r.judgement.policeReasons.map((p) => p.label).join('; ')}.`}
            {r.judgement.sanctions.length > 0 && ` Sanctions: ${r.judgement.sanctions.join('; ')}.`}
          </dd>
        </>
      )}
      {r.referrals.length > 0 && (
        <>
          <dt>Reported to</dt>
          <dd>
            {r.referrals
              .map((x) => `${x.to}, ${when(x.toldAt)}${x.reference ? ` (ref. ${x.reference})` : ''}`)
              .join('; ')}
          </dd>
        </>
      )}
      {r.isolation && (
        <>
          <dt>Computer isolated</dt>
          <dd>{r.isolation.checks.length} checks recorded</dd>
        </>
      )}
      {r.conclusion && (
        <>
          <dt>Conclusion</dt>
          <dd>{r.conclusion.text}</dd>
        </>
      )}
    </dl>
  );
};
