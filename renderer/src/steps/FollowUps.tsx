// After sign-off: what happened next, as the policy's flowchart names it (debrief, police response, return to
// internal procedures with a new judgement, policies reviewed, changes, monitoring) or as a free addendum; each is
// signed by the reviewer who adds it.
import { useState } from 'react';
import { ACTIONS, FOLLOW_UP_KINDS, type FollowUpKind } from '@shared/evidence/entries';
import type { IncidentDetail } from '@shared/ipc/contract';
import { outcomeLabels, policeSanctions } from '@shared/policy/policy-words';
import { FOLLOW_UP_HINTS, FOLLOW_UP_LABELS } from '@shared/procedure/follow-ups';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Check, Choice, TextArea, TextField } from '../components/Fields';
import { when } from '../components/format';
import { PolicyQuote } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { TEMPLATE_WORDS, usePolicyQuote } from './policy';
import { SanctionsPicker } from './Sanctions';
import { useStep } from './useStep';

const ADDENDUM = 'addendum';
/** Back under internal procedures the police are not involved: only these actions are offered. */
const INTERNAL_ACTIONS = ACTIONS.filter((a) => a !== 'police');

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The incident went to the police, their response is recorded, and it has not yet returned to internal procedures. */
const canReturn = (detail: IncidentDetail): boolean => {
  const kinds = detail.record.followUps.map((f) => f.kind);
  return (
    detail.record.status.policeRoute !== null &&
    kinds.includes('police-response') &&
    !kinds.includes('internal-procedures')
  );
};

const History = ({ detail }: { detail: IncidentDetail }) => {
  const rows = [
    ...detail.record.followUps.map((f) => ({
      seq: f.seq,
      at: f.at,
      what: FOLLOW_UP_LABELS[f.kind],
      text: f.text,
      signed: f.signedBy,
    })),
    ...detail.record.addenda.map((a) => ({ seq: a.seq, at: a.at, what: 'Addendum', text: a.text, signed: a.signedBy })),
  ].sort((a, b) => a.seq - b.seq);
  if (rows.length === 0) return <p>Nothing added yet.</p>;
  return (
    <table aria-label="Added after sign-off">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Details</th>
          <th scope="col">Signed by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.seq}>
            <td>{when(r.at)}</td>
            <td>{r.what}</td>
            <td>{r.text}</td>
            <td>{r.signed.join(' and ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const BLANK = { kind: 'debrief', text: '', substance: '', actions: [] as string[], row: '', sanctions: [] as string[] };

export const FollowUps = ({ detail }: { detail: IncidentDetail }) => {
  const { busy, error, setError, run, setDetail } = useStep(detail);
  const { policy } = usePolicy(detail.ref);
  const policeResponse = usePolicyQuote('policeResponse', detail.ref);
  const draft = useDraft(`${detail.ref}:followup`, BLANK);
  const [passphrase, setPassphrase] = useState('');
  const v = draft.value;
  const kinds = FOLLOW_UP_KINDS.filter((k) => k !== 'internal-procedures' || canReturn(detail));
  const kind = String(v.kind);
  const returning = kind === 'internal-procedures';
  const sanctions = asList(v.sanctions);
  const actions = asList(v.actions).filter((a): a is (typeof INTERNAL_ACTIONS)[number] =>
    (INTERNAL_ACTIONS as readonly string[]).includes(a),
  );

  const judgement = () => {
    const substance = v.substance === 'yes';
    const row = String(v.row);
    return {
      substance,
      actions: substance ? actions : [],
      policeReasons: [],
      ...(substance && row ? { sanctionRow: row } : {}),
      ...(substance && sanctions.length > 0 ? { sanctions } : {}),
    };
  };

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = String(v.text).trim();
    if (!text) return setError({ code: 'INVALID_INPUT', message: 'Write what happened first.' });
    if (returning && v.substance !== 'yes' && v.substance !== 'no')
      return setError({ code: 'INVALID_INPUT', message: 'Make the judgement again: does the concern have substance?' });
    if (returning && policy && policeSanctions(policy.profile, detail.record.subject.kind, sanctions).length > 0)
      return setError({
        code: 'INVALID_INPUT',
        message: 'Back under internal procedures, no sanction refers to the police.',
      });
    const next = await run(() =>
      kind === ADDENDUM
        ? call('incident.addendum', { ref: detail.ref, passphrase, text })
        : call('incident.followup', {
            ref: detail.ref,
            passphrase,
            kind: kind as FollowUpKind,
            text,
            ...(returning ? { judgement: judgement() } : {}),
          }),
    );
    setPassphrase('');
    if (next) {
      setDetail(next);
      draft.update(BLANK);
      await draft.clear();
    }
  };

  return (
    <>
      <ErrorBox error={error} title="It was not added" />
      <p>
        The signed record never changes. Add what happens next here; each entry is signed by the reviewer who adds it
        and printed on the form.
      </p>
      <History detail={detail} />
      <form onSubmit={(e) => void add(e)} noValidate>
        <Choice
          legend="What are you adding?"
          name="follow-up-kind"
          value={kind}
          onChange={(k) => draft.update({ kind: k })}
          options={[
            ...kinds.map((k) => ({
              value: k,
              label: (
                <>
                  {FOLLOW_UP_LABELS[k]}
                  <span className="hint">{FOLLOW_UP_HINTS[k]}</span>
                </>
              ),
            })),
            { value: ADDENDUM, label: 'Something else (an addendum)' },
          ]}
        />
        {(kind === 'police-response' || returning) && policeResponse && (
          <PolicyQuote quote={{ ...policeResponse, notice: null }} />
        )}
        <TextArea label="What happened" value={String(v.text)} onChange={(text) => draft.update({ text })} rows={4} />
        {returning && (
          <fieldset>
            <legend>The judgement, made again under internal procedures</legend>
            <Choice
              legend="Does the concern have substance?"
              name="new-substance"
              value={String(v.substance) || null}
              onChange={(substance) => draft.update({ substance })}
              options={[
                { value: 'yes', label: 'Yes, it has substance: action is needed' },
                { value: 'no', label: 'No, it does not have substance' },
              ]}
            />
            {v.substance === 'yes' && policy && (
              <>
                {INTERNAL_ACTIONS.map((a) => (
                  <Check
                    key={a}
                    label={outcomeLabels(policy.profile)[a].text}
                    hint={outcomeLabels(policy.profile)[a].ownWords ? undefined : TEMPLATE_WORDS}
                    checked={actions.includes(a)}
                    onChange={(on) =>
                      draft.update({ actions: on ? [...new Set([...actions, a])] : actions.filter((x) => x !== a) })
                    }
                  />
                ))}
                <SanctionsPicker
                  profile={policy.profile}
                  subject={detail.record.subject.kind}
                  value={{ row: String(v.row), sanctions }}
                  onChange={(next) => draft.update({ row: next.row, sanctions: next.sanctions })}
                />
              </>
            )}
          </fieldset>
        )}
        <TextField
          label="Your passphrase (one of the two reviewers)"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {kind === ADDENDUM ? 'Add the signed addendum' : `Add the signed follow-up`}
          </button>
        </div>
      </form>
    </>
  );
};
