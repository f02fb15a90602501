// Safe view in the review: the pictures, sound and video the page shows blurred or holds back, and the one-at-a-time,
// confirmed, recorded choice to see one of them.
import { useEffect, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { useStep } from './useStep';

const LOOK_MS = 1500;

type Hidden = { url: string; kind: 'image' | 'video' };
type View = { on: boolean; hidden: Hidden[]; revealed: string[] } | null;

const noun = (kind: Hidden['kind']) => (kind === 'image' ? 'picture' : 'sound or video');

/** The address's last part, for the list; the whole address is in the dialog and the record. */
const shortName = (url: string): string => {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).at(-1) ?? u.host);
  } catch {
    return url;
  }
};

interface Props {
  detail: IncidentDetail;
  /** The evidence view is hidden while the question is asked, so nothing covers the dialog. */
  onDialog(open: boolean): void;
  /** The incident as it is after the reveal was recorded. */
  onRevealed(next: IncidentDetail): void;
}

export const SafeViewPanel = ({ detail, onDialog, onRevealed }: Props) => {
  const { who, busy, error, run } = useStep(detail);
  const [view, setView] = useState<View>(null);
  const [asking, setAsking] = useState<Hidden | null>(null);
  const seq = detail.record.chainHead.seq;

  // The page's pictures arrive as it loads, recorded or not: look again now and then, and whenever the record moves.
  useEffect(() => {
    let live = true;
    const look = () =>
      void call('review.safe-view', { ref: detail.ref }).then((r) => {
        if (live && r.ok) setView(r.value.view);
      });
    look();
    const t = window.setInterval(look, LOOK_MS);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [detail.ref, seq]);

  const ask = (item: Hidden | null) => {
    setAsking(item);
    onDialog(item !== null);
  };
  const show = async (item: Hidden) => {
    const next = await run(() => call('review.show-media', { ref: detail.ref, actor: who, url: item.url }));
    ask(null);
    if (next) onRevealed(next);
  };

  if (!detail.offered.includes('media.revealed')) return null;
  const hidden = view?.hidden ?? [];
  return (
    <section aria-labelledby="safe-view-h">
      <h2 id="safe-view-h">Safe view: blurred on this page ({hidden.length})</h2>
      <p className="small">Each one you choose to see is recorded with your name and the time.</p>
      <ErrorBox error={error} title="It could not be shown" />
      {hidden.length > 0 && (
        <ul className="safe-view-list">
          {hidden.map((item) => (
            <li key={item.url}>
              <span className="mono small">{shortName(item.url)}</span>{' '}
              <button type="button" onClick={() => ask(item)} disabled={busy}>
                Show this {noun(item.kind)}…
              </button>
            </li>
          ))}
        </ul>
      )}
      {(view?.revealed.length ?? 0) > 0 && <p className="small">Shown unblurred so far: {view?.revealed.length}.</p>}
      {asking && (
        <Dialog
          title={asking.kind === 'image' ? 'Show this image unblurred?' : 'Play this sound or video?'}
          onClose={() => ask(null)}
        >
          <p className="mono small">{asking.url}</p>
          <p>
            It may be upsetting. Show it only if you need to see it to judge the concern, and make sure nobody else can
            see the screen. The page reloads with this one shown as it is; your choice is recorded.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void show(asking)} disabled={busy}>
              Yes, show it
            </button>
            <button type="button" onClick={() => ask(null)}>
              No, keep it blurred
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
};
