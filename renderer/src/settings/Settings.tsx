// Settings: the school and this computer, the policy profile in force (built in or imported), keeping records
// (retention and backup), the registered staff, and one's own passphrase.
import { useEffect, useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import { reviewDueWords, reviewNotice } from '@shared/policy/policy-words';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextField } from '../components/Fields';
import { day } from '../components/format';
import { Screen } from '../components/Screen';
import { usePolicy } from '../hooks/usePolicy';
import { useRunner } from '../hooks/useRunner';
import { useApp } from '../state/app';
import { Keeping } from './Keeping';
import { Timestamping } from './Timestamping';

type Tab = 'school' | 'policy' | 'keeping' | 'time' | 'staff' | 'passphrase';
type SettingsReply = ReplyOf<'settings.get'>;
type StaffList = ReplyOf<'staff.list'>['staff'];

const TABS: readonly { tab: Tab; label: string }[] = [
  { tab: 'school', label: 'School and computer' },
  { tab: 'policy', label: 'Policy' },
  { tab: 'keeping', label: 'Keeping records' },
  { tab: 'time', label: 'Trusted time' },
  { tab: 'staff', label: 'Staff' },
  { tab: 'passphrase', label: 'My passphrase' },
];

const Saved = ({ text }: { text: string | null }) =>
  text ? (
    <div className="success" role="status">
      <h2>Saved</h2>
      <p>{text}</p>
    </div>
  ) : null;

const School = ({ settings, onSaved }: { settings: SettingsReply; onSaved(s: SettingsReply): void }) => {
  const { busy, error, run } = useRunner();
  const [organisation, setOrganisation] = useState(settings.organisation);
  const [name, setName] = useState(settings.computer.name);
  const [location, setLocation] = useState(settings.computer.location);
  const [minutes, setMinutes] = useState(String(settings.idleLockMinutes));
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const idleLockMinutes = Number(minutes.trim());
    const r = await run(() =>
      call('settings.save', {
        organisation,
        computer: { name, location },
        profileId: settings.profileId,
        idleLockMinutes,
      }),
    );
    if (r) {
      onSaved(r);
      setSaved(
        'New incidents will use these details. Incidents already started keep the details they were started with.',
      );
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <ErrorBox error={error} title="Not saved" />
      <Saved text={saved} />
      <TextField label="Name of the school" value={organisation} onChange={setOrganisation} />
      <TextField label="Name of this computer" value={name} onChange={setName} />
      <TextField label="Where this computer is kept" value={location} onChange={setLocation} />
      <TextField
        label="Lock Countersign after this many minutes without use"
        hint="From 1 to 120. It also locks at once when the laptop goes to sleep or its screen locks."
        type="number"
        value={minutes}
        onChange={setMinutes}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save the details
        </button>
      </div>
    </form>
  );
};

/** The policy's review date, and a warning once it has passed. */
const ReviewDate = ({ profile }: { profile: PolicyProfile }) => {
  const notice = reviewNotice(profile, new Date());
  if (notice) return <p className="notice review-due">{notice}</p>;
  const due = reviewDueWords(profile);
  return <p>{due ? `It is due for review in ${due}.` : 'It prints no review date: check with whoever keeps it.'}</p>;
};

