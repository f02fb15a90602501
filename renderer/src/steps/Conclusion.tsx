// The conclusion and action proposed or taken: the last part of the form before both reviewers sign.
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { IncidentHeader } from './IncidentHeader';
import { Notes } from './Notes';
import { usePolicyQuote } from './policy';
import { Summary } from './Summary';
import { ToldForm, ToldList } from './Told';
import { useStep } from './useStep';

export const Conclusion = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('evidence', detail.ref);
  const { act, busy, error, setError } = useStep(detail);
  const draft = useDraft(`${detail.ref}:conclusion`, { text: '' });
  const text = String(draft.value.text);
  // On the police route the conclusion waits until telling the police (with their reference) is recorded.
  const waiting = !detail.offered.includes('conclusion.recorded');

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim())
      return setError({ code: 'INVALID_INPUT', message: 'Write the conclusion and the action proposed or taken.' });
    if (await act({ kind: 'conclusion.recorded', data: { text: text.trim() } })) await draft.clear();
  };

  return (
    <Screen
      title="Conclusion and action proposed or taken"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Write what you concluded and what the school has done or will do. This completes the form; next, you both sign
          it off.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The conclusion was not recorded" />
      {waiting && (
        <div className="warning">
          The police have not been recorded as told. Record whom you told at the police, when, and the reference they
          gave you (below) before the conclusion.
        </div>
      )}
      <h2>What has been recorded</h2>
      <Summary detail={detail} />
      <h2>Who has been told</h2>
      <ToldList detail={detail} />
      <details className="more" open={waiting}>
        <summary>Record someone you told</summary>
        <ToldForm detail={detail} />
      </details>
      <form onSubmit={(e) => void record(e)} noValidate>
        <TextArea
          label="Conclusion and action proposed or taken"
          hint="As it will appear on the form. Use references, not names."
          value={text}
          onChange={(t) => draft.update({ text: t })}
          rows={6}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || waiting}>
            Record the conclusion
          </button>
        </div>
      </form>
      <h2>Notes</h2>
      <Notes detail={detail} />
    </Screen>
  );
};
