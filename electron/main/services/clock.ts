// The wall clock and the monotonic clock, behind a port so tests can move time.
export interface Clock {
  /** UTC wall-clock time. */
  now(): Date;
  /** Milliseconds on the system's monotonic clock (same origin for every process until reboot). */
  mono(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  mono: () => Number(process.hrtime.bigint() / 1000n) / 1000,
};
