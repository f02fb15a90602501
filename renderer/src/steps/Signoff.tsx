// Sign-off by both reviewers: each types their passphrase again and their own key signs the record digest; then it is
// sealed.
import { useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { DocumentPreview } from '../components/DocumentPreview';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { IncidentHeader } from './IncidentHeader';
import { usePolicyQuote } from './policy';
import { Summary } from './Summary';
import { useStep } from './useStep';

export const Signoff = ({ detail }: { detail: IncidentDetail }) => {
  const quote = usePolicyQuote('retain', detail.ref);
  const { busy, error, setError, run, setDetail } = useStep(detail);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [form, setForm] = useState<string | null>(null);
  const [a, b] = detail.record.reviewers;

  const showForm = async () => {
    const r = await run(() => call('outputs.html', { ref: detail.ref, document: 'form' }));
    if (r) setForm(r.html);
  };

  const sign = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!first || !second)
      return setError({ code: 'INVALID_INPUT', message: 'Both reviewers type their own passphrase.' });
    const next = await run(() => call('incident.signoff', { ref: detail.ref, passphrases: [first, second] }));
    setFirst('');
    setSecond('');
    if (next) setDetail(next);
  };

  return (
    <Screen
      title="Sign off the record"
      before={<IncidentHeader detail={detail} />}
      next={
        <p>
          Read the record together. Then each of you types your own passphrase: your personal key signs it. After
          sign-off nothing can be changed; anything learned later (such as the police response) is added as a signed
          addendum.
        </p>
      }
      quote={quote}
    >
      <ErrorBox error={error} title="The record was not signed" />
      <h2>The record</h2>
      <Summary detail={detail} />
      <p>
        Record digest (what you sign): <span className="mono">{detail.record.recordDigest}</span>
      </p>
      {form ? (
        <DocumentPreview html={form} label="The incident form as it will print" />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void showForm()} disabled={busy}>
            Show the whole form as it will print
          </button>
        </div>
      )}
      <form onSubmit={(e) => void sign(e)} noValidate>
        <h2>Both signatures</h2>
        <div className="two-col">
          <TextField label={`${a.name} (${a.role}): passphrase`} type="password" value={first} onChange={setFirst} />
          <TextField label={`${b.name} (${b.role}): passphrase`} type="password" value={second} onChange={setSecond} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing…' : 'Sign off the record'}
          </button>
        </div>
      </form>
    </Screen>
  );
};
