// On the Outputs screen: each reviewer's own account of the incident, from the signed record, to preview, print or save
// as a PDF, for them to check, correct in their own words and sign if the police ask for a witness statement.
import { useState } from 'react';
import type { IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { DocumentPreview } from '../components/DocumentPreview';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

export const ReviewerAccounts = ({ detail, folder }: { detail: IncidentDetail; folder: string }) => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const reviewers = detail.record.reviewers;
  const [reviewer, setReviewer] = useState<string>(reviewers[0].id);
  const [preview, setPreview] = useState<{ name: string; html: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const name = reviewers.find((r) => r.id === reviewer)?.name ?? '';

  const show = async () => {
    const r = await run(() => call('statement.html', { ref: detail.ref, reviewer }));
    if (r) setPreview({ name, html: r.html });
  };
  const print = async () => {
    await run(() => call('statement.print', { ref: detail.ref, reviewer }));
  };
  const save = async () => {
    const r = await run(() => call('statement.save', { ref: detail.ref, reviewer, folder }));
    if (r) setSaved(r.path);
  };

  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">Each reviewer’s own account</h2>
      <p>
        If the police ask either of you for a witness statement, print your own account: what the record shows you
        opened, captured (with each fingerprint), noted, decided and signed, and when, including any halt and who was
        told. It holds no images. Check it, correct it in your own words, and sign it.
      </p>
      <ErrorBox error={error} title="The account was not made" />
      {saved && (
        <div className="success" role="status">
          <h3>Account saved</h3>
          <p className="mono">{saved}</p>
        </div>
      )}
      <SelectField
        label="Whose account?"
        value={reviewer}
        onChange={(v) => {
          setReviewer(v);
          setPreview(null);
          setSaved(null);
        }}
        options={reviewers.map((r) => ({ value: r.id, label: `${r.name} (${r.role})` }))}
      />
      <div className="actions">
        <button type="button" onClick={() => void show()} disabled={busy}>
          Preview the account of {name}
        </button>
        {info?.canPrint && (
          <button type="button" onClick={() => void print()} disabled={busy}>
            Print the account
          </button>
        )}
        <button type="button" onClick={() => void save()} disabled={busy}>
          Save the account as PDF
        </button>
      </div>
      {preview && (
        <DocumentPreview
          html={preview.html}
          label={`Preview of the account of ${preview.name}`}
          onClose={() => setPreview(null)}
        />
      )}
    </section>
  );
};
