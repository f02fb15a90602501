// Runs one request at a time for a screen: a busy flag to disable buttons, and the error to show if it was refused.
import { useCallback, useState } from 'react';
import type { AppError, Result } from '@shared/result';

export const useRunner = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async <T>(fn: () => Promise<Result<T>>): Promise<T | null> => {
    // A button is disabled while its request runs, which drops the keyboard focus; it is given back afterwards.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setBusy(true);
    try {
      const r = await fn();
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      setError(null);
      return r.value;
    } finally {
      setBusy(false);
      window.setTimeout(() => {
        if (focused?.isConnected && (document.activeElement === document.body || document.activeElement === null))
          focused.focus();
      }, 0);
    }
  }, []);
  return { busy, error, setError, run };
};
