// Managing staff: two different people approve additions and removals, a passphrase change re-wraps only, recovery
// works and is logged.
import { createPublicKey, verify } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { keysHeldSoFar, unwipedKeys } from '@main/services/key-material';
import { Keyring, openKeyring } from '@main/services/keyring/keyring';
import { refusalCode } from '@test/helpers/refusals';
import { Vault } from '@main/services/vault';
import { incidentInReview, storeCapture } from '@test/helpers/vault';
import { hashTree, readLog, setUp, STAFF, THIRD } from './keyring-fixtures';

const approvals = [STAFF[0].passphrase, STAFF[1].passphrase] as const;

describe('adding staff', () => {
  it('needs two different registered people, and the newcomer can then unlock and sign', async () => {
    const { dir, deps, created } = await setUp();
    const kr = created.keyring;
    const treeBefore = await hashTree(dir);
    await expect(kr.addStaff(THIRD, [STAFF[0].passphrase, STAFF[0].passphrase])).rejects.toMatchObject({
      code: 'SAME_PERSON',
    });
    await expect(kr.addStaff(THIRD, [STAFF[0].passphrase, 'not anyone at all here'])).rejects.toMatchObject({
      code: 'BAD_PASSPHRASE',
    });
    // Refusals wrote nothing but the access log.
    const treeAfterRefusals = await hashTree(dir);
    for (const [f, h] of treeBefore) if (f !== 'keys/access.jsonl') expect(treeAfterRefusals.get(f), f).toBe(h);
    expect([...treeAfterRefusals.keys()]).toEqual([...treeBefore.keys()]);

    const added = await kr.addStaff(THIRD, approvals);
    expect(added).toMatchObject({ name: THIRD.name, role: THIRD.role, previousKeys: [] });
    expect(kr.staffList().map((s) => s.name)).toEqual([STAFF[0].name, STAFF[1].name, THIRD.name]);
    const fresh = await openKeyring(dir, deps);
    expect((await fresh.unlock(THIRD.passphrase)).staff.id).toBe(added.id);
    const signer = (await fresh.authenticate(THIRD.passphrase)).signer;
    expect(
      verify(null, Buffer.from('m'), createPublicKey(added.publicKeyPem), Buffer.from(signer.sign('m'), 'hex')),
    ).toBe(true);
    const entry = (await readLog(dir)).find((e) => e.event === 'staff.added' && e.staffId === added.id);
    expect(entry?.approvedBy).toEqual(created.staff.map((s) => s.id));
  });

  it('refuses the same person twice, a weak passphrase, and a passphrase someone already uses', async () => {
    const { created } = await setUp();
    const kr = created.keyring;
    await expect(kr.addStaff({ ...THIRD, name: STAFF[1].name, role: STAFF[1].role }, approvals)).rejects.toMatchObject({
      code: 'SAME_PERSON',
    });
    await expect(kr.addStaff({ ...THIRD, passphrase: 'herons' }, approvals)).rejects.toMatchObject({
      message: expect.stringContaining('Use at least 12 characters'),
    });
    await expect(kr.addStaff({ ...THIRD, passphrase: STAFF[0].passphrase }, approvals)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(kr.staffList().length).toBe(2);
  });

  it('refuses a name or role that would not print as it looks: nothing-printing characters, no letters', async () => {
    const { created } = await setUp();
    const kr = created.keyring;
    const head = STAFF[0].name;
    // A name of zero-width spaces signed as a blank box; the others print exactly as the first person's name does.
    const hidden: [string, string][] = [
      ['\u200b', 'U+200B'],
      [head.replace(' ', '\u200b '), 'U+200B'],
      [head.replace(' ', '\u200c '), 'U+200C'],
      [head.replace(' ', '\u034f '), 'U+034F'],
      [`${head}\ufe0f`, 'U+FE0F'],
      ['\u3164', 'U+3164'],
      ['Sam Lee\u202e', 'U+202E'],
      ['Sam\u2060Lee', 'U+2060'],
      ['Sam\u00adLee', 'U+00AD'],
    ];
    for (const [name, code] of hidden)
      await expect(kr.addStaff({ ...THIRD, name }, approvals), JSON.stringify(name)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(`prints as nothing (${code})`),
      });
    await expect(kr.addStaff({ ...THIRD, role: 'Head\u200b' }, approvals)).rejects.toMatchObject({
      message: expect.stringMatching(/^The role or position of Gareth Pryce holds a character that prints as nothing/),
    });
    for (const name of ['12345', '---', '🦄'])
      await expect(kr.addStaff({ ...THIRD, name }, approvals), name).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('no letters'),
      });
    expect(kr.staffList().length).toBe(2);
    // Names as UK staff spell them, in any script, with the joiners Persian and Sinhala are spelt with.
    const welcome = ["Siân O'Brien-Ní Bhriain", 'Zoë de Souza', 'مهدی\u200cپور', 'ශ්\u200dරී', '김민지', 'अनुष्का', '王芳'];
    for (const [i, name] of welcome.entries()) {
      const added = await kr.addStaff({ ...THIRD, name, passphrase: `${THIRD.passphrase} ${'abcdefg'[i]}` }, approvals);
      expect(added.name).toBe(name);
    }
    // A zero-width non-joiner between two Latin letters does not make another person.
    const joined = { ...THIRD, name: 'Zo\u200cë de Souza', passphrase: `${THIRD.passphrase} h` };
    await expect(kr.addStaff(joined, approvals)).rejects.toMatchObject({
      code: 'SAME_PERSON',
    });
  });

  it('at set-up, a refused name says which person it is, as the screen heads them', async () => {
    // "The person's name holds…" left two people at set-up to guess whose.
    const second = { ...STAFF[1], name: STAFF[1].name.replace(' ', '\u200b ') };
    await expect(setUp([STAFF[0], second])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /^Person 2's name holds a character that prints as nothing \(U\+200B\).*Enter Person 2's name again/,
      ),
    });
    // Two people may share a name: a refused role says whose, as a refused name does.
    await expect(setUp([STAFF[0], { ...STAFF[1], role: 'Designated\u200b Safeguarding Lead' }])).rejects.toMatchObject({
      message: expect.stringMatching(
        new RegExp(
          '^The role or position of Person 2 \\(Zoë Brontë-Llewellyn\\) holds a character that prints as nothing ' +
            "\\(U\\+200B\\).*Enter Person 2's role or position again without it\\.$",
        ),
      ),
    });
    // A control character had been told to "enter the name (up to 120 characters)", as if it were too long.
    await expect(setUp([STAFF[0], { ...STAFF[1], name: '\u0001Dana' }])).rejects.toMatchObject({
      message: expect.stringMatching(/^Person 2's name holds a control character \(U\+0001\)/),
    });
    // Counted in characters, not in the halves of those beyond the first 65,536 codes.
    const deseret = '\u{10410}\u{10437}'.repeat(31);
    const long = await setUp([STAFF[0], { ...STAFF[1], name: deseret }]);
    expect(long.created.keyring.staffList().map((p) => p.name)).toContain(deseret);
    await expect(setUp([{ ...STAFF[0], name: 'a'.repeat(121) }, STAFF[1]])).rejects.toMatchObject({
      message: "Person 1's name is longer than 120 characters. Enter Person 1's name in 120 characters or fewer.",
    });
    await expect(setUp([{ ...STAFF[0], name: '42' }, STAFF[1]])).rejects.toMatchObject({
      message: "Person 1's name has no letters in it. Enter Person 1's name as it should be printed.",
    });
  });

  it('a lock landing while someone is being added waits its turn: the change is whole and no key stays', async () => {
    const since = keysHeldSoFar();
    const { dir, deps, created } = await setUp();
    const kr = created.keyring;
    // The lock is pressed at the await after both approvals, where the data key is needed next.
    const proto = Keyring.prototype as unknown as { passphraseInUse(this: Keyring, p: string): Promise<boolean> };
    const inUse = proto.passphraseInUse;
    let locking: Promise<void> | null = null;
    const spy = vi.spyOn(proto, 'passphraseInUse').mockImplementation(function (this: Keyring, p: string) {
      locking ??= this.lock();
      return inUse.call(this, p);
    });
    const adding = refusalCode(kr.addStaff(THIRD, approvals));
    expect(await adding).toBe('RESOLVED');
    await locking;
    spy.mockRestore();
    expect(kr.isUnlocked).toBe(false);
    expect(unwipedKeys(since)).toEqual([]);
    expect(() => kr.staffList()).toThrow(/Unlock the vault first/);
    // Whole: the newcomer's wrap and the staff list agree, so they can unlock.
    const fresh = await openKeyring(dir, deps);
    expect((await fresh.unlock(THIRD.passphrase)).staff.name).toBe(THIRD.name);
    await fresh.lock();
  });

  it('needs the vault unlocked', async () => {
    const { created } = await setUp();
    await created.keyring.lock();
    await expect(created.keyring.addStaff(THIRD, approvals)).rejects.toMatchObject({ code: 'PROCEDURE_FORBIDS' });
  });
});

