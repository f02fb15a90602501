// Saving the stand-alone HTML verifier for the police: one file that checks a bundle in any current browser, offline,
// with nothing installed; its SHA-256 is saved beside it, for them to compare with the one published with the release.
import { useState } from 'react';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { TextField } from '../components/Fields';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';

export const SaveVerifier = () => {
  const info = useApp((s) => s.info);
  const { busy, error, run } = useRunner();
  const [folder, setFolder] = useState(info?.defaultFolder ?? '');
  const [saved, setSaved] = useState<{ path: string; sha256: string } | null>(null);

  const choose = async () => {
    const r = await call('files.choose-folder', {});
    if (r.ok && r.value.folder) setFolder(r.value.folder);
  };
  const save = async () => {
    setSaved(null);
    const r = await run(() => call('verifier.save', { folder }));
    if (r) setSaved(r);
  };

  return (
    <section aria-labelledby="save-verifier-heading">
      <h2 id="save-verifier-heading">The stand-alone verifier, for the police</h2>
      <p>
        Whoever receives a bundle can check it without Countersign: the stand-alone verifier is one web page that opens
        in Edge, Chrome or Firefox, offline, and gives the same result as this screen. Save it to a folder (for example
        on the drive that carries the bundle). They should compare its SHA-256, saved beside it, with the one published
        with this version of Countersign.
      </p>
      <ErrorBox error={error} title="The stand-alone verifier could not be saved" />
      {saved && (
        <div className="success" role="status">
          <h3>Saved</h3>
          <p className="mono">{saved.path}</p>
          <p>
            SHA-256: <span className="mono">{saved.sha256}</span>
          </p>
        </div>
      )}
      <TextField label="Folder to save it in" value={folder} onChange={setFolder} />
      {info?.canChooseFiles && (
        <button type="button" className="link" onClick={() => void choose()}>
          Choose the folder…
        </button>
      )}
      <div className="actions">
        <button type="button" disabled={busy || !folder.trim()} onClick={() => void save()}>
          Save the stand-alone verifier
        </button>
      </div>
    </section>
  );
};
