// First-run set-up: the school, this computer, the policy in force, and at least two senior staff with their own
// passphrases.
import { useEffect, useRef, useState } from 'react';
import type { AppStatus, ReplyOf } from '@shared/ipc/contract';
import { profileById } from '@shared/policy/profile-registry';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import type { AppError } from '@shared/result';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useFirstProblemFocus } from '../hooks/useFirstProblemFocus';
import { Check, SelectField, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useApp } from '../state/app';
import { quoteFor } from '../steps/policy';
import { Restore } from './Restore';

interface Person {
  name: string;
  role: string;
  passphrase: string;
  again: string;
}

const blank = (): Person => ({ name: '', role: '', passphrase: '', again: '' });

type Profiles = ReplyOf<'policy.profiles'>['profiles'];

const RecoveryCode = ({ code, status }: { code: string; status: AppStatus }) => {
  const setStatus = useApp((s) => s.setStatus);
  const [kept, setKept] = useState(false);
  return (
    <Screen
      title="Keep the recovery code safe"
      next={
        <p>
          Print this page or write the code down, and put it in the school safe. If everyone forgets their passphrase,
          this code is the only way back into the evidence. It is shown once and never stored on this computer.
        </p>
      }
    >
      <p className="recovery-code" aria-label="Recovery code">
        {code}
      </p>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>
          Print this page
        </button>
      </div>
      <Check
        label="I have printed or written down the recovery code, and it will be kept in the school safe."
        checked={kept}
        onChange={setKept}
      />
      <div className="actions">
        <button type="button" className="primary" disabled={!kept} onClick={() => setStatus(status)}>
          Continue to Countersign
        </button>
      </div>
    </Screen>
  );
};

const NEEDS_ATTENTION: AppError = {
  code: 'INVALID_INPUT',
  message: 'Some answers need attention: they are marked below.',
};

export const Setup = () => {
  const [organisation, setOrganisation] = useState('');
  const [computerName, setComputerName] = useState('');
  const [location, setLocation] = useState('');
  const [profiles, setProfiles] = useState<Profiles>([]);
  const [profileId, setProfileId] = useState('');
  const [people, setPeople] = useState<Person[]>([blank(), blank()]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  /** Why Countersign refused what was sent: shown by the button just pressed, where the person is looking. */
  const [refused, setRefused] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ code: string; status: AppStatus } | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    void call('policy.profiles', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setProfiles(r.value.profiles);
      setProfileId((id) => id || (r.value.profiles[0]?.id ?? ''));
    });
  }, []);

  const form = useFirstProblemFocus(problems);
  const sending = useRef<HTMLDivElement>(null);
  const refusal = useRef<HTMLDivElement>(null);
  // The refusal is shown above the button just pressed and takes the focus (the button is disabled while sending, so
  // the focus would fall to the page); both are brought into view, or the refusal's foot would be off screen.
  useEffect(() => {
    if (!refused) return;
    refusal.current?.focus({ preventScroll: true });
    sending.current?.scrollIntoView({ block: 'nearest' });
  }, [refused]);

  if (done) return <RecoveryCode code={done.code} status={done.status} />;
  if (restoring) return <Restore onCancel={() => setRestoring(false)} />;

  const edit = (i: number, patch: Partial<Person>) =>
    setPeople((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!organisation.trim()) out.organisation = 'Enter the name of the school.';
    if (!computerName.trim()) out.computerName = 'Enter the name of this computer.';
    if (!location.trim()) out.location = 'Enter where this computer is kept.';
    people.forEach((p, i) => {
      if (!p.name.trim()) out[`name${i}`] = 'Enter this person’s name.';
      if (!p.role.trim()) out[`role${i}`] = 'Enter their role or position.';
      if (p.passphrase.length < 12)
        out[`pass${i}`] = 'A passphrase has at least 12 characters. A short sentence works well.';
      else if (p.passphrase !== p.again) out[`again${i}`] = 'The two passphrases are not the same. Type it again.';
    });
    return out;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found = check();
    setProblems(found);
    // A refusal from an earlier send is out of date either way (and a new one is announced afresh).
    setRefused(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const r = await call('setup.create', {
      organisation,
      computer: { name: computerName, location },
      profileId,
      staff: people.map((p) => ({ name: p.name, role: p.role, passphrase: p.passphrase })),
    });
    setBusy(false);
    if (!r.ok) return setRefused(r.error);
    setDone({ code: r.value.recoveryCode, status: r.value.status });
  };

  return (
    <Screen
      title="Set up Countersign on this computer"
      next={
        <p>
          Fill this in once, with at least two senior members of staff present (usually the headteacher and the
          designated safeguarding lead). Each person chooses their own passphrase: every investigation needs two of you.
        </p>
      }
      quote={quoteFor(profileById(profileId) ?? SWGFL_TEMPLATE, 'sameComputer')}
    >
      <p>
        Replacing a computer that had Countersign?{' '}
        <button type="button" className="link" onClick={() => setRestoring(true)}>
          Restore from a backup
        </button>
      </p>
      <ErrorBox error={error} />
      <ErrorBox error={Object.keys(problems).length > 0 ? NEEDS_ATTENTION : null} />
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
        <h2>The school and this computer</h2>
        <TextField
          label="Name of the school"
          value={organisation}
          onChange={setOrganisation}
          error={problems.organisation}
        />
        <TextField
          label="Name of this computer"
          hint="As the incident form asks, e.g. SAFEGUARD-LAPTOP-1."
          value={computerName}
          onChange={setComputerName}
          error={problems.computerName}
        />
        <TextField
          label="Where this computer is kept"
          hint="For example: locked cabinet in the headteacher’s office."
          value={location}
          onChange={setLocation}
          error={problems.location}
        />
        <SelectField
          label="Your online safety policy"
          hint={
            'Countersign follows its “Other Incidents” procedure and its sanctions tables. ' +
            'You can import your own later in Settings.'
          }
          value={profileId}
          onChange={setProfileId}
          options={profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.version})` }))}
        />
        <h2>Senior staff who may investigate</h2>
        <p>Each person types their own passphrase here. Nobody else should see it.</p>
        {people.map((p, i) => (
          <fieldset className="person-card" key={i}>
            <legend>Person {i + 1}</legend>
            <TextField
              label="Full name"
              value={p.name}
              onChange={(v) => edit(i, { name: v })}
              error={problems[`name${i}`]}
              autoComplete="name"
            />
            <TextField
              label="Role or position"
              hint="For example: Headteacher, Designated Safeguarding Lead."
              value={p.role}
              onChange={(v) => edit(i, { role: v })}
              error={problems[`role${i}`]}
            />
            <TextField
              label="Passphrase"
              hint="At least 12 characters. A short sentence you will remember works well."
              type="password"
              autoComplete="new-password"
              value={p.passphrase}
              onChange={(v) => edit(i, { passphrase: v })}
              error={problems[`pass${i}`]}
            />
            <TextField
              label="Passphrase again"
              type="password"
              autoComplete="new-password"
              value={p.again}
              onChange={(v) => edit(i, { again: v })}
              error={problems[`again${i}`]}
            />
            {people.length > 2 && (
              <button type="button" className="link" onClick={() => setPeople((ps) => ps.filter((_, j) => j !== i))}>
                Remove person {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" onClick={() => setPeople((ps) => [...ps, blank()])}>
            Add another person
          </button>
        </div>
        <div ref={sending}>
          <div ref={refusal} tabIndex={-1}>
            <ErrorBox error={refused} title="Countersign was not set up" />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Setting up…' : 'Set up Countersign'}
            </button>
          </div>
        </div>
      </form>
    </Screen>
  );
};
