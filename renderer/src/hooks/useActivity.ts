// The screen's heartbeat while unlocked: tells the main process whether anyone used the window since the last beat
// (the idle lock counts from the last input), and notices at once when Countersign has locked itself.
import { useEffect, useRef } from 'react';
import { call } from '../api';
import { useApp } from '../state/app';

/** How often the screen reports and asks: a lock made by the main process shows within this time. */
export const HEARTBEAT_MS = 5000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export const useActivity = (unlocked: boolean): void => {
  const setStatus = useApp((s) => s.setStatus);
  const input = useRef(false);
  useEffect(() => {
    if (!unlocked) return;
    const seen = () => {
      input.current = true;
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, seen, { capture: true, passive: true });
    const beat = window.setInterval(() => {
      const had = input.current;
      input.current = false;
      void call('app.activity', { input: had }).then((r) => {
        // Locked by itself: the lock screen takes over, and the screen the reviewers were on comes back after unlock.
        if (r.ok && !r.value.unlocked) setStatus(r.value);
      });
    }, HEARTBEAT_MS);
    return () => {
      window.clearInterval(beat);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, seen, { capture: true });
    };
  }, [unlocked, setStatus]);
};
