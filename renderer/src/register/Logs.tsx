// The records the school keeps across incidents, from the Incidents screen: the incident log and the governors'
// anonymised summary, for a period, previewed, printed, or saved as PDF and CSV.
import { useState } from 'react';
import type { LogDocument } from '@shared/ipc/contract';
import { call } from '../api';
import { DateField } from '../components/DateFields';
import { DocumentPreview } from '../components/DocumentPreview';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

const NAMES: Record<LogDocument, string> = {
  'incident-log': 'the incident log',
  'governors-summary': 'the governors’ summary',
};

/** 1 September to 31 August: the school year a date falls in, as the default period. */
const schoolYear = (now: Date): { from: string; to: string } => {
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
};

export const Logs = () => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const [period, setPeriod] = useState(() => schoolYear(new Date()));
  const [folder, setFolder] = useState(info?.defaultFolder ?? '');
  const [preview, setPreview] = useState<{ doc: LogDocument; html: string; unreadable: string[] } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const asked = { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };

  const show = async (doc: LogDocument) => {
    const r = await run(() => call('log.html', { document: doc, ...asked }));
    if (r) setPreview({ doc, ...r });
  };
  const save = async (doc: LogDocument, format: 'pdf' | 'csv') => {
    const r = await run(() => call('log.save', { document: doc, format, folder, ...asked }));
    if (r) setSaved(r.path);
  };
  const print = async (doc: LogDocument) => {
    await run(() => call('log.print', { document: doc, ...asked }));
  };
  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };

  const buttons = (doc: LogDocument) => (
    <div className="actions">
      <button type="button" onClick={() => void show(doc)} disabled={busy}>
        Preview {NAMES[doc]}
      </button>
      {info?.canPrint && (
        <button type="button" onClick={() => void print(doc)} disabled={busy}>
          Print {NAMES[doc]}
        </button>
      )}
      <button type="button" onClick={() => void save(doc, 'pdf')} disabled={busy}>
        Save as PDF
      </button>
      <button type="button" onClick={() => void save(doc, 'csv')} disabled={busy}>
        Save as CSV (spreadsheet)
      </button>
    </div>
  );

  return (
    <section aria-labelledby="logs-h">
      <h2 id="logs-h">The incident log and the governors’ summary</h2>
      <p>
        The incident log lists each incident opened in the period, with what was done, by whom, and who reported it:
        keep it up to date and make it available to the Local Authority and governors as required. The summary for
        governors gives counts only, with no names, references or addresses.
      </p>
      <ErrorBox error={error} title="It could not be made" />
      <div className="two-col narrow">
        <DateField
          label="Incidents opened from"
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
        />
        <DateField label="up to and including" value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
      </div>
      <h3>The incident log</h3>
      {buttons('incident-log')}
      <h3>The summary for governors</h3>
      {buttons('governors-summary')}
      <TextField label="Save files in this folder" value={folder} onChange={setFolder} />
      {info?.canChooseFiles && (
        <button type="button" className="link" onClick={() => void choose()}>
          Choose another folder…
        </button>
      )}
      {saved && (
        <div className="success" role="status">
          <h3>Saved</h3>
          <p className="mono">{saved}</p>
        </div>
      )}
      {preview && (
        <>
          {preview.unreadable.length > 0 && (
            <p className="notice">
              Left out because they cannot be read on this computer: {preview.unreadable.join(', ')}.
            </p>
          )}
          <DocumentPreview
            html={preview.html}
            label={`Preview of ${NAMES[preview.doc]}`}
            onClose={() => setPreview(null)}
          />
        </>
      )}
    </section>
  );
};
