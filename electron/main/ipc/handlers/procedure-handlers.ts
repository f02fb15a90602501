// Handler for "procedure.offered": which journal entry kinds the procedure allows now for one incident.
import { offeredKinds, type IncidentState } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';
import type { Handler } from '../register-handlers';

/** Looks up an incident's current state (the fold of its journal); null when there is no such incident. */
export type IncidentStateOf = (ref: string) => Promise<IncidentState | null>;

export const procedureOffered =
  (stateOf: IncidentStateOf): Handler<'procedure.offered'> =>
  async ({ ref }) => {
    const state = await stateOf(ref);
    if (!state) throw new CodedError('NOT_FOUND', `There is no incident ${ref} on this computer.`);
    return { ref, phase: state.phase, kinds: offeredKinds(state) };
  };
