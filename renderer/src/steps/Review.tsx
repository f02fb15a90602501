// The review: the recorded evidence browser, deliberate captures with a description of concern, notes, the visits, and
// the halt.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { HALT_SHORTCUT } from '@shared/ipc/vocabulary';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea } from '../components/Fields';
import { time } from '../components/format';
import { PolicyQuote, Screen } from '../components/Screen';
import { useDraft } from '../hooks/useDraft';
import { useApp } from '../state/app';
import { useIncident } from '../state/incident';
import { CaptureList } from './Captures';
import { IncidentHeader } from './IncidentHeader';
import { Notes } from './Notes';
import { SafeViewPanel } from './SafeView';
import { usePolicyQuote } from './policy';
import { SiteForm, SiteList } from './Sites';
import { ToldForm, ToldList } from './Told';
import { useStep } from './useStep';

const POLL_MS = 800;

const isHaltKey = (e: KeyboardEvent): boolean =>
  (e.ctrlKey || e.metaKey) &&
  e.shiftKey === HALT_SHORTCUT.shift &&
  !e.altKey &&
  e.key.toUpperCase() === HALT_SHORTCUT.key;

/**
 * Tells the main process where the placeholder is, so the evidence view sits exactly over it (or is hidden). The view
 * is drawn above the page, so it is clipped at the toolbar's lower edge: it must never cover the halt button.
 */
const useViewBounds = (
  el: React.RefObject<HTMLDivElement | null>,
  toolbar: React.RefObject<HTMLDivElement | null>,
  hidden: boolean,
) => {
  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    let last = '';
    const send = () => {
      const r = node.getBoundingClientRect();
      const floor = Math.max(0, Math.round(toolbar.current?.getBoundingClientRect().bottom ?? 0));
      const y = Math.max(floor, Math.round(r.top));
      const bottom = Math.min(Math.round(r.bottom), window.innerHeight);
      const bounds =
        hidden || bottom <= y
          ? null
          : { x: Math.max(0, Math.round(r.left)), y, width: Math.max(0, Math.round(r.width)), height: bottom - y };
      const key = JSON.stringify(bounds);
      if (key === last) return;
      last = key;
      void call('review.view-bounds', { bounds });
    };
    send();
    const observer = new ResizeObserver(send);
    observer.observe(node);
    window.addEventListener('scroll', send, true);
    window.addEventListener('resize', send);
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', send, true);
      window.removeEventListener('resize', send);
      void call('review.view-bounds', { bounds: null });
    };
  }, [el, toolbar, hidden]);
};

