// A form's draft, kept in the vault as the person types, so nothing typed is lost if Countersign is closed mid-step.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftValue } from '@shared/ipc/contract';
import { call } from '../api';

const SAVE_AFTER_MS = 300;

/**
 * Loads the draft saved under `key` (or starts from `initial`), and saves each change a moment after typing stops,
 * and at once when the screen closes. Passphrases are never put in a draft.
 */
export const useDraft = <T extends DraftValue>(key: string, initial: T) => {
  const [value, setValue] = useState<T>(initial);
  // Only the starting point of a new draft: a later change of it must not reload the draft.
  const start = useRef(initial);
  const [loaded, setLoaded] = useState(false);
  const pending = useRef<T | null>(null);
  const timer = useRef<number | null>(null);

  const flush = useCallback(async () => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const v = pending.current;
    pending.current = null;
    if (v) await call('drafts.put', { key, value: v });
  }, [key]);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    void call('drafts.get', { key }).then((r) => {
      if (!live) return;
      setValue(r.ok && r.value.value ? ({ ...start.current, ...r.value.value } as T) : start.current);
      setLoaded(true);
    });
    return () => {
      live = false;
      void flush();
    };
  }, [key, flush]);

  const update = useCallback(
    (patch: Partial<T>) => {
      setValue((prev) => {
        const next = { ...prev, ...patch } as T;
        pending.current = next;
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => void flush(), SAVE_AFTER_MS);
        return next;
      });
    },
    [flush],
  );

  const clear = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    await call('drafts.clear', { key });
  }, [key]);

  return { value, update, clear, loaded, flush };
};
