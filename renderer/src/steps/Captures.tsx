// The captures of an incident: each shown blurred until a reviewer chooses to reveal it, with its address, time and
// description of concern.
import { useEffect, useRef, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import type { Capture } from '@shared/outputs/record';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea } from '../components/Fields';
import { time } from '../components/format';
import { useDraft } from '../hooks/useDraft';
import { useIncident } from '../state/incident';
import { CAPTURES_PER_PAGE, CapturePager, lastPageStart } from './CapturePager';
import { useStep } from './useStep';

/** Loads the blurred thumbnails of these captures (those on screen) that still exist. */
export const useThumbnails = (ref: string, captures: readonly Capture[]): Record<string, string> => {
  const thumbnails = useIncident((s) => s.thumbnails);
  const addThumbnail = useIncident((s) => s.addThumbnail);
  const wanted = captures.filter((c) => !c.purged && !thumbnails[c.sha256]).map((c) => c.sha256);
  const key = wanted.join(',');
  useEffect(() => {
    for (const sha256 of key ? key.split(',') : []) {
      void call('review.thumbnail', { ref, sha256 }).then((r) => r.ok && addThumbnail(sha256, r.value.thumbnail));
    }
  }, [key, ref, addThumbnail]);
  return thumbnails;
};

export const BlurredThumb = ({ capture, src }: { capture: Capture; src: string | undefined }) => (
  <div className="thumb-wrap">
    {src ? (
      <img className="thumb blurred" src={src} alt={`Capture ${capture.n}, blurred`} />
    ) : (
      <div className="thumb" role="img" aria-label={`Capture ${capture.n}, loading`} />
    )}
    <span className="veil" aria-hidden="true">
      Blurred
    </span>
  </div>
);

const Describe = ({ detail, capture }: { detail: IncidentDetail; capture: Capture }) => {
  const { act, busy, error } = useStep(detail);
  const draft = useDraft(`${detail.ref}:describe-${capture.n}`, { concern: '' });
  const save = async () => {
    if (
      await act({ kind: 'capture.described', data: { sha256: capture.sha256, concern: String(draft.value.concern) } })
    )
      await draft.clear();
  };
  return (
    <div>
      <ErrorBox error={error} title="The description was not saved" />
      <TextArea
        label={`Describe the content causing concern in capture ${capture.n}`}
        hint="What it shows and why it is a concern. Use initials or references, not full names."
        value={String(draft.value.concern)}
        onChange={(concern) => draft.update({ concern })}
        rows={3}
      />
      <button type="button" onClick={() => void save()} disabled={busy || !String(draft.value.concern).trim()}>
        Save the description
      </button>
    </div>
  );
};

interface CardProps {
  detail: IncidentDetail;
  capture: Capture;
  thumbnail: string | undefined;
  /** Whether the reviewers may open the original here. */
  canReveal: boolean;
  /** The evidence view must be hidden while the confirmation is on screen (it would cover it). */
  onDialog?(open: boolean): void;
  /** How many captures the whole list holds (only a page of them is drawn), for screen readers' "21 of 500". */
  count: number;
  /** The heading that takes the focus when its page is turned to. */
  headingRef?: React.Ref<HTMLHeadingElement>;
}

