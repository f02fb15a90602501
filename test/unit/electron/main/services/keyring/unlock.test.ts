// Setting up the keyring, unlocking with each person's passphrase, proving presence, and slowing down guessers.
import { createPublicKey, verify } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT } from '@main/services/keyring/key-wrapping';
import { createKeyring, delayAfterFailures, openKeyring } from '@main/services/keyring/keyring';
import { tempDir } from '@test/helpers/vault';
import { filesUnder, readLog, setUp, STAFF, testDeps } from './keyring-fixtures';

const WRONG = 'purple elephants dance at midnight';

describe('setting up the keyring', () => {
  it(
    'registers two people, prints a recovery code once, ' + 'and leaves the keyring unlocked for the new vault',
    async () => {
      const { dir, created } = await setUp();
      expect(created.staff.map((s) => [s.name, s.role])).toEqual(STAFF.map((s) => [s.name, s.role]));
      expect(new Set(created.staff.map((s) => s.id)).size).toBe(2);
      for (const s of created.staff) expect(s.id).toMatch(/^[0-9a-f]{32}$/);
      expect(created.recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){7}$/);
      expect(created.keyring.isUnlocked).toBe(true);
      expect(created.keyring.staffList().map((s) => s.id)).toEqual(created.staff.map((s) => s.id));
      const ids = created.staff.map((s) => s.id);
      expect(await filesUnder(join(dir, 'keys'))).toEqual([
        'access.jsonl',
        'keyring.json',
        'staff.enc',
        ...ids.map((id) => `staff/${id}.json`).sort(),
      ]);
      const files = await filesUnder(join(dir, 'keys'));
      const code = created.recoveryCode.replace(/-/g, '');
      for (const f of files) {
        const bytes = await readFile(join(dir, 'keys', f));
        expect(bytes.includes(Buffer.from(code)), `recovery code in ${f}`).toBe(false);
        for (const s of STAFF) expect(bytes.includes(Buffer.from(s.passphrase)), `passphrase in ${f}`).toBe(false);
        expect((await stat(join(dir, 'keys', f))).mode & 0o077).toBe(0);
      }
      expect((await readLog(dir)).map((e) => [e.event, e.staffId])).toEqual([
        ['keyring.created', null],
        ...ids.map((id) => ['staff.added', id]),
      ]);
    },
  );

  it(
    'refuses fewer than two people, the same person twice, a ' +
      'shared passphrase and a weak passphrase, writing nothing',
    async () => {
      const deps = testDeps();
      const dir = join(await tempDir(), 'data');
      await expect(createKeyring(dir, [STAFF[0]], deps)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(
        createKeyring(
          dir,
          [STAFF[0], { ...STAFF[0], name: ' aisha  OKONKWO ', passphrase: 'a different long sentence here' }],
          deps,
        ),
      ).rejects.toMatchObject({
        code: 'SAME_PERSON',
      });
      await expect(
        createKeyring(dir, [STAFF[0], { ...STAFF[1], passphrase: STAFF[0].passphrase }], deps),
      ).rejects.toMatchObject({ code: 'SAME_PERSON' });
      await expect(
        createKeyring(dir, [STAFF[0], { ...STAFF[1], passphrase: 'Password2024' }], deps),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('one of the first that people try'),
      });
      await expect(
        createKeyring(dir, [STAFF[0], { ...STAFF[1], passphrase: 'short one' }], deps),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `${STAFF[1].name}: Use at least 12 characters. A short sentence you will remember works well.`,
      });
      await expect(createKeyring(dir, [STAFF[0], { ...STAFF[1], passphrase: '' }], deps)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(stat(join(dir, 'keys'))).rejects.toThrow();
    },
  );

  it('never overwrites an existing keyring', async () => {
    const { dir, deps, keys } = await setUp();
    const before = await readFile(join(keys, 'keyring.json'));
    await expect(createKeyring(dir, STAFF, deps)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readFile(join(keys, 'keyring.json'))).toEqual(before);
  });

  it('uses the strong default scrypt cost when none is given', async () => {
    const dir = join(await tempDir(), 'data');
    const { clock, sleep } = testDeps();
    const created = await createKeyring(dir, STAFF, { clock, sleep });
    const info = JSON.parse(await readFile(join(dir, 'keys', 'keyring.json'), 'utf8'));
    expect(info.recovery.kdf).toMatchObject({ alg: 'scrypt', ...DEFAULT_SCRYPT });
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    for (const s of created.staff) {
      const wrap = JSON.parse(await readFile(join(dir, 'keys', 'staff', `${s.id}.json`), 'utf8'));
      expect(wrap.kdf).toMatchObject({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
      expect(Buffer.from(wrap.kdf.salt, 'base64').length).toBe(16);
    }
  });
});

describe('unlocking', () => {
  it('opens locked, and unlocks with each registered passphrase, naming that person', async () => {
    const { dir, deps, created } = await setUp();
    const payload = created.codec.encodeFile(Buffer.from('evidence'), 'file:x');
    for (const [i, s] of STAFF.entries()) {
      const kr = await openKeyring(dir, deps);
      expect(kr.isUnlocked).toBe(false);
      expect(() => kr.staffList()).toThrow(expect.objectContaining({ code: 'PROCEDURE_FORBIDS' }));
      const r = await kr.unlock(s.passphrase);
      expect(r.staff.id).toBe(created.staff[i]?.id);
      expect(r.staff.name).toBe(s.name);
      expect(r.codec.id).toBe('aes-256-gcm');
      expect(Buffer.from(r.codec.decodeFile(payload, 'file:x')).toString()).toBe('evidence');
      expect(kr.staffList().length).toBe(2);
    }
    const log = await readLog(dir);
    expect(log.filter((e) => e.event === 'unlock.succeeded').map((e) => e.staffId)).toEqual(
      created.staff.map((s) => s.id),
    );
  });

  it('unlocks whichever Unicode form the accented passphrase is typed in', async () => {
    const composed = 'caf\u00e9 cr\u00e8me on the terrace';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const { dir, deps } = await setUp([{ ...STAFF[0], passphrase: decomposed }, STAFF[1]]);
    const kr = await openKeyring(dir, deps);
    expect((await kr.unlock(composed)).staff.name).toBe(STAFF[0].name);
    expect((await kr.unlock(decomposed)).staff.name).toBe(STAFF[0].name);
  });

  it('refuses a wrong passphrase with BAD_PASSPHRASE and logs it without knowing who tried', async () => {
    const { dir, deps } = await setUp();
    const kr = await openKeyring(dir, deps);
    await expect(kr.unlock(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    await expect(kr.unlock(STAFF[0].passphrase.toUpperCase())).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    expect(kr.isUnlocked).toBe(false);
    const log = await readLog(dir);
    expect(log.slice(-2).map((e) => [e.event, e.staffId, e.failures])).toEqual([
      ['unlock.failed', null, 1],
      ['unlock.failed', null, 2],
    ]);
  });

  it('refuses an empty passphrase with INVALID_INPUT, without counting or logging it', async () => {
    const { dir, deps } = await setUp();
    const kr = await openKeyring(dir, deps);
    const before = await readFile(join(dir, 'keys', 'access.jsonl'));
    await expect(kr.unlock('')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readFile(join(dir, 'keys', 'access.jsonl'))).toEqual(before);
    expect(kr.failures).toBe(0);
  });

  it('waits longer after each failure (0, 0, 1, 2, 4, 8 s), across a restart, and resets after a success', async () => {
    const { dir, deps } = await setUp();
    let kr = await openKeyring(dir, deps);
    for (let i = 0; i < 4; i += 1) await expect(kr.unlock(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    // Attempts 1 and 2 are immediate; 3 and 4 wait 1 s and 2 s.
    expect(deps.slept).toEqual([1000, 2000]);
    // The count is on disk: a restart does not wipe it.
    kr = await openKeyring(dir, deps);
    expect(kr.failures).toBe(4);
    await expect(kr.unlock(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    expect(deps.slept).toEqual([1000, 2000, 4000]);
    // Even the right passphrase waits its turn, then clears the count.
    await kr.unlock(STAFF[1].passphrase);
    expect(deps.slept).toEqual([1000, 2000, 4000, 8000]);
    expect(kr.failures).toBe(0);
    await expect(kr.unlock(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    await expect(kr.unlock(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    expect(deps.slept).toEqual([1000, 2000, 4000, 8000]);
    const log = await readLog(dir);
    expect(log.slice(-8).map((e) => e.failures)).toEqual([1, 2, 3, 4, 5, 0, 1, 2]);
  });

  it('never waits more than 60 seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50, 5000].map(delayAfterFailures)).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000,
    ]);
  });

  it('takes attempts one at a time, so guesses in parallel cannot skip the wait', async () => {
    const { dir, deps } = await setUp();
    const kr = await openKeyring(dir, deps);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => kr.unlock(WRONG)));
    expect(results.every((r) => r.status === 'rejected' && r.reason.code === 'BAD_PASSPHRASE')).toBe(true);
    expect(deps.slept).toEqual([1000, 2000, 4000]);
    expect((await readLog(dir)).slice(-5).map((e) => e.failures)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('authenticating a reviewer', () => {
  it('needs the vault unlocked', async () => {
    const { dir, deps } = await setUp();
    const kr = await openKeyring(dir, deps);
    await expect(kr.authenticate(STAFF[0].passphrase)).rejects.toMatchObject({ code: 'PROCEDURE_FORBIDS' });
  });

  it('gives each reviewer their own signing key, whose signatures verify with the public key on record', async () => {
    const { dir, deps, created } = await setUp();
    const kr = await openKeyring(dir, deps);
    await kr.unlock(STAFF[0].passphrase);
    const a = await kr.authenticate(STAFF[0].passphrase);
    const b = await kr.authenticate(STAFF[1].passphrase);
    expect([a.staff.id, b.staff.id]).toEqual(created.staff.map((s) => s.id));
    expect(a.signer.fingerprint).not.toBe(b.signer.fingerprint);
    for (const [who, rec] of [
      [a, created.staff[0]],
      [b, created.staff[1]],
    ] as const) {
      expect(who.signer.fingerprint).toBe(rec?.fingerprint);
      const message = 'countersign signoff v1\nCS-20261124-ABC123\n' + 'ab'.repeat(32);
      const sig = who.signer.sign(message);
      expect(
        verify(null, Buffer.from(message), createPublicKey(rec?.publicKeyPem ?? ''), Buffer.from(sig, 'hex')),
      ).toBe(true);
    }
    await expect(kr.authenticate(WRONG)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    const log = await readLog(dir);
    expect(log.slice(-3).map((e) => [e.event, e.staffId])).toEqual([
      ['authenticate.succeeded', a.staff.id],
      ['authenticate.succeeded', b.staff.id],
      ['authenticate.failed', null],
    ]);
  });

  it('refuses everything that needs the data key once locked again', async () => {
    const { created } = await setUp();
    await created.keyring.lock();
    expect(created.keyring.isUnlocked).toBe(false);
    await expect(created.keyring.authenticate(STAFF[0].passphrase)).rejects.toMatchObject({
      code: 'PROCEDURE_FORBIDS',
    });
    expect(() => created.keyring.staffList()).toThrow(expect.objectContaining({ code: 'PROCEDURE_FORBIDS' }));
  });
});

describe('set-up into an existing folder', () => {
  it(
    'uses an empty keys/ folder, refuses one with ' + 'anything in it, and clears an unfinished earlier set-up',
    async () => {
      const deps = testDeps();
      const dir = join(await tempDir(), 'data');
      await mkdir(join(dir, 'keys'), { recursive: true });
      await mkdir(join(dir, '.tmp-keys-0123456789abcdef', 'staff'), { recursive: true });
      await (await createKeyring(dir, STAFF, deps)).keyring.authenticate(STAFF[0].passphrase);
      expect((await readdir(dir)).sort()).toEqual(['keys']);
      const other = join(await tempDir(), 'data');
      await mkdir(join(other, 'keys'), { recursive: true });
      await writeFile(join(other, 'keys', 'device.key'), 'x');
      await expect(createKeyring(other, STAFF, deps)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('device.key'),
      });
    },
  );
});
