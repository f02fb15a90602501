// The clock check: the reviewers compare this computer's time with a clock they trust and record any difference.
import { useEffect, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { Choice, TextField } from '../components/Fields';
import { longDay } from '../components/format';
import { Screen } from '../components/Screen';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

export const Clock = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('sameComputer', detail.ref);
  const { act, busy, error, setError } = useStep(detail);
  const [now, setNow] = useState(() => new Date());
  const [answer, setAnswer] = useState<string | null>(null);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(t);
  }, []);

  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    if (answer === null)
      return setError({ code: 'INVALID_INPUT', message: 'Say whether the time matches your trusted clock.' });
    let offsetMs = 0;
    if (answer === 'different') {
      const m = Number(minutes.replace(',', '.'));
      if (!minutes.trim() || !Number.isFinite(m)) {
        return setError({
          code: 'INVALID_INPUT',
          message: 'Type how many minutes your trusted clock is ahead (or behind, with a minus sign).',
        });
      }
      offsetMs = Math.round(m * 60_000);
    }
    await act({
      kind: 'clock.confirmed',
      data: { shownAt: now.toISOString(), offsetMs, ...(note.trim() ? { note: note.trim() } : {}) },
    });
  };

  const { computer } = detail.record;
  return (
    <Screen
      title="Check the computer’s clock"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Compare the time below with a clock you trust, such as your phone. Everything Countersign records is stamped
          with this computer’s time, so any difference must be written down now.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The clock check was not recorded" />
      <dl className="facts">
        <dt>This computer</dt>
        <dd>
          {computer.name}, {computer.location}
        </dd>
        <dt>Its date</dt>
        <dd>{longDay(now)}</dd>
        <dt>Its time</dt>
        <dd>
          <strong style={{ fontSize: '1.6rem' }}>{ukTime.format(now)}</strong>
        </dd>
      </dl>
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <Choice
          legend="Does this match your trusted clock?"
          name="clock"
          value={answer}
          onChange={setAnswer}
          options={[
            { value: 'same', label: 'Yes, it matches (to within a minute)' },
            { value: 'different', label: 'No, it is different' },
          ]}
        />
        {answer === 'different' && (
          <>
            <TextField
              label="How many minutes is your trusted clock ahead?"
              hint={
                'If your phone shows 10:05 and this computer shows 10:00, type 5. ' +
                'If your phone is behind, type a minus sign first, e.g. -5.'
              }
              value={minutes}
              onChange={setMinutes}
              className="short"
            />
            <TextField label="Which clock did you compare with? (optional)" value={note} onChange={setNote} />
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Confirm the clock
          </button>
        </div>
      </form>
    </Screen>
  );
};
