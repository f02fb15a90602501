// Triage, before any browsing: is child sexual abuse imagery or other illegal activity suspected? Yes goes straight to
// the police route.
import { useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { Choice } from '../components/Fields';
import { Screen } from '../components/Screen';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

export const Triage = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('illegal', detail.ref);
  const { act, busy, error, setError } = useStep(detail);
  const [answer, setAnswer] = useState<string | null>(null);

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    if (answer === null) return setError({ code: 'INVALID_INPUT', message: 'Answer the question: yes or no.' });
    await act({ kind: 'triage.answered', data: { illegalSuspected: answer === 'yes' } });
  };

  return (
    <Screen
      title="Before you look at anything"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Answer this question before any website is opened. If the answer is yes, you must not investigate on this
          computer: Countersign takes you to the steps for reporting to the police straight away.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The answer was not recorded" />
      <form onSubmit={(e) => void record(e)} noValidate>
        <Choice
          legend="Is there any suspicion of child sexual abuse images or other illegal activity?"
          hint={
            'From what you have been told so far. ' +
            'If you are unsure, answer yes: it is always right to ask the police.'
          }
          name="triage"
          value={answer}
          onChange={setAnswer}
          options={[
            { value: 'yes', label: 'Yes, or we are not sure: do not investigate, report to the police' },
            { value: 'no', label: 'No: review the content on this computer' },
          ]}
        />
        {answer === 'yes' && (
          <p className="warning">
            No website will be opened and no screenshot can be taken for this incident. You will record who you told and
            when.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {answer === 'yes' ? 'Record the answer and go to the police steps' : 'Record the answer'}
          </button>
        </div>
      </form>
    </Screen>
  );
};
