// Sites and devices of concern recorded without a capture: the address as text (never opened) or the device
// described, with the nature of the content causing concern.
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { Choice, TextArea, TextField } from '../components/Fields';
import { time } from '../components/format';
import { useDraft } from '../hooks/useDraft';
import { useStep } from './useStep';

export const SiteList = ({ detail }: { detail: IncidentDetail }) => {
  const { sites } = detail.record;
  if (sites.length === 0) return null;
  return (
    <ul className="small sites-list" aria-label="Sites and devices recorded without a capture">
      {sites.map((s) => (
        <li key={s.seq}>
          <strong>{s.url !== null ? 'Site' : 'Device'}:</strong> <span className="mono">{s.url ?? s.device}</span>
          <br />
          {s.concern}{' '}
          <span className="muted">
            ({time(s.at)}, {s.by.name})
          </span>
        </li>
      ))}
    </ul>
  );
};

const BLANK = { what: 'site', url: '', device: '', concern: '' };

export const SiteForm = ({ detail }: { detail: IncidentDetail }) => {
  const { act, busy, error, setError } = useStep(detail);
  const draft = useDraft(`${detail.ref}:site`, BLANK);
  const v = draft.value;
  const site = v.what !== 'device';

  const record = async (e: React.FormEvent) => {
    e.preventDefault();
    const where = String(site ? v.url : v.device).trim();
    const concern = String(v.concern).trim();
    if (!where)
      return setError({
        code: 'INVALID_INPUT',
        message: site ? 'Type the address of the site.' : 'Describe the device (what it is, its asset tag).',
      });
    if (!concern)
      return setError({ code: 'INVALID_INPUT', message: 'Describe the nature of the content causing concern.' });
    const done = await act({
      kind: 'site.recorded',
      data: site ? { url: where, concern } : { device: where, concern },
    });
    if (done) {
      draft.update(BLANK);
      await draft.clear();
    }
  };

  return (
    <form onSubmit={(e) => void record(e)} noValidate aria-label="Record a site or device of concern">
      <ErrorBox error={error} title="It was not recorded" />
      <Choice
        legend="Is it a web site or a device?"
        name="site-or-device"
        inline
        value={site ? 'site' : 'device'}
        onChange={(what) => draft.update({ what })}
        options={[
          { value: 'site', label: 'A web site' },
          { value: 'device', label: 'A device' },
        ]}
      />
      {site ? (
        <TextField
          label="The site’s address"
          hint="Recorded as text: it is not opened."
          value={String(v.url)}
          onChange={(url) => draft.update({ url })}
        />
      ) : (
        <TextField
          label="The device"
          hint="What it is and how to tell it apart, e.g. “Pupil’s school tablet, asset tag 4471”."
          value={String(v.device)}
          onChange={(device) => draft.update({ device })}
        />
      )}
      <TextArea
        label="The nature of the content causing concern"
        value={String(v.concern)}
        onChange={(concern) => draft.update({ concern })}
        rows={2}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Record the {site ? 'site' : 'device'}
        </button>
      </div>
    </form>
  );
};
