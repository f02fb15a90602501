// Checking an evidence bundle: the bundle, its password, and the values printed on the signed paper form; the result
// in plain words, the same as the command line's.
import { useState } from 'react';
import type { VerifyReport } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';
import { SaveVerifier } from './SaveVerifier';
import { VerifyResult } from './VerifyResult';

type PinField = 'device' | 'digest' | 'first' | 'second';
const PIN_LABELS: Record<PinField, string> = {
  device: 'Computer’s key fingerprint',
  digest: 'Record digest',
  first: 'Key fingerprint of the first reviewer to sign off',
  second: 'Key fingerprint of the second reviewer to sign off',
};

/** As typed from paper: spaces and colons dropped; 16 to 64 hexadecimal digits. */
const pinOk = (typed: string): boolean => /^[0-9a-f]{16,64}$/i.test(typed.replace(/[\s:]/g, ''));

export const Verify = () => {
  const { busy, error, setError, run } = useRunner();
  const canChoose = useApp((s) => s.info?.canChooseFiles ?? false);
  const [path, setPath] = useState('');
  const [password, setPassword] = useState('');
  const [pins, setPins] = useState<Record<PinField, string>>({ device: '', digest: '', first: '', second: '' });
  const [tried, setTried] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);

  const pinError = (f: PinField): string | null =>
    tried && pins[f].trim() && !pinOk(pins[f])
      ? 'Type at least the first 16 characters as printed (0 to 9 and a to f).'
      : null;

  const choose = async () => {
    const r = await call('files.choose-bundle', {});
    if (r.ok && r.value.path) setPath(r.value.path);
  };
  const check = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!path.trim()) return setError({ code: 'INVALID_INPUT', message: 'Give the bundle’s file (.zip) or folder.' });
    const typed = (f: PinField) => pins[f].trim();
    if ((Object.keys(pins) as PinField[]).some((f) => typed(f) && !pinOk(typed(f))))
      return setError({ code: 'INVALID_INPUT', message: 'A value from the form is not complete: see the marked box.' });
    const reviewers = [typed('first'), typed('second')].filter(Boolean);
    const request = {
      path: path.trim(),
      ...(password ? { password } : {}),
      pins: {
        ...(typed('device') ? { device: typed('device') } : {}),
        ...(typed('digest') ? { digest: typed('digest') } : {}),
        ...(reviewers.length > 0 ? { reviewers } : {}),
      },
    };
    setReport(null);
    const r = await run(() => call('verify.run', request));
    if (r) setReport(r);
  };

  return (
    <Screen
      title="Check an evidence bundle"
      next={
        <p>
          Give the bundle (.zip) that Countersign exported, from this computer or another. Then type what is printed on
          the signed paper form: only the paper ties a bundle to the school, because anyone who could unlock the vault
          could build a new bundle that checks out on its own. Nothing in the bundle is changed.
        </p>
      }
    >
      <ErrorBox error={error} title="The bundle could not be checked" />
      <form onSubmit={(e) => void check(e)} noValidate>
        <TextField
          label="Bundle file or folder"
          hint="For example E:\CS-20261124-7052C8-evidence.zip"
          value={path}
          onChange={setPath}
        />
        {canChoose && (
          <button type="button" className="link" onClick={() => void choose()}>
            Choose the file…
          </button>
        )}
        <TextField label="Bundle password (if it is locked)" type="password" value={password} onChange={setPassword} />
        <fieldset>
          <legend>What is printed on the form</legend>
          <p className="hint">
            Type what is printed on the signed incident form, under “Record digest and signatures”. The first 16
            characters of each are enough. Leave a box empty to compare it by eye with the result instead.
          </p>
          {(Object.keys(PIN_LABELS) as PinField[]).map((f) => (
            <TextField
              key={f}
              label={PIN_LABELS[f]}
              className="mono"
              value={pins[f]}
              error={pinError(f)}
              onChange={(v) => setPins((p) => ({ ...p, [f]: v }))}
            />
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Check the bundle'}
          </button>
        </div>
      </form>
      {busy && (
        <p role="status">
          Checking every file of the bundle. A large bundle takes a little while; you can keep using Countersign.
        </p>
      )}
      {report && <VerifyResult report={report} />}
      <SaveVerifier />
    </Screen>
  );
};
