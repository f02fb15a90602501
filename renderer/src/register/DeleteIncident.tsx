// Deleting one incident for good: a reason, two registered people's passphrases, and a folder for the destruction
// certificate. The vault removes every byte; the register's row goes here as well.
import { useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { removeRow } from '../db/register-index';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

export const DeleteIncident = ({ incidentRef }: { incidentRef: string }) => {
  const info = useApp((s) => s.info);
  const go = useApp((s) => s.go);
  const { busy, error, run } = useRunner();
  const [reason, setReason] = useState('');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [folder, setFolder] = useState(info?.defaultFolder ?? '');
  const [done, setDone] = useState<ReplyOf<'incident.delete'> | null>(null);
  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };
  const remove = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      call('incident.delete', { ref: incidentRef, reason, passphrases: [first, second], folder }),
    );
    setFirst('');
    setSecond('');
    if (r) {
      await removeRow(incidentRef);
      setDone(r);
    }
  };
  if (done)
    return (
      <Screen title={`Incident ${done.ref} has been deleted`} next={<p>Print the certificate and file it.</p>}>
        <div className="success" role="status">
          <h2>Deleted</h2>
          <p>
            Every file of the incident has been removed from this computer. The destruction certificate is{' '}
            <code>{done.certificate}</code>. Print it, and keep it with the school’s record of disposals.
          </p>
          <p>
            Destroy any printouts, exported bundles and backups of it separately: the certificate does not cover them.
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
            Back to the incidents
          </button>
        </div>
      </Screen>
    );
  return (
    <Screen
      title={`Delete incident ${incidentRef}`}
      next={
        <p>
          Two registered members of staff decide this together, each with their own passphrase. Give the reason, for
          example that the school’s retention period is over.
        </p>
      }
    >
      <div className="notice review-due" role="note">
        <strong>This cannot be undone.</strong> The record, its screenshots and anything typed for it are removed from
        this computer for good. Only a signed note that it existed and was deleted, and why, is kept. Do not delete an
        incident the police, the Local Authority or a court may still need.
      </div>
      <form onSubmit={(e) => void remove(e)} noValidate>
        <ErrorBox error={error} title="Nothing was deleted" />
        <TextArea label="Why is it being deleted?" value={reason} onChange={setReason} rows={3} />
        <fieldset>
          <legend>Agreed by two registered members of staff</legend>
          <div className="two-col">
            <TextField label="First person’s passphrase" type="password" value={first} onChange={setFirst} />
            <TextField label="Second person’s passphrase" type="password" value={second} onChange={setSecond} />
          </div>
        </fieldset>
        <TextField label="Save the destruction certificate in this folder" value={folder} onChange={setFolder} />
        {info?.canChooseFiles && (
          <div className="actions">
            <button type="button" onClick={() => void choose()}>
              Choose another folder…
            </button>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
            {busy ? 'Deleting…' : 'Delete this incident for good'}
          </button>
          <button type="button" onClick={() => go({ name: 'incident', ref: incidentRef })}>
            Keep it
          </button>
        </div>
      </form>
    </Screen>
  );
};
