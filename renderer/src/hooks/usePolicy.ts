// The school's policy profile in force (contacts, police list, sanctions matrices), fetched from the main process once.
import { useEffect, useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import type { AppError } from '@shared/result';
import { call } from '../api';

export type Policy = ReplyOf<'policy.get'>;

export const usePolicy = (): { policy: Policy | null; error: AppError | null } => {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void call('policy.get', {}).then((r) => {
      if (!live) return;
      if (r.ok) setPolicy(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);
  return { policy, error };
};
