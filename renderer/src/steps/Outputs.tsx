// After sign-off: print or save the form and the screenshots, export the signed evidence bundle with its progress, and
// add signed addenda.
import { useEffect, useRef, useState } from 'react';
import type { ExportStatus, IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { DocumentPreview } from '../components/DocumentPreview';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextField } from '../components/Fields';
import { when } from '../components/format';
import { Screen } from '../components/Screen';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';
import type { StepView } from '../state/incident';
import { FollowUps } from './FollowUps';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { ReviewerAccounts } from './ReviewerAccounts';
import { useStep } from './useStep';

const TABS: readonly { view: StepView; label: string }[] = [
  { view: 'main', label: 'Form and screenshots' },
  { view: 'export', label: 'Evidence bundle' },
  { view: 'addenda', label: 'What happened next' },
];

const Tabs = ({ current, onChange }: { current: StepView; onChange(v: StepView): void }) => (
  <nav aria-label="After sign-off" className="tabs">
    {TABS.map((t) => (
      <button
        key={t.view}
        type="button"
        aria-current={current === t.view ? 'page' : undefined}
        onClick={() => onChange(t.view)}
      >
        {t.label}
      </button>
    ))}
  </nav>
);

const useFolder = () => {
  const info = useApp((s) => s.info);
  const [folder, setFolder] = useState(info?.defaultFolder ?? '');
  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };
  return { folder, setFolder, choose, canChoose: info?.canChooseFiles ?? false };
};

const Documents = ({ detail }: { detail: IncidentDetail }) => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const { folder, setFolder, choose, canChoose } = useFolder();
  const [preview, setPreview] = useState<{ doc: 'form' | 'screenshots'; html: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const kept = detail.record.captures.filter((c) => !c.purged).length;

  const show = async (doc: 'form' | 'screenshots') => {
    const r = await run(() => call('outputs.html', { ref: detail.ref, document: doc }));
    if (r) setPreview({ doc, html: r.html });
  };
  const print = async (doc: 'form' | 'screenshots') => {
    await run(() => call('outputs.print', { ref: detail.ref, document: doc }));
  };
  const save = async (doc: 'form' | 'screenshots') => {
    const r = await run(() => call('outputs.save', { ref: detail.ref, document: doc, folder }));
    if (r) setSaved(r.path);
  };

  return (
    <>
      <ErrorBox error={error} />
      {saved && (
        <div className="success" role="status">
          <h2>Saved</h2>
          <p className="mono">{saved}</p>
        </div>
      )}
      <h2>The incident form</h2>
      <p>
        Print it, and both sign it in ink. It carries the record digest and your key fingerprints, so paper and bundle
        vouch for each other.
      </p>
      <div className="actions">
        {info?.canPrint ? (
          <button type="button" className="primary" onClick={() => void print('form')} disabled={busy}>
            Print the incident form
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void save('form')} disabled={busy}>
            Save the incident form as PDF
          </button>
        )}
        <button type="button" onClick={() => void show('form')} disabled={busy}>
          Preview the form
        </button>
        {info?.canPrint && (
          <button type="button" onClick={() => void save('form')} disabled={busy}>
            Save the form as PDF
          </button>
        )}
      </div>
      <h2>The screenshots</h2>
      <p>
        {kept > 0
          ? `${kept} capture${kept === 1 ? '' : 's'}, one per page, each with its address, ` +
            `time, fingerprint and two signature lines.`
          : 'No screenshots are kept for this incident; the printout says so.'}
      </p>
      <div className="actions">
        {info?.canPrint && (
          <button type="button" onClick={() => void print('screenshots')} disabled={busy}>
            Print the screenshots
          </button>
        )}
        <button type="button" onClick={() => void show('screenshots')} disabled={busy}>
          Preview the screenshots
        </button>
        <button type="button" onClick={() => void save('screenshots')} disabled={busy}>
          Save the screenshots as PDF
        </button>
      </div>
      <TextField label="Save PDFs in this folder" value={folder} onChange={setFolder} />
      {canChoose && (
        <button type="button" className="link" onClick={() => void choose()}>
          Choose another folder…
        </button>
      )}
      {preview && (
        <DocumentPreview
          html={preview.html}
          label={preview.doc === 'form' ? 'Preview of the incident form' : 'Preview of the screenshots'}
          onClose={() => setPreview(null)}
        />
      )}
      <ReviewerAccounts detail={detail} folder={folder} />
    </>
  );
};

