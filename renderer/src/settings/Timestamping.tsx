// Settings, trusted time: an RFC 3161 time-stamping authority's address (off by default), and a test of whether it
// answers, in plain words.
import { useEffect, useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';

type Tested = ReplyOf<'timestamping.test'>;

const when = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/London' });

export const Timestamping = () => {
  const { busy, error, run } = useRunner();
  const [url, setUrl] = useState('');
  const [inForce, setInForce] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [tested, setTested] = useState<Tested | null>(null);
  useEffect(() => {
    void run(() => call('timestamping.get', {})).then((r) => {
      if (!r) return;
      setInForce(r.url);
      setUrl(r.url ?? '');
    });
  }, [run]);
  const save = async (next: string | null) => {
    setSaved(null);
    setTested(null);
    const r = await run(() => call('timestamping.save', { url: next }));
    if (!r) return;
    setInForce(r.url);
    setUrl(r.url ?? '');
    setSaved(
      r.url === null
        ? 'Time-stamping is off: times come from this computer’s clock only.'
        : 'Time-stamping is on. Each head the computer signs from now on, and each bundle, is sent to this authority.',
    );
  };
  const test = async () => {
    setTested(null);
    const r = await run(() => call('timestamping.test', { url: url.trim() }));
    if (r) setTested(r);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(url.trim() === '' ? null : url.trim());
      }}
      noValidate
    >
      <h2>Trusted time (RFC 3161)</h2>
      <ErrorBox error={error} title="Not saved" />
      {saved && (
        <div className="success" role="status">
          <h2>Saved</h2>
          <p>{saved}</p>
        </div>
      )}
      <p>
        Every time in the record comes from this computer’s clock, which the school controls. A time-stamping authority
        outside the school can sign the time at which each part of the record existed, so that a court need not rely on
        this clock. It receives only a hash of the record, never its content. It needs an internet connection.
      </p>
      <p>
        {inForce === null ? 'Now: off (the default).' : `Now: on, with ${inForce}.`} When the authority cannot be
        reached, Countersign records that in the journal and carries on: nothing waits for it.
      </p>
      <TextField
        label="Address of the time-stamping authority"
        hint="For example https://freetsa.org/tsr. Leave empty to turn time-stamping off."
        value={url}
        onChange={setUrl}
      />
      {tested && (
        <div className={tested.answered ? 'success' : 'warning'} role="status">
          <h2>{tested.answered ? 'It answered' : 'It did not answer'}</h2>
          <p>{tested.message}</p>
          {tested.authorityTime && <p>The authority’s time: {when(tested.authorityTime)}.</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" disabled={busy || url.trim() === ''} onClick={() => void test()}>
          {busy ? 'Asking…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
};
