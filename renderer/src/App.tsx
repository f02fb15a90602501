// The app shell: header, practice banner, and the one screen the current state allows (set-up, lock, or the unlocked
// screens).
import { useEffect, useState } from 'react';
import { call } from './api';
import { ErrorBox } from './components/ErrorBox';
import { useActivity } from './hooks/useActivity';
import { Lock } from './lock/Lock';
import { DeleteIncident } from './register/DeleteIncident';
import { Register } from './register/Register';
import { Settings } from './settings/Settings';
import { Setup } from './setup/Setup';
import { useApp, type Route } from './state/app';
import { useIncident } from './state/incident';
import { IncidentScreen } from './steps/Incident';
import { Start } from './steps/Start';
import { Verify } from './verify/Verify';
import type { AppError } from '@shared/result';

const NAV: readonly { route: Route; label: string }[] = [
  { route: { name: 'home' }, label: 'Incidents' },
  { route: { name: 'verify' }, label: 'Check a bundle' },
  { route: { name: 'settings' }, label: 'Settings' },
];

const Header = () => {
  const { status, route, go, setStatus } = useApp();
  const [error, setError] = useState<AppError | null>(null);
  const lock = async () => {
    const r = await call('vault.lock', {});
    if (r.ok) {
      setError(null);
      setStatus(r.value);
      go({ name: 'home' });
    } else setError(r.error);
  };
  const current = route.name === 'start' || route.name === 'incident' || route.name === 'delete' ? 'home' : route.name;
  return (
    <>
      <header className="app-header">
        <p className="product">Countersign</p>
        {status?.organisation && <span className="org">{status.organisation}</span>}
        {status?.unlocked && (
          <nav aria-label="Main">
            {status.unlockedBy && <span className="who">Unlocked by {status.unlockedBy.name}</span>}
            {NAV.map((n) => (
              <button
                key={n.label}
                type="button"
                aria-current={current === n.route.name ? 'page' : undefined}
                onClick={() => go(n.route)}
              >
                {n.label}
              </button>
            ))}
            <button type="button" onClick={() => void lock()}>
              Lock
            </button>
          </nav>
        )}
      </header>
      {error && (
        <div className="page" style={{ marginTop: '1rem' }}>
          <ErrorBox error={error} title="Countersign could not lock" />
        </div>
      )}
    </>
  );
};

const PracticeBanner = () => (
  <div className="practice-banner" role="note" aria-label="Practice mode">
    PRACTICE MODE: nothing here is a real incident. Use only the safe practice sites.
  </div>
);

const Unlocked = ({ route }: { route: Route }) => {
  switch (route.name) {
    case 'home':
      return <Register />;
    case 'start':
      return <Start />;
    case 'incident':
      return <IncidentScreen key={route.ref} incidentRef={route.ref} />;
    case 'delete':
      return <DeleteIncident key={route.ref} incidentRef={route.ref} />;
    case 'settings':
      return <Settings />;
    case 'verify':
      return <Verify />;
  }
};

export const App = () => {
  const { info, status, route, fatal, load } = useApp();
  const detail = useIncident((s) => s.detail);

  useEffect(() => {
    void load();
  }, [load]);
  useActivity(status?.unlocked === true);

  if (fatal) {
    return (
      <main className="page">
        <h1>Countersign could not start</h1>
        <ErrorBox error={fatal} title="What happened" />
      </main>
    );
  }
  if (!info || !status) {
    return (
      <main>
        <p role="status">Starting Countersign…</p>
      </main>
    );
  }
  const practice =
    status.practice || (route.name === 'incident' && detail?.ref === route.ref && detail.record.practice);
  const skip = (e: React.MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main" onClick={skip}>
        Skip to main content
      </a>
      <Header />
      {practice && <PracticeBanner />}
      <main id="main" tabIndex={-1}>
        {!status.setUp ? <Setup /> : !status.unlocked ? <Lock /> : <Unlocked route={route} />}
      </main>
    </>
  );
};
