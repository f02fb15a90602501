// The clock watch records a wall-clock jump against the monotonic clock, and nothing when the clocks agree; incidents
// stay on their computer.
import { describe, expect, it } from 'vitest';
import type { EntryData } from '@shared/evidence/entries';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { watchClock } from '@main/services/clockwatch';
import { Vault } from '@main/services/vault';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { incidentInReview, newVault } from '@test/helpers/vault';

describe('clock watch', () => {
  it('records a jump of the wall clock, with both deltas, and not the normal passing of time', async () => {
    let wall = Date.parse('2026-11-24T09:00:00.000Z');
    let mono = 1000;
    const clock = { now: () => new Date(wall), mono: () => mono };
    let tick = () => {};
    const jumps: EntryData<'clock.jump'>[] = [];
    const stop = watchClock({
      clock,
      record: async (j) => jumps.push(j),
      every: (_ms, t) => ((tick = t), () => undefined),
    });
    wall += 1000;
    mono += 1000;
    tick();
    wall += 1005;
    mono += 1000;
    tick();
    expect(jumps).toEqual([]);
    wall += 3_600_000 + 1000;
    mono += 1000;
    tick();
    expect(jumps).toEqual([{ wallDeltaMs: 3_601_000, monoDeltaMs: 1000, driftMs: 3_600_000 }]);
    wall -= 120_000;
    mono += 1000;
    tick();
    expect(jumps[1]?.driftMs).toBe(-121_000);
    stop();
  });
});

describe('the same computer for the duration', () => {
  it('refuses to open an incident copied into another vault, saying why', async () => {
    const home = await newVault();
    const store = await incidentInReview(home);
    const other = await newVault();
    await cp(store.dir, join(other.dataDir, 'incidents', store.ref), { recursive: true });
    const reopened = await Vault.open(other.dataDir, { codec: plainCodec, clock: systemClock });
    await expect(reopened.openIncident(store.ref)).rejects.toMatchObject({
      code: 'WRONG_COMPUTER',
      message: expect.stringMatching(/same computer for the duration/),
    });
  });
});

describe('clock watch on an open incident', () => {
  it('appends a clock.jump entry to the journal when the wall clock jumps', async () => {
    const { Investigation } = await import('@main/services/investigation');
    const vault = await newVault();
    const store = await incidentInReview(vault);
    let wall = Date.now();
    let mono = 0;
    let tick = () => {};
    const inv = new Investigation({
      store,
      launchBrowser: async () => {
        throw new Error('not used');
      },
    });
    inv.watchClock({ now: () => new Date(wall), mono: () => mono }, (_ms, t) => ((tick = t), () => undefined));
    wall += 7_200_000;
    mono += 1000;
    tick();
    await inv.close();
    const jump = store.journal.entries.find((e) => e.kind === 'clock.jump');
    expect(jump?.data).toEqual({ wallDeltaMs: 7_200_000, monoDeltaMs: 1000, driftMs: 7_199_000 });
  });
});
