// Isolating the computer in question when the police are involved: a checklist, recorded item by item.
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { Check, TextArea } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { usePolicy } from '../hooks/usePolicy';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

export const ISOLATION_CHECKS = [
  'Nobody is using the computer in question: it is out of use and labelled “Do not use”.',
  'It has been left as it was: if it was on, it is still on; if it was off, it is still off.',
  'Nobody has opened, copied, deleted or forwarded any of the content.',
  'It is locked away, or its room is locked, and a named senior member of staff holds the key.',
  'We have listed everyone who has used the computer or its account since the concern arose.',
  'The police know where it is and who holds it.',
] as const;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const Isolation = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('isolate', detail.ref);
  const { act, busy, error, setError, setView } = useStep(detail);
  const draft = useDraft(`${detail.ref}:isolation`, { done: [] as string[], other: '' });
  const done = asList(draft.value.done);
  // What the policy itself says to do with the device comes first, in its words.
  const { policy } = usePolicy(detail.ref);
  const own = (policy?.profile.isolation ?? []).map((w) => w.text.charAt(0).toUpperCase() + w.text.slice(1));
  const checks = [...own, ...ISOLATION_CHECKS];

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    const other = String(draft.value.other).trim();
    const ticked = [...checks.filter((c) => done.includes(c)), ...(other ? [other] : [])];
    if (ticked.length === 0)
      return setError({
        code: 'INVALID_INPUT',
        message: 'Tick what you have done, or say in the box why it could not be done.',
      });
    if (await act({ kind: 'isolation.recorded', data: { checks: ticked } })) await draft.clear();
  };

  return (
    <Screen
      title="Isolate the computer in question"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          This is about the device the concern came from, not this laptop. Tick each thing you have done. If something
          could not be done, say why in the box.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The checklist was not recorded" />
      <form onSubmit={(e) => void record(e)} noValidate>
        <fieldset>
          <legend>What have you done?</legend>
          {checks.map((c) => (
            <Check
              key={c}
              label={c}
              hint={own.includes(c) ? 'From your policy' : undefined}
              checked={done.includes(c)}
              onChange={(on) => draft.update({ done: on ? [...done, c] : done.filter((x) => x !== c) })}
            />
          ))}
        </fieldset>
        <TextArea
          label="Anything else you did, or could not do (and why)"
          value={String(draft.value.other)}
          onChange={(other) => draft.update({ other })}
          rows={3}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Record the checklist
          </button>
          <button type="button" className="link" onClick={() => setView('main')}>
            Back to the police referral
          </button>
        </div>
      </form>
    </Screen>
  );
};
