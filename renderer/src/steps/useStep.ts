// What every step screen needs: the reviewer at the keyboard, and recording a procedure step (the reply is the updated
// incident).
import type { ActCommand, IncidentDetail } from '@shared/ipc/contract';
import { call } from '../api';
import { useRunner } from '../hooks/useRunner';
import { actorOf, useIncident } from '../state/incident';
import { useShallow } from 'zustand/react/shallow';

export const useStep = (detail: IncidentDetail) => {
  const { actor, setDetail, setView } = useIncident(
    useShallow((s) => ({ actor: s.actor, setDetail: s.setDetail, setView: s.setView })),
  );
  const runner = useRunner();
  const who = actorOf(detail, actor);
  /** Records one step; true when it was recorded (the screen then moves on with the new detail). */
  const act = async (command: ActCommand): Promise<boolean> => {
    const next = await runner.run(() => call('incident.act', { ref: detail.ref, actor: who, command }));
    if (next) setDetail(next);
    return next !== null;
  };
  return { ...runner, who, act, setDetail, setView: (v: Parameters<typeof setView>[1]) => setView(detail.ref, v) };
};
