// Above every step: the incident's reference and category, its two reviewers (and who is at the keyboard), its review
// date once signed off, where the procedure stands, and a reviewer's new key to confirm.
import type { IncidentDetail } from '@shared/ipc/contract';
import { day } from '../components/format';
import { useApp } from '../state/app';
import { actorOf, useIncident, type StepView } from '../state/incident';
import { KeyChange } from './KeyChange';
import { useShallow } from 'zustand/react/shallow';

interface Stage {
  label: string;
  /** True for the stage the screen is on. */
  current: boolean;
}

/** The procedure's stages for this incident's route, with the current one marked. */
export const stagesOf = (d: IncidentDetail, view: StepView): Stage[] => {
  const route = d.record.status.policeRoute;
  const names: string[] = ['Two people', 'Clock', 'Triage'];
  if (route !== 'triage') names.push('Review');
  if (route === null || route === 'judgement') names.push('Judgement');
  if (route !== null) names.push('Police referral');
  // After a halt the judgement follows the report to the police (the police already in it).
  if (route === 'halt') names.push('Judgement');
  if (route !== null) names.push('Isolate the computer');
  names.push('Conclusion', 'Sign-off', 'Print and export');
  const current = ((): string => {
    switch (d.phase) {
      case 'none':
        return 'Two people';
      case 'clock':
        return 'Clock';
      case 'triage':
        return 'Triage';
      case 'review':
        return view === 'judgement' ? 'Judgement' : 'Review';
      case 'referral':
        return view === 'isolation' ? 'Isolate the computer' : view === 'judgement' ? 'Judgement' : 'Police referral';
      case 'conclusion':
        return 'Conclusion';
      case 'signoff':
        return 'Sign-off';
      case 'sealed':
        return 'Print and export';
    }
  })();
  return names.map((label) => ({ label, current: label === current }));
};

export const IncidentHeader = ({ detail }: { detail: IncidentDetail }) => {
  const { actor, setActor, view } = useIncident(
    useShallow((s) => ({ actor: s.actor, setActor: s.setActor, view: s.view })),
  );
  const go = useApp((s) => s.go);
  const at = actorOf(detail, actor);
  const stages = stagesOf(detail, view[detail.ref] ?? 'main');
  const currentAt = stages.findIndex((s) => s.current);
  const [a, b] = detail.record.reviewers;
  const canAct = detail.phase !== 'sealed' && detail.phase !== 'signoff';
  return (
    <>
      <div className="incident-bar">
        <span>
          Incident <span className="ref">{detail.ref}</span>
          {detail.record.practice && <span className="tag practice">Practice</span>}
        </span>
        <span>{detail.record.category}</span>
        <span>
          Reviewers: <span title={a.role}>{a.name}</span> and <span title={b.role}>{b.name}</span>
        </span>
        {detail.retention.signedOffAt && (
          <span className="review-date">
            Signed off {day(detail.retention.signedOffAt)};{' '}
            {detail.retention.reviewDue
              ? `review due ${day(detail.retention.reviewDue)}`
              : 'no review date (set the retention period in Settings)'}
          </span>
        )}
        <button type="button" className="link" onClick={() => go({ name: 'delete', ref: detail.ref })}>
          Delete this incident…
        </button>
        {canAct && (
          <span className="keyboard">
            <label htmlFor="at-keyboard">At the keyboard:</label>
            <select
              id="at-keyboard"
              value={at}
              onChange={(e) => setActor(detail.ref, e.target.value)}
              aria-describedby="keyboard-hint"
            >
              <option value={a.id}>{a.name}</option>
              <option value={b.id}>{b.name}</option>
            </select>
            <span id="keyboard-hint" className="hint">
              Steps are recorded as theirs.
            </span>
          </span>
        )}
      </div>
      <ol className="progress" aria-label="Steps of the procedure">
        {stages.map((s, i) => (
          <li
            key={s.label}
            aria-current={s.current ? 'step' : undefined}
            className={i < currentAt ? 'done' : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      <KeyChange detail={detail} />
    </>
  );
};
