// The lock screen: any registered member of staff unlocks with their passphrase; the printed recovery code resets a
// forgotten one.
import { useState } from 'react';
import type { AppError } from '@shared/result';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { SelectField, TextField } from '../components/Fields';
import { Screen } from '../components/Screen';
import { useApp } from '../state/app';

const Recovery = ({ onBack }: { onBack(): void }) => {
  const setStatus = useApp((s) => s.setStatus);
  const [code, setCode] = useState('');
  const [people, setPeople] = useState<{ id: string; name: string; role: string }[] | null>(null);
  const [who, setWho] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const findPeople = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('recovery.staff', { code });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPeople(r.value.staff);
    setWho(r.value.staff[0]?.id ?? '');
  };
  const reset = async (e: React.FormEvent) => {
    e.preventDefault();
    if (pass !== again) return setError({ code: 'INVALID_INPUT', message: 'The two passphrases are not the same.' });
    setBusy(true);
    const r = await call('recovery.reset', { code, staffId: who, passphrase: pass });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setStatus(r.value);
  };

  return (
    <Screen
      title="Forgotten passphrase"
      next={
        <p>
          Fetch the recovery code from the school safe and type it below. Then choose whose passphrase to reset and type
          a new one.
        </p>
      }
    >
      <ErrorBox error={error} />
      {!people ? (
        <form onSubmit={(e) => void findPeople(e)}>
          <TextField
            label="Recovery code"
            hint="8 groups of 5 letters and numbers, as printed at set-up."
            value={code}
            onChange={setCode}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Check the code
            </button>
            <button type="button" className="link" onClick={onBack}>
              Back to unlocking
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => void reset(e)}>
          <SelectField
            label="Whose passphrase is forgotten?"
            value={who}
            onChange={setWho}
            options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }))}
          />
          <TextField
            label="New passphrase"
            hint="At least 12 characters. A short sentence works well."
            type="password"
            autoComplete="new-password"
            value={pass}
            onChange={setPass}
          />
          <TextField
            label="New passphrase again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={setAgain}
          />
          <p className="hint">Their signing key is replaced too; signatures they made before still check out.</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Reset the passphrase and unlock
            </button>
          </div>
        </form>
      )}
    </Screen>
  );
};

const LOCKED_ITSELF: Record<'idle' | 'suspend' | 'lock-screen', string> = {
  idle: 'Countersign locked itself because nobody used it for a while.',
  suspend: 'Countersign locked itself because the laptop went to sleep.',
  'lock-screen': 'Countersign locked itself because the laptop’s screen was locked.',
};

export const Lock = () => {
  const { status, setStatus } = useApp();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);

  if (recovering) return <Recovery onBack={() => setRecovering(false)} />;

  const unlock = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('vault.unlock', { passphrase });
    setBusy(false);
    setPassphrase('');
    if (!r.ok) {
      setError(r.error);
      const s = await call('app.status', {});
      if (s.ok) setStatus(s.value);
      return;
    }
    setError(null);
    setStatus(r.value);
  };

  return (
    <Screen
      title="Countersign is locked"
      next={
        <p>
          Type your passphrase to unlock. Any registered senior member of staff can unlock; starting an investigation
          needs two of you.
        </p>
      }
    >
      <ErrorBox error={error} title="Not unlocked" />
      {status?.autoLocked && (
        <p className="notice" role="status">
          {LOCKED_ITSELF[status.autoLocked]} Any page under review was closed and that was recorded. Unlock to carry on
          where you were.
        </p>
      )}
      {status && status.failures >= 2 && (
        <p className="notice">
          {status.failures} wrong passphrases in a row. Countersign now waits a little before checking each new try;
          this protects the evidence.
        </p>
      )}
      <form onSubmit={(e) => void unlock(e)}>
        <TextField
          label="Your passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || passphrase.length === 0}>
            {busy ? 'Checking…' : 'Unlock'}
          </button>
          <button type="button" className="link" onClick={() => setRecovering(true)}>
            Forgotten your passphrase?
          </button>
        </div>
      </form>
    </Screen>
  );
};
