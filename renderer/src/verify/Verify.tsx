// Checking an evidence bundle: every file, hash and signature, and that the journal follows the procedure; the result
// in plain words.
import { useState } from 'react';
import type { VerifyReport } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

const RESULT: Record<VerifyReport['checks'][number]['result'], string> = {
  passed: 'Passed',
  failed: 'FAILED',
  'not checked': 'Not checked',
};

export const Verify = () => {
  const { busy, error, setError, run } = useRunner();
  const canChoose = useApp((s) => s.info?.canChooseFiles ?? false);
  const [path, setPath] = useState('');
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<VerifyReport | null>(null);

  const choose = async () => {
    const r = await call('files.choose-bundle', {});
    if (r.ok && r.value.path) setPath(r.value.path);
  };
  const check = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return setError({ code: 'INVALID_INPUT', message: 'Give the bundle’s file (.zip) or folder.' });
    setReport(null);
    const r = await run(() => call('verify.run', { path: path.trim(), ...(password ? { password } : {}) }));
    if (r) setReport(r);
  };

  return (
    <Screen
      title="Check an evidence bundle"
      next={
        <p>
          Give the bundle (.zip) that Countersign exported, from this computer or another. Countersign checks every
          file, fingerprint and signature, and that the steps of the procedure were followed. Nothing in it is changed.
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
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Check the bundle'}
          </button>
        </div>
      </form>
      {report && (
        <section aria-labelledby="result-h" role="status">
          <div className={report.valid ? 'success' : 'error'}>
            <h2 id="result-h">
              {report.valid
                ? 'VALID: the bundle is intact'
                : report.status === 'unreadable'
                  ? 'NOT CHECKED: the bundle cannot be read'
                  : 'INVALID: problems found'}
            </h2>
            <p>
              {report.valid
                ? `Incident ${report.ref ?? ''}: every file, fingerprint and signature checks out, ` +
                  `and the log is complete and follows the procedure.`
                : `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found. Do not rely on ` +
                  `this bundle; ask for a fresh export from the school.`}
            </p>
          </div>
          {report.checks.length > 0 && (
            <table aria-label="Checks made">
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {report.checks.map((c) => (
                  <tr key={c.id}>
                    <td>{c.title}</td>
                    <td>{RESULT[c.result]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.problems.length > 0 && (
            <>
              <h2>Problems</h2>
              <ul>
                {report.problems.map((p, i) => (
                  <li key={i}>
                    {p.message} <span className="small">({p.where})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.signers.length > 0 && (
            <>
              <h2>Signed by</h2>
              <ul>
                {report.signers.map((s) => (
                  <li key={s.name}>
                    {s.name === 'device' ? 'The investigation computer' : `Reviewer ${s.name}`}: signature{' '}
                    {s.valid ? 'valid' : 'NOT valid'}
                    <br />
                    <span className="mono small">{s.fingerprint}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </Screen>
  );
};
