// Above an incident's steps when a reviewer has a new signing key (their passphrase was reset with the recovery code):
// the other reviewer confirms it with their passphrase, so the record can still be signed off and checked.
import { useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';
import { useIncident } from '../state/incident';

export const KeyChange = ({ detail }: { detail: IncidentDetail }) => {
  const setDetail = useIncident((s) => s.setDetail);
  const { busy, error, setError, run } = useRunner();
  const [passphrase, setPassphrase] = useState('');
  const change = detail.keyChanges[0];
  if (!change) return null;
  const { reviewer, witness } = change;

  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!passphrase) return setError({ code: 'INVALID_INPUT', message: `${witness.name} types their passphrase.` });
    const next = await run(() => call('incident.confirm-key', { ref: detail.ref, passphrase }));
    setPassphrase('');
    if (next) setDetail(next);
  };

  return (
    <section className="notice" aria-labelledby="key-change-title">
      <h2 id="key-change-title">{reviewer.name} has a new signing key</h2>
      <p>
        {reviewer.name}&rsquo;s passphrase was reset with the recovery code, which gives them a new signing key. This
        incident still holds their old one, so {reviewer.name} cannot sign it off until {witness.name}, the other
        reviewer, confirms the new key. Countersign records the change in this incident, signed by {witness.name} and by
        this computer.
      </p>
      <ErrorBox error={error} title="The new key was not recorded" />
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <TextField label={`${witness.name}: passphrase`} type="password" value={passphrase} onChange={setPassphrase} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Recording…' : `Confirm ${reviewer.name}’s new key`}
          </button>
        </div>
      </form>
    </section>
  );
};