describe('removing staff', () => {
  it('never goes below two people', async () => {
    const { created, keys } = await setUp();
    await expect(created.keyring.removeStaff(created.staff[1]?.id ?? '', approvals)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/at least two/),
    });
    await expect(stat(join(keys, 'staff', `${created.staff[1]?.id}.json`))).resolves.toBeTruthy();
  });

  it(
    'needs two different people, then the removed ' + 'passphrase opens nothing and the record stays for the history',
    async () => {
      const { dir, deps, created, keys } = await setUp();
      const kr = created.keyring;
      const third = await kr.addStaff(THIRD, approvals);
      await expect(kr.removeStaff(third.id, [STAFF[1].passphrase, STAFF[1].passphrase])).rejects.toMatchObject({
        code: 'SAME_PERSON',
      });
      await expect(kr.removeStaff('0'.repeat(32), approvals)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const removed = await kr.removeStaff(third.id, [STAFF[1].passphrase, THIRD.passphrase]);
      expect(removed.removedAt).toBe('2026-11-24T09:00:00.000Z');
      expect(kr.staffList().map((s) => s.id)).toEqual(created.staff.map((s) => s.id));
      await expect(stat(join(keys, 'staff', `${third.id}.json`))).rejects.toThrow();
      const fresh = await openKeyring(dir, deps);
      await expect(fresh.unlock(THIRD.passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      await fresh.unlock(STAFF[0].passphrase);
      await expect(fresh.authenticate(THIRD.passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      const entry = (await readLog(dir)).find((e) => e.event === 'staff.removed');
      expect(entry).toMatchObject({ staffId: third.id, approvedBy: [created.staff[1]?.id, third.id] });
    },
  );
});

describe('changing a passphrase', () => {
  it("re-wraps only that person's keys: every other file, evidence included, is byte for byte the same", async () => {
    const { dir, deps, created } = await setUp();
    const vault = await Vault.create(dir, { codec: created.codec, clock: deps.clock });
    const store = await incidentInReview(vault);
    await storeCapture(store, Buffer.from('screenshot bytes of the post'));
    const who = created.staff[0];
    const wrapFile = `keys/staff/${who?.id}.json`;
    const logBefore = await readFile(join(dir, 'keys', 'access.jsonl'));
    const before = await hashTree(dir);

    const next = 'a lighthouse keeper in Whitby';
    const changed = await (await openKeyring(dir, deps)).changePassphrase(STAFF[0].passphrase, next);
    expect(changed.id).toBe(who?.id);

    const after = await hashTree(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differing = [...before]
      .filter(([f, h]) => after.get(f) !== h)
      .map(([f]) => f)
      .sort();
    expect(differing).toEqual(['keys/access.jsonl', wrapFile].sort());
    const logAfter = await readFile(join(dir, 'keys', 'access.jsonl'));
    expect(logAfter.subarray(0, logBefore.length)).toEqual(logBefore);
    expect((await readLog(dir)).at(-1)).toMatchObject({ event: 'passphrase.changed', staffId: who?.id });

    const kr = await openKeyring(dir, deps);
    await expect(kr.unlock(STAFF[0].passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    const opened = await kr.unlock(next);
    expect(opened.staff.id).toBe(who?.id);
    // Same signing key as before: earlier signatures still belong to the same key.
    expect((await kr.authenticate(next)).signer.fingerprint).toBe(who?.fingerprint);
    const again = await (await Vault.open(dir, { codec: opened.codec, clock: deps.clock })).openIncident(store.ref);
    expect(again.journal.entries.length).toBe(store.journal.entries.length);
  });

  it(
    'refuses a wrong old passphrase (logged), a weak or ' + "unchanged new one, and another person's passphrase",
    async () => {
      const { dir, deps } = await setUp();
      const kr = await openKeyring(dir, deps);
      await expect(
        kr.changePassphrase('not my passphrase at all', 'a lighthouse keeper in Whitby'),
      ).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      expect((await readLog(dir)).at(-1)).toMatchObject({
        event: 'passphrase-change.failed',
        staffId: null,
        failures: 1,
      });
      await expect(kr.changePassphrase(STAFF[0].passphrase, 'too short')).rejects.toMatchObject({
        message: expect.stringMatching(/^Use at least 12 characters/),
      });
      await expect(kr.changePassphrase(STAFF[0].passphrase, STAFF[0].passphrase)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(kr.changePassphrase(STAFF[0].passphrase, STAFF[1].passphrase)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(kr.changePassphrase(STAFF[0].passphrase, 'Aisha Okonkwo 2026')).rejects.toMatchObject({
        message: expect.stringMatching(/your name, your role/),
      });
      await kr.unlock(STAFF[0].passphrase);
    },
  );
});

describe('recovery code', () => {
  it(
    'accepts the code in lower case with spaces, resets the ' +
      'passphrase, issues a new signing key and keeps the old one on record',
    async () => {
      const { dir, deps, created } = await setUp();
      const who = created.staff[1];
      const typed = created.recoveryCode.toLowerCase().replace(/-/g, ' ');
      const kr = await openKeyring(dir, deps);
      const listed = await kr.recoveryStaffList(typed);
      expect(listed.map((s) => s.name)).toEqual(STAFF.map((s) => s.name));
      expect(kr.isUnlocked).toBe(false);

      const next = 'the tide came in past the pier';
      const r = await kr.recover(typed, who?.id ?? '', next);
      expect(r.staff.id).toBe(who?.id);
      expect(r.staff.fingerprint).not.toBe(who?.fingerprint);
      expect(r.staff.previousKeys).toEqual([
        {
          publicKeyPem: who?.publicKeyPem,
          fingerprint: who?.fingerprint,
          retiredAt: '2026-11-24T09:00:00.000Z',
          reason: 'recovery',
        },
      ]);
      expect(kr.isUnlocked).toBe(true);
      expect(Buffer.from(r.codec.decodeFile(created.codec.encodeFile(Buffer.from('x'), 'c'), 'c')).toString()).toBe(
        'x',
      );

      const fresh = await openKeyring(dir, deps);
      await expect(fresh.unlock(STAFF[1].passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      await fresh.unlock(next);
      expect((await fresh.authenticate(next)).signer.fingerprint).toBe(r.staff.fingerprint);
      expect(fresh.staffList().find((s) => s.id === who?.id)?.previousKeys.length).toBe(1);
      // The other person is untouched.
      await fresh.unlock(STAFF[0].passphrase);
      expect((await fresh.authenticate(STAFF[0].passphrase)).signer.fingerprint).toBe(created.staff[0]?.fingerprint);
      const log = await readLog(dir);
      expect(log.filter((e) => e.event.startsWith('recovery.')).map((e) => [e.event, e.staffId])).toEqual([
        ['recovery.opened', null],
        ['recovery.used', who?.id],
      ]);
    },
  );

  it('accepts the code with O for 0 and I or L for 1 (Crockford), and dashes or none', async () => {
    const { dir, deps, created } = await setUp();
    const kr = await openKeyring(dir, deps);
    const sloppy = created.recoveryCode.replace(/-/g, '').replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await kr.recoveryStaffList(sloppy)).length).toBe(2);
    expect((await kr.recoveryStaffList(created.recoveryCode)).length).toBe(2);
  });

  it('refuses a wrong code (logged, counted) and a mistyped one, and changes nothing', async () => {
    const { dir, deps, created } = await setUp();
    const before = await hashTree(dir);
    const kr = await openKeyring(dir, deps);
    const code = created.recoveryCode;
    const wrong = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    await expect(kr.recover(wrong, created.staff[0]?.id ?? '', 'the tide came in past the pier')).rejects.toMatchObject(
      { code: 'BAD_PASSPHRASE' },
    );
    await expect(
      kr.recover(code.slice(0, -1), created.staff[0]?.id ?? '', 'the tide came in past the pier'),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(kr.recover(code, 'f'.repeat(32), 'the tide came in past the pier')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(kr.recover(code, created.staff[0]?.id ?? '', 'tide')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await readLog(dir)).filter((e) => e.event === 'recovery.failed').map((e) => e.failures)).toEqual([1]);
    const after = await hashTree(dir);
    for (const [f, h] of before) if (f !== 'keys/access.jsonl') expect(after.get(f), f).toBe(h);
  });
});
