// The judgement: does the concern have substance; which actions; the police-reportable list asked item by item;
// sanctions from the school's matrix.
import { useMemo } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { ACTIONS, POLICE_REASONS } from '@shared/evidence/entries';
import { outcomeLabels, policeReasonLabels, policeSanctions } from '@shared/policy/policy-words';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { ErrorBox } from '../components/ErrorBox';
import { Check, Choice } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { IncidentHeader } from './IncidentHeader';
import { TEMPLATE_WORDS, usePolicyQuote } from './policy';
import { SanctionsPicker } from './Sanctions';
import { useStep } from './useStep';

type Action = (typeof ACTIONS)[number];

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
  const halted = detail.record.halt !== null;
  const subject = detail.record.subject.kind;
  // On the police route the concern has substance: the machine refuses anything else.
  const substanceAnswer = onPoliceRoute ? 'yes' : String(v.substance);

  const reasons = asList(v.reasons) as Reason[];
  const actions = asList(v.actions) as Action[];
  const sanctions = asList(v.sanctions);
  // A sanction the policy counts as a referral to the police ("Refer to Police"; not "the LADO or the police").
  const policeSanction = policy !== null && policeSanctions(policy.profile, subject, sanctions).length > 0;
  const policeForced = reasons.length > 0 || onPoliceRoute || policeSanction;
  const chosenActions: Action[] = policeForced && !actions.includes('police') ? [...actions, 'police'] : actions;
  const policeHint = onPoliceRoute
    ? halted
      ? 'The review was halted: the police are already involved.'
      : 'This incident is already on the police route.'
    : reasons.length > 0
      ? 'Ticked because of the police list above.'
      : 'Ticked because a sanction below involves the police.';

  // All six items of the policy's list are asked whatever a profile transcribes, in the policy's words where it gives
  // them and the template's (saying so) where not; the outcomes likewise.
  // Until the policy is read its words are not shown (if it cannot be read, the box above says so, and the template's
  // words stand in).
  const profile = policy?.profile ?? (policyError ? SWGFL_TEMPLATE : null);
  const labels = useMemo(() => (profile ? policeReasonLabels(profile) : []), [profile]);
  const outcomes = useMemo(() => (profile ? outcomeLabels(profile) : null), [profile]);

  const toggle = (list: string[], item: string, on: boolean): string[] =>
    on ? [...new Set([...list, item])] : list.filter((x) => x !== item);

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    if (substanceAnswer !== 'yes' && substanceAnswer !== 'no')
      return setError({ code: 'INVALID_INPUT', message: 'Say whether the concern has substance.' });
    const substance = substanceAnswer === 'yes';
    if (substance && chosenActions.length === 0) {
      return setError({ code: 'INVALID_INPUT', message: 'Choose at least one action the school will take.' });
    }
    const row = String(v.row);
    const ok = await act({
      kind: 'judgement.made',
      data: substance
        ? {
            substance,
            actions: chosenActions,
            policeReasons: reasons,
            ...(row ? { sanctionRow: row } : {}),
            ...(sanctions.length > 0 ? { sanctions } : {}),
          }
        : { substance, actions: [], policeReasons: [] },
    });
    if (!ok) return;
    await draft.clear();
    // On the police route the isolation checklist comes next; from the review, the phase decides the next screen.
    setView(onPoliceRoute ? 'isolation' : 'main');
  };

  const police = substanceAnswer === 'yes' && chosenActions.includes('police');
  return (
    <Screen
      title={halted ? 'The judgement, after the halt' : 'Does the concern have substance?'}
      before={<IncidentHeader detail={detail} />}
      next={
        onPoliceRoute ? (
          <p>
            The police are involved already. Decide together which police-reportable items apply and what else the
            school will do; the form records it. Then isolate the computer in question.
          </p>
        ) : (
          <p>
            Decide this together, from what you have recorded. If it has substance, choose what the school will do. Any
            item in the police list, or a sanction that refers to the police, means the police must be told, and
            Countersign will take you to those steps next.
          </p>
        )
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The judgement was not recorded" />
      <ErrorBox error={policyError} title="The policy could not be read" />
      <form onSubmit={(e) => void record(e)} noValidate>
        {onPoliceRoute ? (
          <p>On the police route the concern is recorded as having substance, with the police involved.</p>
        ) : (
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
        )}
        {substanceAnswer === 'yes' && !outcomes && <p className="hint">Reading your policy…</p>}
        {substanceAnswer === 'yes' && outcomes && (
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
                  hint={a === 'police' && policeForced ? policeHint : outcomes[a].ownWords ? undefined : TEMPLATE_WORDS}
                  onChange={(on) => draft.update({ actions: toggle(actions, a, on) })}
                />
              ))}
            </fieldset>
            {policy && (
              <SanctionsPicker
                profile={policy.profile}
                subject={subject}
                value={{ row: String(v.row), sanctions }}
                onChange={(next) => draft.update({ row: next.row, sanctions: next.sanctions })}
              />
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