const Policy = ({ settings, onSaved }: { settings: SettingsReply; onSaved(s: SettingsReply): void }) => {
  const { busy, error, run } = useRunner();
  const [profiles, setProfiles] = useState<ReplyOf<'policy.profiles'>['profiles']>([]);
  const [profileId, setProfileId] = useState(settings.profileId);
  const [saved, setSaved] = useState<string | null>(null);
  const { policy } = usePolicy(undefined, `${settings.profileId} ${settings.profileName}`);
  useEffect(() => {
    void call('policy.profiles', {}).then((r) => r.ok && setProfiles(r.value.profiles));
  }, []);
  const options = [
    ...profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.version})` })),
    ...(settings.imported && !profiles.some((p) => p.id === settings.profileId)
      ? [{ value: settings.profileId, label: `${settings.profileName} (imported)` }]
      : []),
  ];
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      call('settings.save', { organisation: settings.organisation, computer: settings.computer, profileId }),
    );
    if (r) {
      onSaved(r);
      setSaved(`${r.profileName} is now the policy in force for new incidents.`);
    }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const json = await file.text();
    const r = await run(() => call('settings.import', { json }));
    if (r) {
      onSaved(r);
      setProfileId(r.profileId);
      setSaved(`${r.profileName} was imported and is now the policy in force for new incidents.`);
    }
  };
  return (
    <>
      <ErrorBox error={error} title="The policy was not changed" />
      <Saved text={saved} />
      <p>
        In force now: <strong>{settings.profileName}</strong>
        {settings.imported ? ' (imported)' : ''}. Each incident records which policy applied when it was started.
      </p>
      {policy && <ReviewDate profile={policy.profile} />}
      <form onSubmit={(e) => void save(e)} noValidate>
        <SelectField label="Policy profile" value={profileId} onChange={setProfileId} options={options} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Use this policy
          </button>
        </div>
      </form>
      <h2>Import your school’s own profile</h2>
      <div className="field">
        <label htmlFor="profile-file">Policy profile file (.json)</label>
        <span className="hint" id="profile-file-hint">
          Your local authority or IT support can prepare one from your policy.
        </span>
        <input
          id="profile-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="profile-file-hint"
          onChange={(e) => void importFile(e.target.files?.[0])}
        />
      </div>
    </>
  );
};

/** Two registered people approve a change to the staff list, each with their own passphrase. */
const Approvals = ({ value, onChange }: { value: [string, string]; onChange(v: [string, string]): void }) => (
  <fieldset>
    <legend>Approved by two registered members of staff</legend>
    <div className="two-col">
      <TextField
        label="First approver’s passphrase"
        type="password"
        value={value[0]}
        onChange={(v) => onChange([v, value[1]])}
      />
      <TextField
        label="Second approver’s passphrase"
        type="password"
        value={value[1]}
        onChange={(v) => onChange([value[0], v])}
      />
    </div>
  </fieldset>
);

const Staff = () => {
  const { busy, error, setError, run } = useRunner();
  const [staff, setStaff] = useState<StaffList>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [addApprovals, setAddApprovals] = useState<[string, string]>(['', '']);
  const [removeId, setRemoveId] = useState('');
  const [removeApprovals, setRemoveApprovals] = useState<[string, string]>(['', '']);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    void call('staff.list', {}).then((r) => r.ok && setStaff(r.value.staff));
  }, []);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (pass !== again) return setError({ code: 'INVALID_INPUT', message: 'The two passphrases are not the same.' });
    const r = await run(() => call('staff.add', { name, role, passphrase: pass, approvals: addApprovals }));
    setAddApprovals(['', '']);
    if (r) {
      setStaff(r.staff);
      setSaved(`${name} is registered.`);
      setName('');
      setRole('');
      setPass('');
      setAgain('');
    }
  };
  const remove = async (e: React.FormEvent) => {
    e.preventDefault();
    const who = staff.find((s) => s.id === removeId)?.name ?? '';
    const r = await run(() => call('staff.remove', { id: removeId, approvals: removeApprovals }));
    setRemoveApprovals(['', '']);
    if (r) {
      setStaff(r.staff);
      setRemoveId('');
      setSaved(`${who} can no longer use Countersign. Their past signatures still check out.`);
    }
  };
  return (
    <>
      <ErrorBox error={error} title="The staff list was not changed" />
      <Saved text={saved} />
      <table aria-label="Registered staff">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Registered</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{s.role}</td>
              <td>{day(s.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void add(e)} noValidate>
        <h2>Register someone</h2>
        <TextField label="Full name" value={name} onChange={setName} />
        <TextField label="Role or position" value={role} onChange={setRole} />
        <TextField
          label="Their passphrase"
          hint="They type it themselves: at least 12 characters."
          type="password"
          autoComplete="new-password"
          value={pass}
          onChange={setPass}
        />
        <TextField
          label="Their passphrase again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
        />
        <Approvals value={addApprovals} onChange={setAddApprovals} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Register this person
          </button>
        </div>
      </form>
      <form onSubmit={(e) => void remove(e)} noValidate>
        <h2>Remove someone</h2>
        <SelectField
          label="Who should no longer use Countersign?"
          value={removeId}
          onChange={setRemoveId}
          options={[
            { value: '', label: 'Choose a person' },
            ...staff.map((s) => ({ value: s.id, label: `${s.name} (${s.role})` })),
          ]}
        />
        <Approvals value={removeApprovals} onChange={setRemoveApprovals} />
        <div className="actions">
          <button type="submit" disabled={busy || !removeId}>
            Remove this person
          </button>
        </div>
      </form>
    </>
  );
};

const Passphrase = () => {
  const { busy, error, setError, run } = useRunner();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const change = async (e: React.FormEvent) => {
    e.preventDefault();
    if (next !== again)
      return setError({ code: 'INVALID_INPUT', message: 'The two new passphrases are not the same.' });
    const r = await run(() => call('staff.passphrase', { current, next }));
    setCurrent('');
    setNext('');
    setAgain('');
    if (r) setSaved('Your passphrase has been changed. Use the new one from now on.');
  };
  return (
    <form onSubmit={(e) => void change(e)} noValidate>
      <ErrorBox error={error} title="The passphrase was not changed" />
      <Saved text={saved} />
      <TextField
        label="Your current passphrase"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <TextField
        label="New passphrase"
        hint="At least 12 characters. A short sentence works well."
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
      />
      <TextField
        label="New passphrase again"
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Change my passphrase
        </button>
      </div>
    </form>
  );
};

const NEXT: Record<Tab, string> = {
  school: 'Check the school’s name and this computer’s name and location: they are printed on every incident form.',
  policy:
    'Choose the online safety policy your school follows. ' +
    'Countersign quotes it and suggests sanctions from its tables.',
  keeping: 'Set how long your school keeps each incident, and back up the vault to a drive kept somewhere safe.',
  time: 'Optional: give a time-stamping authority’s address so that an outside authority vouches for the times.',
  staff: 'Only registered senior staff can investigate. Keep this list to the people who should.',
  passphrase: 'Change your own passphrase here. You need your current one.',
};

export const Settings = () => {
  const { status, setStatus } = useApp();
  const [tab, setTab] = useState<Tab>('school');
  const [settings, setSettings] = useState<SettingsReply | null>(null);
  const { error, run } = useRunner();
  useEffect(() => {
    void run(() => call('settings.get', {})).then((s) => s && setSettings(s));
  }, [run]);
  const saved = (s: SettingsReply) => {
    setSettings(s);
    if (status) setStatus({ ...status, organisation: s.organisation });
  };
  return (
    <Screen title="Settings" next={<p>{NEXT[tab]}</p>}>
      <nav aria-label="Settings" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            aria-current={tab === t.tab ? 'page' : undefined}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <ErrorBox error={error} title="The settings could not be read" />
      {settings && tab === 'school' && <School settings={settings} onSaved={saved} />}
      {settings && tab === 'policy' && <Policy settings={settings} onSaved={saved} />}
      {settings && tab === 'keeping' && <Keeping settings={settings} onSaved={saved} />}
      {tab === 'time' && <Timestamping />}
      {tab === 'staff' && <Staff />}
      {tab === 'passphrase' && <Passphrase />}
    </Screen>
  );
};
