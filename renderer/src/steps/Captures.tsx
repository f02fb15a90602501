// The captures of an incident: each shown blurred until a reviewer chooses to reveal it, with its address, time and
// description of concern.
import { useEffect, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import type { Capture } from '@shared/outputs/record';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea } from '../components/Fields';
import { time } from '../components/format';
import { useDraft } from '../hooks/useDraft';
import { useIncident } from '../state/incident';
import { useStep } from './useStep';

/** Loads the blurred thumbnails of the captures that still exist. */
export const useThumbnails = (detail: IncidentDetail): Record<string, string> => {
  const { thumbnails, addThumbnail } = useIncident();
  const wanted = detail.record.captures.filter((c) => !c.purged && !thumbnails[c.sha256]).map((c) => c.sha256);
  const key = wanted.join(',');
  useEffect(() => {
    for (const sha256 of key ? key.split(',') : []) {
      void call('review.thumbnail', { ref: detail.ref, sha256 }).then(
        (r) => r.ok && addThumbnail(sha256, r.value.thumbnail),
      );
    }
  }, [key, detail.ref, addThumbnail]);
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
}

export const CaptureCard = ({ detail, capture, thumbnail, canReveal, onDialog }: CardProps) => {
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

  if (capture.purged) {
    return (
      <li>
        <strong>Capture {capture.n}: destroyed after the halt.</strong> Only its fingerprint (SHA-256) is kept:{' '}
        <span className="mono small">{capture.sha256}</span>
      </li>
    );
  }
  return (
    <li>
      <h3 style={{ marginTop: 0 }}>
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

export const CaptureList = ({
  detail,
  canReveal,
  onDialog,
}: {
  detail: IncidentDetail;
  canReveal: boolean;
  onDialog?(open: boolean): void;
}) => {
  const thumbnails = useThumbnails(detail);
  const { captures } = detail.record;
  if (captures.length === 0) return <p>No captures yet.</p>;
  return (
    <ul className="captures">
      {captures.map((c) => (
        <CaptureCard
          key={c.sha256}
          detail={detail}
          capture={c}
          thumbnail={thumbnails[c.sha256]}
          canReveal={canReveal}
          onDialog={onDialog}
        />
      ))}
    </ul>
  );
};