export const Review = ({ detail }: { detail: IncidentDetail }) => {
  const recordQuote = usePolicyQuote('record', detail.ref);
  const haltQuote = usePolicyQuote('halt', detail.ref);
  const { who, busy, error, setError, run, setDetail, setView } = useStep(detail);
  const addThumbnail = useIncident((s) => s.addThumbnail);
  const platform = useApp((s) => s.info?.platform);
  const [address, setAddress] = useState(detail.page?.url ?? detail.practiceUrl ?? '');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [halting, setHalting] = useState(false);
  const [message, setMessage] = useState('');
  const concern = useDraft(`${detail.ref}:capture`, { concern: '' });
  const placeholder = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const addressBox = useRef<HTMLInputElement>(null);
  const entries = useRef(detail.record.chainHead.seq);

  useViewBounds(placeholder, toolbar, dialogOpen || halting);

  const apply = useCallback(
    (next: IncidentDetail) => {
      entries.current = next.record.chainHead.seq;
      setDetail(next);
      if (next.page && document.activeElement !== addressBox.current) setAddress(next.page.url);
    },
    [setDetail],
  );

  const halt = useCallback(async () => {
    // Immediate, no question asked: the halt is the safe action. The view is hidden before the main process tears it
    // down.
    setHalting(true);
    void call('review.view-bounds', { bounds: null });
    const r = await call('review.halt', { ref: detail.ref, actor: who, url: address });
    if (r.ok) setDetail(r.value);
    else {
      setHalting(false);
      setError(r.error);
    }
  }, [detail.ref, who, address, setDetail, setError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isHaltKey(e)) return;
      e.preventDefault();
      void halt();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [halt]);

  // Pages move on their own (links clicked in the view, redirects, a halt pressed inside the view): follow the journal.
  useEffect(() => {
    let live = true;
    const t = window.setInterval(() => {
      void call('review.state', { ref: detail.ref }).then(async (r) => {
        if (!live || !r.ok || r.value.entries - 1 === entries.current) return;
        const d = await call('incident.get', { ref: detail.ref });
        if (live && d.ok) apply(d.value);
      });
    }, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [detail.ref, apply]);

  const browse = async (action: 'navigate' | 'back' | 'forward' | 'reload') => {
    if (action === 'navigate' && !address.trim())
      return setError({ code: 'INVALID_INPUT', message: 'Type the web address you were told about.' });
    setMessage(action === 'navigate' ? 'Opening the page…' : '');
    const next = await run(() =>
      call('review.browse', {
        ref: detail.ref,
        actor: who,
        action,
        ...(action === 'navigate' ? { url: address.trim() } : {}),
      }),
    );
    setMessage('');
    if (next) apply(next);
  };

  const capture = async (mode: 'viewport' | 'fullpage') => {
    const text = String(concern.value.concern).trim();
    setMessage('Capturing…');
    const r = await run(() =>
      call('review.capture', { ref: detail.ref, actor: who, mode, ...(text ? { concern: text } : {}) }),
    );
    setMessage('');
    if (!r) return;
    addThumbnail(r.capture.sha256, r.thumbnail);
    apply(r.detail);
    concern.update({ concern: '' });
    await concern.clear();
    setMessage(
      `Capture ${r.capture.n} saved${text ? ' with its description' : '. Describe it in the list on the right'}.`,
    );
  };

  const undescribed = detail.record.captures.filter((c) => !c.purged && !c.concern).length;
  const canJudge = detail.offered.includes('judgement.made');
  const shortcut = platform === 'darwin' ? '⌘ Cmd + Shift + H' : 'Ctrl + Shift + H';
  const visits = detail.record.visits.filter((v) => v.frame !== 'sub');

  return (
    <Screen
      wide
      title="Review the content of concern"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Open the address you were told about. Capture each page that shows the concern and describe it. Everything you
          visit is recorded. When you have seen enough, press <strong>Finished reviewing</strong> below the page.
        </p>
      }
    >
      <ErrorBox error={error} />
      <div className="review-toolbar" ref={toolbar}>
        <form
          className="address"
          aria-label="Evidence browser"
          onSubmit={(e) => {
            e.preventDefault();
            void browse('navigate');
          }}
        >
          <button type="button" onClick={() => void browse('back')} disabled={busy}>
            ← Back
          </button>
          <button type="button" onClick={() => void browse('forward')} disabled={busy}>
            Forward →
          </button>
          <button type="button" onClick={() => void browse('reload')} disabled={busy}>
            Reload
          </button>
          <label htmlFor="address" className="sr-only">
            Web address
          </label>
          <input
            id="address"
            ref={addressBox}
            type="url"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="https://…"
            spellCheck={false}
            autoComplete="off"
          />
          <button type="submit" disabled={busy}>
            Open
          </button>
        </form>
        <button
          type="button"
          className="halt-button"
          onClick={() => void halt()}
          aria-keyshortcuts="Control+Shift+H"
          disabled={halting}
        >
          Halt: suspected child abuse imagery
          <kbd>{shortcut}: the page closes at once</kbd>
        </button>
      </div>
      <div className="review">
        <div>
          <p className="page-title">
            {detail.page
              ? `Showing: ${detail.page.title || 'Untitled page'}`
              : 'No page open yet: type the address above and press Open.'}
          </p>
          {detail.offered.includes('media.revealed') && (
            <p className="small">
              Safe view is on: pictures on the page are blurred and grey, and sound and video held back, until you
              choose to see one in the list <em>Safe view: blurred on this page</em> on the right.
            </p>
          )}
          <div className="evidence-view" ref={placeholder} role="region" aria-label="Page under review">
            <p>
              The page you open appears here.
              <br />
              Every address it visits is recorded with the time.
            </p>
          </div>
          <div className="capture-bar">
            <TextArea
              label="Describe the content causing concern"
              hint="Optional now: you can also describe each capture afterwards."
              value={String(concern.value.concern)}
              onChange={(v) => concern.update({ concern: v })}
              rows={2}
            />
            <button type="button" onClick={() => void capture('viewport')} disabled={busy || !detail.page}>
              Capture visible area
            </button>
            <button type="button" onClick={() => void capture('fullpage')} disabled={busy || !detail.page}>
              Capture full page
            </button>
          </div>
          <p className="status-line" role="status" aria-live="polite">
            {message}
          </p>
          <div className="actions">
            <button type="button" className="primary" disabled={!canJudge || busy} onClick={() => setView('judgement')}>
              Finished reviewing: make the judgement
            </button>
            {!canJudge && undescribed > 0 && (
              <span>
                First describe {undescribed === 1 ? 'the capture' : `all ${undescribed} captures`} that{' '}
                {undescribed === 1 ? 'has' : 'have'} no description yet.
              </span>
            )}
          </div>
        </div>
        <div className="side">
          <section aria-labelledby="captures-h">
            <h2 id="captures-h">Captures ({detail.record.captures.length})</h2>
            <CaptureList detail={detail} canReveal onDialog={setDialogOpen} />
          </section>
          <SafeViewPanel detail={detail} onDialog={setDialogOpen} onRevealed={apply} />
          <section aria-labelledby="sites-h">
            <h2 id="sites-h">Sites and devices without a capture ({detail.record.sites.length})</h2>
            <SiteList detail={detail} />
            <details className="more">
              <summary>Record a site or device of concern</summary>
              <SiteForm detail={detail} />
            </details>
          </section>
          <section aria-labelledby="notes-h">
            <h2 id="notes-h">Notes</h2>
            <Notes detail={detail} />
          </section>
          <section aria-labelledby="told-h">
            <h2 id="told-h">Who has been told</h2>
            <ToldList detail={detail} />
            <details className="more">
              <summary>Record someone you told</summary>
              <ToldForm detail={detail} />
            </details>
          </section>
          <section aria-labelledby="visits-h">
            <h2 id="visits-h">Pages visited ({visits.length})</h2>
            {visits.length === 0 ? (
              <p className="small">None yet. Each page is listed here as it loads.</p>
            ) : (
              <ol className="visits">
                {visits.map((v) => (
                  <li key={v.seq}>
                    {time(v.at)}{' '}
                    {v.type === 'redirected'
                      ? 'redirected to'
                      : v.type === 'in-page'
                        ? 'moved within ' + 'the page to'
                        : ''}{' '}
                    {v.url}
                  </li>
                ))}
              </ol>
            )}
            {detail.record.blocked.length > 0 && (
              <p className="small">
                Blocked by Countersign and recorded: {detail.record.blocked.length} (pop-ups, downloads or permission
                requests).
              </p>
            )}
          </section>
          <section aria-labelledby="policy-h">
            <h2 id="policy-h">What your policy says</h2>
            {recordQuote && <PolicyQuote quote={recordQuote} />}
            {haltQuote && <PolicyQuote quote={{ ...haltQuote, notice: null }} />}
          </section>
        </div>
      </div>
    </Screen>
  );
};
