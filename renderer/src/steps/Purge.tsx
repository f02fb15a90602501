// After a halt: the reviewers say which earlier captures show the suspect imagery; those files are destroyed (their
// hashes stay in the log).
import { useEffect, useRef, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Check } from '../components/Fields';
import { time, when } from '../components/format';
import { Screen } from '../components/Screen';
import { CAPTURES_PER_PAGE, CapturePager, lastPageStart } from './CapturePager';
import { BlurredThumb, useThumbnails } from './Captures';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { useStep } from './useStep';

export const Purge = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('purge', detail.ref);
  const { who, busy, error, run, setDetail } = useStep(detail);
  const [chosen, setChosen] = useState<string[]>([]);
  const halt = detail.record.halt;
  const captures = detail.record.captures.filter((c) => !c.purged);
  // A page of captures at a time, as in the review: hundreds of cards and thumbnails at once make the screen slow.
  const [start, setStart] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  /** Set when a person turns the page: the focus then goes to the first tick box of the new page. */
  const turned = useRef(false);
  const from = Math.min(start, lastPageStart(captures.length));
  const shown = captures.slice(from, from + CAPTURES_PER_PAGE);
  const thumbnails = useThumbnails(detail.ref, shown);
  useEffect(() => {
    if (!turned.current) return;
    turned.current = false;
    list.current?.querySelector('input')?.focus();
  }, [from]);
  const turn = (to: number) => {
    turned.current = true;
    setStart(Math.max(0, Math.min(to, lastPageStart(captures.length))));
  };

  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    const next = await run(() => call('review.purge', { ref: detail.ref, actor: who, captures: chosen }));
    if (next) setDetail(next);
  };

  return (
    <Screen
      title="The review was halted"
      before={
        <>
          <IncidentHeader detail={detail} />
          <div className="halt-notice" role="status">
            Halted at {halt ? when(halt.at) : ''}. The page was closed at once and no image of it was kept. Capturing is
            now locked for this incident.
          </div>
        </>
      }
      next={
        <p>
          {captures.length > 0
            ? 'Say whether any capture taken earlier shows the same suspect imagery. Do ' +
              'not open them to check: decide from the addresses and your descriptions. ' +
              'Ticked captures are destroyed; only their fingerprints stay in the record.'
            : 'No capture was taken before the halt, so there is ' +
              'nothing to destroy. Confirm this, then report to the police.'}
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="Your answer was not recorded" />
      {halt && (
        <dl className="facts">
          <dt>Address of concern (kept as text only)</dt>
          <dd className="mono">{halt.url || 'No page had been opened'}</dd>
          <dt>Halted by</dt>
          <dd>{halt.by.name}</dd>
        </dl>
      )}
      <form onSubmit={(e) => void confirm(e)} noValidate>
        {captures.length > 0 && (
          <fieldset>
            <legend>Which captures show the suspect imagery?</legend>
            {captures.length > CAPTURES_PER_PAGE && (
              <CapturePager from={from} shown={shown.length} count={captures.length} onTurn={turn} />
            )}
            <ul
              className="captures"
              ref={list}
              aria-label={`Captures ${from + 1} to ${from + shown.length} of ${captures.length}`}
            >
              {shown.map((c, i) => (
                <li key={c.sha256} aria-setsize={captures.length} aria-posinset={from + i + 1}>
                  <BlurredThumb capture={c} src={thumbnails[c.sha256]} />
                  <p className="small mono">
                    {time(c.at)} {c.url}
                  </p>
                  <p className="small">{c.concern ?? 'No description.'}</p>
                  <Check
                    label={`Capture ${c.n} shows the suspect imagery: destroy it`}
                    checked={chosen.includes(c.sha256)}
                    onChange={(on) => setChosen((xs) => (on ? [...xs, c.sha256] : xs.filter((x) => x !== c.sha256)))}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {chosen.length > 0
              ? `Destroy ${chosen.length === 1 ? 'the ticked capture' : `the ${chosen.length} ticked captures`} ` +
                'and go on'
              : captures.length > 0
                ? 'None of them shows it: go on'
                : 'Confirm and go on'}
          </button>
        </div>
      </form>
    </Screen>
  );
};
