// Watches the wall clock against the monotonic clock during a session and records any jump as it happens.
import type { EntryData } from '@shared/evidence/entries';
import type { Clock } from './clock';

export interface ClockWatchDeps {
  clock: Clock;
  /** Records a jump (appends a clock.jump entry to the open incident). */
  record: (jump: EntryData<'clock.jump'>) => Promise<unknown>;
  /** Timer, injected so tests can drive it. Returns a function that stops it. */
  every: (ms: number, tick: () => void) => () => void;
  intervalMs?: number;
  /** A drift larger than this between two readings is a jump (someone or something changed the clock). */
  thresholdMs?: number;
}

export const realTimer = (ms: number, tick: () => void): (() => void) => {
  const t = setInterval(tick, ms);
  t.unref();
  return () => clearInterval(t);
};

/** Starts watching; returns the function that stops it. */
export const watchClock = (deps: ClockWatchDeps): (() => void) => {
  const threshold = deps.thresholdMs ?? 2000;
  let wall = deps.clock.now().getTime();
  let mono = deps.clock.mono();
  return deps.every(deps.intervalMs ?? 1000, () => {
    const nowWall = deps.clock.now().getTime();
    const nowMono = deps.clock.mono();
    const wallDeltaMs = nowWall - wall;
    const monoDeltaMs = nowMono - mono;
    wall = nowWall;
    mono = nowMono;
    const driftMs = Math.round(wallDeltaMs - monoDeltaMs);
    if (Math.abs(driftMs) > threshold) void deps.record({ wallDeltaMs, monoDeltaMs: Math.round(monoDeltaMs), driftMs });
  });
};
