// One incident: fetches it from the vault and shows the one step the procedure is at (and only what that step allows).
import { useEffect, useState } from 'react';
import type { AppError } from '@shared/result';
import { call } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Screen } from '../components/Screen';
import { useApp } from '../state/app';
import { useIncident } from '../state/incident';
import { Clock } from './Clock';
import { Conclusion } from './Conclusion';
import { Isolation } from './Isolation';
import { Judgement } from './Judgement';
import { Outputs } from './Outputs';
import { Purge } from './Purge';
import { Referral } from './Referral';
import { Review } from './Review';
import { Signoff } from './Signoff';
import { Triage } from './Triage';
import { useShallow } from 'zustand/react/shallow';

export const IncidentScreen = ({ incidentRef }: { incidentRef: string }) => {
  const go = useApp((s) => s.go);
  // Only what this screen reads: a thumbnail arriving must not draw the incident again.
  const { detail, setDetail, view } = useIncident(
    useShallow((s) => ({ detail: s.detail, setDetail: s.setDetail, view: s.view })),
  );
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    void call('incident.get', { ref: incidentRef }).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [incidentRef, setDetail]);

  if (error) {
    return (
      <Screen
        title={`Incident ${incidentRef} cannot be opened`}
        next={<p>Read what happened below, then go back to the list of incidents.</p>}
      >
        <ErrorBox error={error} title="What happened" />
        <div className="actions">
          <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
            Back to the incidents
          </button>
        </div>
      </Screen>
    );
  }
  if (!detail || detail.ref !== incidentRef) {
    return (
      <div className="page">
        <p role="status">Opening incident {incidentRef}…</p>
      </div>
    );
  }
  const v = view[detail.ref] ?? 'main';
  switch (detail.phase) {
    case 'none':
    case 'clock':
      return <Clock detail={detail} />;
    case 'triage':
      return <Triage detail={detail} />;
    case 'review':
      return v === 'judgement' && detail.offered.includes('judgement.made') ? (
        <Judgement detail={detail} />
      ) : (
        <Review detail={detail} />
      );
    case 'referral':
      if (detail.offered.includes('halt.purge-decided')) return <Purge detail={detail} />;
      if (v === 'judgement' && detail.offered.includes('judgement.made')) return <Judgement detail={detail} />;
      return v === 'isolation' && detail.offered.includes('isolation.recorded') ? (
        <Isolation detail={detail} />
      ) : (
        <Referral detail={detail} />
      );
    case 'conclusion':
      return <Conclusion detail={detail} />;
    case 'signoff':
      return <Signoff detail={detail} />;
    case 'sealed':
      return <Outputs detail={detail} />;
  }
};
