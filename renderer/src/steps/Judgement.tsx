// The judgement: does the concern have substance; which actions; the police-reportable list asked item by item;
// sanctions from the school's matrix.
import { useMemo } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { ACTIONS, POLICE_REASONS } from '@shared/evidence/entries';
import { outcomeLabels, policeReasonLabels } from '@shared/policy/policy-words';
import { suggestSanctions } from '@shared/policy/profile-registry';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { ErrorBox } from '../components/ErrorBox';
import { Check, Choice, SelectField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

type Action = (typeof ACTIONS)[number];

const TEMPLATE_WORDS = 'The SWGfL template’s words: your policy does not list this.';
type Reason = (typeof POLICE_REASONS)[number];

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const Judgement = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('judge', detail.ref);
  const { act, busy, error, setError, setView } = useStep(detail);
  const { policy, error: policyError } = usePolicy(detail.ref);
  const draft = useDraft(`${detail.ref}:judgement`, {
    substance: '',
    actions: [] as string[],
    reasons: [] as string[],
    row: '',
    sanctions: [] as string[],
  });
  const v = draft.value;
  const onPoliceRoute = detail.phase === 'referral';
  const subject = detail.record.subject.kind;
  const matrix = policy
    ? subject === 'pupil'
      ? policy.profile.pupilSanctions
      : subject === 'staff'
        ? policy.profile.staffSanctions
        : null
    : null;

  const reasons = asList(v.reasons) as Reason[];
  const actions = asList(v.actions) as Action[];
  const sanctions = asList(v.sanctions);
  const policeForced = reasons.length > 0 || onPoliceRoute;
  const chosenActions: Action[] = policeForced && !actions.includes('police') ? [...actions, 'police'] : actions;

  // All six items of the policy's list are asked whatever a profile transcribes, in the policy's words where it gives
  // them and the template's (saying so) where not; the outcomes likewise.
  // Until the policy is read its words are not shown (if it cannot be read, the box above says so, and the template's
  // words stand in).
  const profile = policy?.profile ?? (policyError ? SWGFL_TEMPLATE : null);
  const labels = useMemo(() => (profile ? policeReasonLabels(profile) : []), [profile]);
  const outcomes = useMemo(() => (profile ? outcomeLabels(profile) : null), [profile]);
  const suggested =
    policy && matrix && String(v.row) && subject !== 'other'
      ? suggestSanctions(policy.profile, subject, String(v.row))
      : [];

  const toggle = (list: string[], item: string, on: boolean): string[] =>
    on ? [...new Set([...list, item])] : list.filter((x) => x !== item);

  const chooseRow = (row: string) => {
    const picks = policy && row && subject !== 'other' ? suggestSanctions(policy.profile, subject, row) : [];
    draft.update({ row, sanctions: picks });
  };

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    if (v.substance !== 'yes' && v.substance !== 'no')
      return setError({ code: 'INVALID_INPUT', message: 'Say whether the concern has substance.' });
    const substance = v.substance === 'yes';
    if (substance && chosenActions.length === 0) {
      return setError({ code: 'INVALID_INPUT', message: 'Choose at least one action the school will take.' });
    }
    const ok = await act({
      kind: 'judgement.made',
      data: substance
        ? { substance, actions: chosenActions, policeReasons: reasons, ...(sanctions.length > 0 ? { sanctions } : {}) }
        : { substance, actions: [], policeReasons: [] },
    });
    if (ok) await draft.clear();
  };

  const police = v.substance === 'yes' && chosenActions.includes('police');
  return (
    <Screen
      title="Does the concern have substance?"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Decide this together, from what you have recorded. If it has substance, choose what the school will do. Any
          item in the police list means the police must be told, and Countersign will take you to those steps next.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The judgement was not recorded" />
      <ErrorBox error={policyError} title="The policy could not be read" />
      <form onSubmit={(e) => void record(e)} noValidate>
        <Choice
          legend="Does this concern have substance?"
          name="substance"
          value={String(v.substance) || null}
          onChange={(substance) => draft.update({ substance })}
          options={[
            { value: 'yes', label: 'Yes, it has substance: action is needed' },
            { value: 'no', label: 'No, it does not have substance' },
          ]}
        />
        {v.substance === 'yes' && !outcomes && <p className="hint">Reading your policy…</p>}
        {v.substance === 'yes' && outcomes && (
          <>
            <fieldset aria-describedby="police-list-hint">
              <legend>Should any of these be reported to the police?</legend>
              <span className="hint" id="police-list-hint">
                Tick every one that applies. Each tick means the police must be involved.
              </span>
              {labels.map((r) => (
                <Check
                  key={r.id}
                  label={r.text}
                  hint={r.ownWords ? undefined : TEMPLATE_WORDS}
                  checked={reasons.includes(r.id)}
                  onChange={(on) => draft.update({ reasons: toggle(reasons, r.id, on) })}
                />
              ))}
            </fieldset>
            <fieldset>
              <legend>What action will the school take?</legend>
              {ACTIONS.map((a) => (
                <Check
                  key={a}
                  label={outcomes[a].text}
                  checked={chosenActions.includes(a)}
                  disabled={a === 'police' && policeForced}
                  hint={
                    a === 'police' && policeForced
                      ? onPoliceRoute
                        ? 'This incident is already on the police route.'
                        : 'Ticked because of the police list above.'
                      : outcomes[a].ownWords
                        ? undefined
                        : TEMPLATE_WORDS
                  }
                  onChange={(on) => draft.update({ actions: toggle(actions, a, on) })}
                />
              ))}
            </fieldset>
            {matrix && (
              <>
                <h2>Sanctions from your policy</h2>
                <SelectField
                  label={
                    `Which kind of ` +
                    `incident in your ${subject === 'pupil' ? 'pupil' : 'staff'} sanctions table is closest?`
                  }
                  hint="Countersign then ticks what your policy suggests. Change the ticks if you decide otherwise."
                  value={String(v.row)}
                  onChange={chooseRow}
                  options={[
                    { value: '', label: 'Choose one' },
                    ...matrix.rows.map((r) => ({
                      value: r.incident,
                      label: r.group ? `${r.group}: ${r.incident}` : r.incident,
                    })),
                  ]}
                />
                {String(v.row) && (
                  <fieldset>
                    <legend>Sanctions and actions</legend>
                    {suggested.length === 0 && (
                      <p className="hint">
                        Your policy does not tick anything for this kind of incident: choose what fits.
                      </p>
                    )}
                    {matrix.columns.map((c) => (
                      <Check
                        key={c}
                        label={c}
                        hint={suggested.includes(c) ? 'Suggested by your policy' : undefined}
                        checked={sanctions.includes(c)}
                        onChange={(on) => draft.update({ sanctions: toggle(sanctions, c, on) })}
                      />
                    ))}
                  </fieldset>
                )}
              </>
            )}
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {police && !onPoliceRoute ? 'Record the judgement and go to the police referral' : 'Record the judgement'}
          </button>
          {detail.phase === 'review' && (
            <button type="button" className="link" onClick={() => setView('main')}>
              Back to the review
            </button>
          )}
        </div>
      </form>
    </Screen>
  );
};
