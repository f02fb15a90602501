// Locking: every key is overwritten in memory and none is reachable from the app; Countersign locks itself after the
// idle time set in Settings and when the computer sleeps or its screen locks, with the evidence view torn down and
// recorded, and an unlock resumes where the reviewers were.
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { electronPowerPort, type PowerPort } from '@main/app/auto-lock';
import { KeyBytes, keysHeldSoFar, unwipedKeys } from '@main/services/key-material';
import { readKeyFiles } from '@main/services/keyring/key-files';
import { openRecoveryWrap } from '@main/services/keyring/key-wrapping';
import { parseRecoveryCode } from '@main/services/keyring/recovery-code';
import { unlockVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { refusalCode as code } from '@test/helpers/refusals';
import { DSL, HEAD, incidentInReview, makeCore, setUp, type Fixture } from './core-fixture';

/** A power monitor the test drives: the computer's idle seconds, and its sleep and screen-lock events. */
const fakePower = () => {
  const listeners = new Set<(why: 'suspend' | 'lock-screen') => void>();
  const power: PowerPort & { idle: number; fire(why: 'suspend' | 'lock-screen'): void } = {
    idle: 0,
    systemIdleSeconds: () => power.idle,
    onSleep: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fire: (why) => listeners.forEach((l) => l(why)),
  };
  return power;
};

/** Every Buffer and Uint8Array, and every KeyBytes, reachable from an object through its fields, maps and sets. */
const reachable = (root: unknown) => {
  const seen = new Set<unknown>();
  const buffers: Uint8Array[] = [];
  const keys: KeyBytes[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > 12) return;
    seen.add(v);
    if (v instanceof Uint8Array) return void buffers.push(v);
    if (v instanceof KeyBytes) keys.push(v);
    if (v instanceof Map) for (const [k, x] of v) [k, x].forEach((y) => walk(y, depth + 1));
    if (v instanceof Set || Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(root, 0);
  return { buffers, keys };
};

const until = async (ok: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 500 && !(await ok()); i += 1) await new Promise((r) => setTimeout(r, 5));
};

const reviewWithPage = async (f: Fixture) => {
  const incident = await incidentInReview(f);
  await f.core.browse(incident.ref, incident.a, 'navigate', 'https://example.org/page');
  return incident;
};

/** The teardowns the incident's journal records, read from disk while the app is locked. */
const teardownsOnDisk = async (f: Fixture, ref: string): Promise<unknown[]> => {
  const open = await unlockVault(f.dataDir, HEAD.passphrase, { clock: systemClock, sleep: async () => undefined });
  try {
    const store = await open.vault.openIncident(ref);
    return store.journal.entries.filter((e) => e.kind === 'browser.torn-down').map((e) => e.data);
  } finally {
    await open.keyring.lock();
    open.vault.device.wipe();
  }
};

describe('lock', () => {
  it('overwrites the data key, the device key and every signing key; none is reachable from the app', async () => {
    const since = keysHeldSoFar();
    const f = await makeCore();
    const { recoveryCode } = await setUp(f);
    const { ref } = await reviewWithPage(f);
    await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]).catch(() => null);
    const { info } = await readKeyFiles(f.dataDir);
    const dataKey = await openRecoveryWrap(info.keyringId, info.recovery, parseRecoveryCode(recoveryCode));
    const held = unwipedKeys(since);
    expect(held.some((b) => dataKey && b.equals(dataKey))).toBe(true);
    expect(held.length).toBeGreaterThanOrEqual(3);

    await f.core.lock();

    expect(held.every((b) => b.every((x) => x === 0))).toBe(true);
    expect(unwipedKeys(since)).toEqual([]);
    const { buffers, keys } = reachable(f.core);
    expect(buffers.filter((b) => dataKey && Buffer.from(b).equals(dataKey))).toEqual([]);
    expect(keys.filter((k) => !k.isWiped)).toEqual([]);
    expect(await code(f.core.detail(ref))).toBe('PROCEDURE_FORBIDS');
    expect(await teardownsOnDisk(f, ref)).toEqual([{ reason: 'locked' }]);
  });
});

