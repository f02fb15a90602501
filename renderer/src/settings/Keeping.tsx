// Settings, keeping records: how long the school keeps an incident after sign-off, and a backup to a drive.
import { useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import { RETENTION_MAX_MONTHS, RETENTION_SOURCE, retentionWords } from '@shared/procedure/retention';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

type SettingsReply = ReplyOf<'settings.get'>;
type Unit = 'years' | 'months';

const UNITS = [
  { value: 'years', label: 'years' },
  { value: 'months', label: 'months' },
];

const asTyped = (months: number | null): { count: string; unit: Unit } =>
  months === null
    ? { count: '', unit: 'years' }
    : months % 12 === 0
      ? { count: String(months / 12), unit: 'years' }
      : { count: String(months), unit: 'months' };

const Retention = ({ settings, onSaved }: { settings: SettingsReply; onSaved(s: SettingsReply): void }) => {
  const { busy, error, setError, run } = useRunner();
  const start = asTyped(settings.retentionMonths);
  const [count, setCount] = useState(start.count);
  const [unit, setUnit] = useState<Unit>(start.unit);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const n = Number(count.trim());
    const months = count.trim() === '' ? null : unit === 'years' ? n * 12 : n;
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > RETENTION_MAX_MONTHS))
      return setError({ code: 'INVALID_INPUT', message: 'Give a whole number of years or months, at least 1.' });
    const r = await run(() => call('settings.retention', { months }));
    if (r) {
      onSaved({ ...settings, retentionMonths: r.retentionMonths });
      setSaved(
        r.retentionMonths === null
          ? 'No period is set: incidents show no review date.'
          : `Each incident is due for review ${retentionWords(r.retentionMonths)} after it was signed off.`,
      );
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <h2>How long to keep each incident</h2>
      <ErrorBox error={error} title="Not saved" />
      {saved && (
        <div className="success" role="status">
          <h2>Saved</h2>
          <p>{saved}</p>
        </div>
      )}
      <p>{RETENTION_SOURCE}</p>
      <p>
        {settings.retentionMonths === null
          ? 'No period is set yet, so no incident shows a review date.'
          : `Now: ${retentionWords(settings.retentionMonths)} after sign-off.`}{' '}
        When an incident reaches its review date, the register lists it under “Due for review”; nothing is deleted until
        two of you decide to delete it.
      </p>
      <div className="two-col">
        <TextField
          label="Keep each incident after sign-off for"
          hint="Leave empty to set no period"
          value={count}
          onChange={setCount}
        />
        <SelectField label="Years or months" value={unit} onChange={(v) => setUnit(v as Unit)} options={UNITS} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save the period
        </button>
      </div>
    </form>
  );
};

const Backup = () => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const [folder, setFolder] = useState('');
  const [done, setDone] = useState<ReplyOf<'vault.backup'> | null>(null);
  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };
  const backup = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const r = await run(() => call('vault.backup', { folder }));
    if (r) setDone(r);
  };
  return (
    <form onSubmit={(e) => void backup(e)} noValidate>
      <h2>Back up to a drive</h2>
      <ErrorBox error={error} title="The backup was not made" />
      {done && (
        <div className="success" role="status">
          <h2>Backed up</h2>
          <p>
            {done.files} files were copied to <code>{done.path}</code>. Write down the check number below with the date,
            and keep the drive locked away, apart from the recovery code.
          </p>
          <p>
            Check number (SHA-256 of the manifest): <code className="hash">{done.manifestSha256}</code>
          </p>
        </div>
      )}
      <p>
        If this laptop breaks, is lost or is taken by the police, a backup is the only way to keep its incidents. The
        copy stays encrypted: it opens only with a registered passphrase or the recovery code. Putting it on a new
        computer needs two of you.
      </p>
      <TextField label="Back up into this folder" hint="A USB drive, for example" value={folder} onChange={setFolder} />
      {info?.canChooseFiles && (
        <div className="actions">
          <button type="button" onClick={() => void choose()}>
            Choose a folder…
          </button>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || folder.trim() === ''}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
    </form>
  );
};

export const Keeping = ({ settings, onSaved }: { settings: SettingsReply; onSaved(s: SettingsReply): void }) => (
  <>
    <Retention settings={settings} onSaved={onSaved} />
    <Backup />
  </>
);
