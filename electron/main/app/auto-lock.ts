// Countersign locks itself: after the idle time set in Settings (no keyboard or mouse input), and at once when the
// computer goes to sleep or its screen locks.
import { CodedError } from '@shared/result';
import type { Clock } from '../services/clock';

/** Why the app was locked: by someone pressing Lock, or by itself. */
export type LockReason = 'user' | 'idle' | 'suspend' | 'lock-screen';

/** The system's power and input facts (Electron's powerMonitor in the app), behind a port so tests can drive them. */
export interface PowerPort {
  /** Seconds since the last keyboard or mouse input anywhere on this computer. */
  systemIdleSeconds(): number;
  /** Calls back when the computer is about to sleep or its screen locks; gives the function that stops listening. */
  onSleep(listener: (why: 'suspend' | 'lock-screen') => void): () => void;
}

/** What the port uses of Electron's powerMonitor. */
export interface PowerMonitorEvents {
  getSystemIdleTime(): number;
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  off(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
}

/**
 * The port over Electron's powerMonitor, handed in by the composition root as a getter: the module is touched only
 * when first used, which is after someone unlocked, so after the app is ready.
 */
export const electronPowerPort = (monitor: () => PowerMonitorEvents): PowerPort => ({
  systemIdleSeconds: () => monitor().getSystemIdleTime(),
  onSleep: (listener) => {
    const m = monitor();
    const suspend = () => listener('suspend');
    const lockScreen = () => listener('lock-screen');
    m.on('suspend', suspend);
    m.on('lock-screen', lockScreen);
    return () => {
      m.off('suspend', suspend);
      m.off('lock-screen', lockScreen);
    };
  },
});

export const DEFAULT_IDLE_LOCK_MINUTES = 10;
/** How often the idle time is looked at: a lock comes at most this late. */
export const IDLE_CHECK_MS = 10_000;

export interface AutoLockDeps {
  clock: Clock;
  every: (ms: number, tick: () => void) => () => void;
  /** Absent where there is no power monitor (the test harness): then only input in the app window counts. */
  power?: PowerPort;
  /** Locks the app; a refusal (a bundle still being written) is tried again at the next check. */
  lock: (why: Exclude<LockReason, 'user'>) => Promise<unknown>;
}

export class AutoLock {
  private minutes = DEFAULT_IDLE_LOCK_MINUTES;
  private lastInput: number;
  private stops: (() => void)[] = [];

  constructor(private readonly deps: AutoLockDeps) {
    this.lastInput = deps.clock.mono();
  }

  /** Starts watching (on unlock) with the idle time from Settings. */
  arm(minutes: number): void {
    this.disarm();
    this.minutes = minutes;
    this.lastInput = this.deps.clock.mono();
    this.stops.push(this.deps.every(IDLE_CHECK_MS, () => this.check()));
    const power = this.deps.power;
    if (power) this.stops.push(power.onSleep((why) => this.lockNow(why)));
  }

  /** Stops watching (on lock and on quit). */
  disarm(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** The idle time was changed in Settings. */
  setMinutes(minutes: number): void {
    this.minutes = minutes;
  }

  /** Someone used the app window (reported by the screen). */
  input(): void {
    this.lastInput = this.deps.clock.mono();
  }

  /** Seconds without input: the computer's own count where there is one (it sees the evidence view too). */
  idleSeconds(): number {
    const power = this.deps.power;
    return power ? power.systemIdleSeconds() : (this.deps.clock.mono() - this.lastInput) / 1000;
  }

  private check(): void {
    if (this.idleSeconds() >= this.minutes * 60) this.lockNow('idle');
  }

  private lockNow(why: Exclude<LockReason, 'user'>): void {
    // A lock refused now (a bundle being written, for the idle lock) is tried again at the next check.
    this.deps.lock(why).catch((e: unknown) => {
      if (!(e instanceof CodedError)) throw e;
    });
  }
}