describe('the idle lock and the sleep lock', () => {
  const prepared = async () => {
    const power = fakePower();
    const f = await makeCore({ power });
    await setUp(f);
    const incident = await reviewWithPage(f);
    return { f, power, ...incident };
  };

  it('locks after the idle time set in Settings (10 minutes unless changed), tearing the view down', async () => {
    const { f, power, ref } = await prepared();
    power.idle = 9 * 60 + 59;
    f.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect((await f.core.status()).unlocked).toBe(true);
    power.idle = 10 * 60;
    f.tick();
    await until(async () => !(await f.core.status()).unlocked);
    expect(await f.core.status()).toMatchObject({ unlocked: false, autoLocked: 'idle' });
    expect(f.browsers[0]?.teardowns).toEqual(['locked']);
    expect(await teardownsOnDisk(f, ref)).toEqual([{ reason: 'locked' }]);
    // The reviewers come back: whoever unlocks finds the same incident where it was, with no page shown.
    expect(await f.core.unlock(DSL.passphrase)).toMatchObject({ unlocked: true, autoLocked: null });
    const detail = await f.core.detail(ref);
    expect(detail.phase).toBe('review');
    expect(detail.page).toBeNull();
  });

  it('follows the idle time chosen in Settings', async () => {
    const { f, power } = await prepared();
    const s = await f.core.settings.get();
    expect(s.idleLockMinutes).toBe(10);
    await f.core.settings.save({ ...s, idleLockMinutes: 2 });
    power.idle = 2 * 60;
    f.tick();
    await until(async () => !(await f.core.status()).unlocked);
    expect(await f.core.status()).toMatchObject({ unlocked: false, autoLocked: 'idle' });
    await f.core.unlock(HEAD.passphrase);
    expect((await f.core.settings.get()).idleLockMinutes).toBe(2);
  });

  it('locks at once when the computer goes to sleep or its screen locks', async () => {
    for (const why of ['suspend', 'lock-screen'] as const) {
      const { f, power, ref } = await prepared();
      power.fire(why);
      await until(async () => !(await f.core.status()).unlocked);
      expect(await f.core.status()).toMatchObject({ unlocked: false, autoLocked: why });
      expect(f.browsers[0]?.teardowns).toEqual(['locked']);
      expect(await teardownsOnDisk(f, ref)).toEqual([{ reason: 'locked' }]);
    }
  });

  it('without a power monitor, counts input in the app window', async () => {
    let offset = 0;
    const clock = { now: () => new Date(), mono: () => systemClock.mono() + offset };
    const f = await makeCore({ clock });
    await setUp(f);
    offset += 9 * 60_000;
    await f.core.activity(true);
    offset += 9 * 60_000;
    f.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect((await f.core.status()).unlocked).toBe(true);
    offset += 60_000;
    f.tick();
    await until(async () => !(await f.core.status()).unlocked);
    expect(await f.core.status()).toMatchObject({ unlocked: false, autoLocked: 'idle' });
  });
});

describe("the port over Electron's powerMonitor", () => {
  it('reads the idle time and passes on sleep and screen lock until it stops listening', () => {
    const monitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 42 });
    const port = electronPowerPort(() => monitor);
    const heard: string[] = [];
    const stop = port.onSleep((why) => heard.push(why));
    expect(port.systemIdleSeconds()).toBe(42);
    monitor.emit('suspend');
    monitor.emit('lock-screen');
    stop();
    monitor.emit('suspend');
    expect(heard).toEqual(['suspend', 'lock-screen']);
    expect(monitor.listenerCount('suspend') + monitor.listenerCount('lock-screen')).toBe(0);
  });
});