const Bundle = ({ detail }: { detail: IncidentDetail }) => {
  const go = useApp((s) => s.go);
  const { busy, error, setError, run } = useRunner();
  const { folder, setFolder, choose, canChoose } = useFolder();
  const [recipient, setRecipient] = useState('Police');
  const [passphrase, setPassphrase] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [suggested, setSuggested] = useState<string | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    if (!job) return undefined;
    timer.current = window.setInterval(() => {
      void call('export.status', { job }).then((r) => {
        if (!r.ok) return;
        setStatus(r.value);
        if (r.value.state === 'done' || r.value.state === 'failed' || r.value.state === 'cancelled') {
          if (timer.current !== null) window.clearInterval(timer.current);
          if (r.value.state !== 'done' && r.value.error) setError(r.value.error);
        }
      });
    }, 200);
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    };
  }, [job, setError]);

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    if (password !== again)
      return setError({ code: 'INVALID_INPUT', message: 'The two bundle passwords are not the same.' });
    setStatus(null);
    const r = await run(() =>
      call('export.start', { ref: detail.ref, recipient, folder, passphrase, ...(password ? { password } : {}) }),
    );
    setPassphrase('');
    if (r) {
      setStatus({ state: 'preparing', done: 0, total: 0, path: null, sha256: null, bytes: null, error: null });
      setJob(r.job);
    }
  };

  const suggest = async () => {
    const r = await run(() => call('export.suggest-password', {}));
    if (!r) return;
    setPassword(r.password);
    setAgain(r.password);
    setSuggested(r.password);
  };

  const running = status?.state === 'preparing' || status?.state === 'writing';
  const pct = status && status.total > 0 ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <>
      <ErrorBox error={error} title="The bundle was not exported" />
      <p>
        The bundle holds the record, the full log, the screenshots, the printed form and a guide to checking it. The
        computer and one of you sign it, so anyone can tell if it is changed.
      </p>
      {detail.exports.length > 0 && (
        <>
          <h2>Exported so far</h2>
          <ul>
            {detail.exports.map((x) => (
              <li key={x.sha256}>
                {when(x.at)}: {x.file} for {x.recipient}
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={(e) => void start(e)} noValidate>
        <SelectField
          label="Who is it for?"
          value={recipient}
          onChange={setRecipient}
          options={['Police', 'LADO', 'Local Authority', 'School records'].map((x) => ({ value: x, label: x }))}
        />
        <TextField
          label="Save the bundle in this folder"
          hint="For example a USB drive for the police."
          value={folder}
          onChange={setFolder}
        />
        {canChoose && (
          <button type="button" className="link" onClick={() => void choose()}>
            Choose another folder…
          </button>
        )}
        <TextField
          label="Password to lock the bundle (optional, recommended)"
          hint={
            'At least 12 characters and hard to guess, like a passphrase; or use a suggested one. Give it to the ' +
            'recipient separately, by phone, never with the drive. 7-Zip opens it.'
          }
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <button type="button" onClick={() => void suggest()} disabled={busy || running}>
          Suggest a strong password
        </button>
        {suggested && suggested === password && (
          <div className="notice" role="status">
            <p>
              Suggested password (six random words): <strong className="mono">{suggested}</strong>
            </p>
            <p>
              Write it down now or read it to the recipient by phone. Countersign does not keep it: without it, nobody
              can open the bundle.
            </p>
          </div>
        )}
        {password && (
          <TextField
            label="Password again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={setAgain}
          />
        )}
        <TextField
          label="Your passphrase (one of the two reviewers signs the bundle)"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || running}>
            Export the evidence bundle
          </button>
          {running && job && (
            <button type="button" onClick={() => void call('export.cancel', { job })}>
              Cancel the export
            </button>
          )}
        </div>
      </form>
      {status && (
        <div role="status" aria-live="polite">
          {running && (
            <>
              <p>
                {status.state === 'preparing'
                  ? 'Preparing the record and printing the PDFs…'
                  : `Writing the bundle: ${pct}%`}
              </p>
              <progress
                className="progressbar"
                max={100}
                value={status.state === 'preparing' ? undefined : pct}
                aria-label="Export progress"
              />
            </>
          )}
          {status.state === 'done' && status.path && (
            <div className="success">
              <h2>Bundle exported</h2>
              <p className="mono">{status.path}</p>
              <p>
                Fingerprint (SHA-256): <span className="mono">{status.sha256}</span>
              </p>
              <button type="button" onClick={() => go({ name: 'verify' })}>
                Check a bundle
              </button>
            </div>
          )}
          {status.state === 'cancelled' && <p>The export was cancelled; no bundle was written.</p>}
        </div>
      )}
    </>
  );
};

export const Outputs = ({ detail }: { detail: IncidentDetail }) => {
  const followUp = usePolicyQuote('followUp', detail.ref);
  const retain = usePolicyQuote('retain', detail.ref);
  const { setView } = useStep(detail);
  const [tab, setTab] = useState<StepView>('main');
  const change = (v: StepView) => {
    setTab(v);
    setView(v);
  };
  const title =
    tab === 'main'
      ? 'Signed off: print and keep the form'
      : tab === 'export'
        ? 'Export the evidence bundle'
        : 'Add what happened next';
  const next =
    tab === 'main'
      ? 'Print the incident form and the screenshots, both sign them ' +
        'in ink, and keep them with the school’s safeguarding records.'
      : tab === 'export'
        ? 'If the police or the Local Authority need the evidence, export the signed bundle to a drive for them.'
        : 'Record the debrief, the police response, and what changed and is watched, each signed by one of you.';
  return (
    <Screen
      title={title}
      before={<IncidentHeader detail={detail} />}
      next={<p>{next}</p>}
      quote={tab === 'addenda' ? followUp : retain}
    >
      <Tabs current={tab} onChange={change} />
      {tab === 'main' && <Documents detail={detail} />}
      {tab === 'export' && <Bundle detail={detail} />}
      {tab === 'addenda' && <FollowUps detail={detail} />}
    </Screen>
  );
};