export const CaptureCard = ({ detail, capture, thumbnail, canReveal, onDialog, count, headingRef }: CardProps) => {
  const [asking, setAsking] = useState(false);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<ReturnType<typeof useStep>['error']>(null);
  const describable = detail.offered.includes('capture.described');

  const ask = (open: boolean) => {
    setAsking(open);
    onDialog?.(open);
  };
  const reveal = async () => {
    const r = await call('review.reveal', { ref: detail.ref, sha256: capture.sha256 });
    ask(false);
    if (r.ok) setImage(r.value.image);
    else setError(r.error);
  };

  const place = { 'aria-setsize': count, 'aria-posinset': capture.n };
  if (capture.purged) {
    return (
      <li {...place}>
        <strong>Capture {capture.n}: destroyed after the halt.</strong> Only its fingerprint (SHA-256) is kept:{' '}
        <span className="mono small">{capture.sha256}</span>
      </li>
    );
  }
  return (
    <li {...place}>
      <h3 style={{ marginTop: 0 }} ref={headingRef} tabIndex={-1}>
        Capture {capture.n}{' '}
        <span className="small">
          ({capture.mode === 'fullpage' ? 'full page' : 'visible area'}, {time(capture.at)})
        </span>
      </h3>
      {image ? (
        <img className="revealed" src={image} alt={`Capture ${capture.n}, original`} />
      ) : (
        <BlurredThumb capture={capture} src={thumbnail} />
      )}
      <p className="small mono">{capture.url}</p>
      {capture.title && <p className="small">{capture.title}</p>}
      <ErrorBox error={error} title="The capture could not be shown" />
      {canReveal && (
        <div className="actions" style={{ marginTop: '0.4rem' }}>
          {image ? (
            <button type="button" onClick={() => setImage(null)}>
              Blur capture {capture.n} again
            </button>
          ) : (
            <button type="button" onClick={() => ask(true)}>
              Reveal capture {capture.n}
            </button>
          )}
        </div>
      )}
      {capture.concern ? (
        <p>
          <strong>Concern:</strong> {capture.concern}
        </p>
      ) : describable ? (
        <Describe detail={detail} capture={capture} />
      ) : (
        <p>
          <strong>Concern:</strong> not described.
        </p>
      )}
      {asking && (
        <Dialog title={`Reveal capture ${capture.n}?`} onClose={() => ask(false)}>
          <p>
            The original may be upsetting. Reveal it only if you need to see it to describe or judge the concern. Make
            sure nobody else can see the screen.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void reveal()}>
              Yes, reveal capture {capture.n}
            </button>
            <button type="button" onClick={() => ask(false)}>
              No, keep it blurred
            </button>
          </div>
        </Dialog>
      )}
    </li>
  );
};

/**
 * The captures of an incident, a page at a time: an incident of hundreds stays quick to open and to use (each card has
 * its thumbnail and may have a form), and the pages are plain buttons a keyboard and a screen reader follow.
 */
export const CaptureList = ({
  detail,
  canReveal,
  onDialog,
}: {
  detail: IncidentDetail;
  canReveal: boolean;
  onDialog?(open: boolean): void;
}) => {
  const { captures } = detail.record;
  const count = captures.length;
  const [start, setStart] = useState(0);
  const seen = useRef(count);
  const first = useRef<HTMLHeadingElement>(null);
  /** Set when a person turns the page: the focus then goes to the first capture of the new page. */
  const turned = useRef(false);
  // A capture just taken is shown: the list turns to its page.
  useEffect(() => {
    if (count > seen.current) setStart(lastPageStart(count));
    seen.current = count;
  }, [count]);
  const from = Math.min(start, lastPageStart(count));
  const shown = captures.slice(from, from + CAPTURES_PER_PAGE);
  const thumbnails = useThumbnails(detail.ref, shown);
  useEffect(() => {
    if (!turned.current) return;
    turned.current = false;
    first.current?.focus();
  }, [from]);
  if (count === 0) return <p>No captures yet.</p>;
  const turn = (to: number) => {
    turned.current = true;
    setStart(Math.max(0, Math.min(to, lastPageStart(count))));
  };
  return (
    <>
      {count > CAPTURES_PER_PAGE && <CapturePager from={from} shown={shown.length} count={count} onTurn={turn} />}
      <ul className="captures" aria-label={`Captures ${from + 1} to ${from + shown.length} of ${count}`}>
        {shown.map((c, i) => (
          <CaptureCard
            key={c.sha256}
            detail={detail}
            capture={c}
            thumbnail={thumbnails[c.sha256]}
            canReveal={canReveal}
            onDialog={onDialog}
            count={count}
            headingRef={i === 0 ? first : undefined}
          />
        ))}
      </ul>
    </>
  );
};
