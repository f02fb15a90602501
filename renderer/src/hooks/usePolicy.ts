// The policy profile a screen follows, fetched from the main process: an incident's own (the one it was opened under),
// or the one in force now. An incident's never changes, so it is fetched once.
import { useEffect, useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import type { AppError, Result } from '@shared/result';
import { call } from '../api';

export type Policy = ReplyOf<'policy.get'>;

const byIncident = new Map<string, Promise<Result<Policy>>>();

const fetchPolicy = (ref: string | undefined): Promise<Result<Policy>> => {
  if (!ref) return call('policy.get', {});
  let p = byIncident.get(ref);
  if (!p) {
    p = call('policy.get', { ref });
    byIncident.set(ref, p);
    // A failure (locked, say) is not remembered: the next screen asks again.
    void p.then((r) => r.ok || byIncident.delete(ref));
  }
  return p;
};

/** `again` fetches the policy in force again when it changes (e.g. after Settings changes it). */
export const usePolicy = (ref?: string, again?: string): { policy: Policy | null; error: AppError | null } => {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void fetchPolicy(ref).then((r) => {
      if (!live) return;
      if (r.ok) setPolicy(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [ref, again]);
  return { policy, error };
};
