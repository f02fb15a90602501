// Restoring a backup on a replacement computer, from the first screen: the backup folder and two people's passphrases
// (or the recovery code and one); every incident then records the change of computer.
import { useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import type { AppError } from '@shared/result';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Check, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

const Restored = ({ done }: { done: ReplyOf<'vault.restore'> }) => {
  const setStatus = useApp((s) => s.setStatus);
  const [error, setError] = useState<AppError | null>(null);
  const next = async () => {
    const r = await call('app.status', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };
  return (
    <Screen
      title="The backup is restored on this computer"
      next={<p>Unlock Countersign with your passphrase to carry on with the incidents.</p>}
    >
      <ErrorBox error={error} />
      <div className="success" role="status">
        <p>
          {done.incidents} incident{done.incidents === 1 ? '' : 's'} restored, agreed by {done.agreedBy.join(' and ')}
          {done.recoveryCode ? ' with the recovery code' : ''}. Each one records the change of computer.
        </p>
        <p>
          Former computer’s key: <code className="hash">{done.oldFingerprint}</code>
        </p>
        <p>
          This computer’s key: <code className="hash">{done.newFingerprint}</code>
        </p>
      </div>
      <p>Make a new backup from this computer once you have unlocked, and destroy the old backups.</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void next()}>
          Continue to unlock
        </button>
      </div>
    </Screen>
  );
};

export const Restore = ({ onCancel }: { onCancel(): void }) => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const [folder, setFolder] = useState('');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [useCode, setUseCode] = useState(false);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<ReplyOf<'vault.restore'> | null>(null);
  if (done) return <Restored done={done} />;
  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const request = useCode
      ? { folder, passphrases: [first], recoveryCode: code }
      : { folder, passphrases: [first, second] };
    const r = await run(() => call('vault.restore', request));
    if (r) setDone(r);
  };
  const ready = folder.trim() !== '' && first !== '' && (useCode ? code.trim() !== '' : second !== '');
  return (
    <Screen
      title="Restore from a backup"
      next={
        <p>
          For a replacement computer: put the school’s latest Countersign backup on this one. Two registered people each
          type their passphrase (or one person and the recovery code). This computer gets a new key, and every incident
          records the change, signed by its reviewers.
        </p>
      }
    >
      <ErrorBox error={error} title="Nothing was restored" />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="The backup folder"
          hint="The folder named countersign-backup-… on the drive"
          value={folder}
          onChange={setFolder}
        />
        {info?.canChooseFiles && (
          <div className="actions">
            <button type="button" onClick={() => void choose()}>
              Choose the backup folder…
            </button>
          </div>
        )}
        <TextField
          label="First person’s passphrase"
          type="password"
          autoComplete="current-password"
          value={first}
          onChange={setFirst}
        />
        <Check
          label="One of the reviewers has left: use the recovery code instead of a second person"
          checked={useCode}
          onChange={setUseCode}
        />
        {useCode ? (
          <TextField label="Recovery code" value={code} onChange={setCode} />
        ) : (
          <TextField
            label="Second person’s passphrase"
            type="password"
            autoComplete="current-password"
            value={second}
            onChange={setSecond}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !ready}>
            {busy ? 'Restoring…' : 'Restore this backup'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Set up a new vault instead
          </button>
        </div>
      </form>
    </Screen>
  );
};
