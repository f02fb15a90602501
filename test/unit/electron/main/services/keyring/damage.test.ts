// Damaged key files are refused and named; no name is ever in clear under keys/; a copied vault still opens.
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyring } from '@main/services/keyring/keyring';
import { Vault } from '@main/services/vault';
import { incidentInReview, tempDir } from '@test/helpers/vault';
import { filesUnder, readLog, setUp, STAFF, THIRD } from './keyring-fixtures';

const wrapPath = (keys: string, id: string | undefined) => join(keys, 'staff', `${id}.json`);

describe('damaged key files', () => {
  it('names keyring.json when it is not JSON, cut short, or has a field changed', async () => {
    const { dir, deps, keys } = await setUp();
    const good = await readFile(join(keys, 'keyring.json'), 'utf8');
    for (const bad of ['garbage', good.slice(0, good.length / 2), good.replace('"scrypt"', '"md5"')]) {
      await writeFile(join(keys, 'keyring.json'), bad);
      await expect(openKeyring(dir, deps)).rejects.toMatchObject({
        code: 'CORRUPT',
        message: expect.stringContaining('keys/keyring.json'),
      });
    }
  });

  it('names the staff key file when its wrapped key is cut short', async () => {
    const { dir, deps, keys, created } = await setUp();
    const id = created.staff[1]?.id;
    const wrap = JSON.parse(await readFile(wrapPath(keys, id), 'utf8'));
    for (const field of ['dataKey', 'signingKey']) {
      const cut = { ...wrap, [field]: Buffer.from(wrap[field], 'base64').subarray(0, -4).toString('base64') };
      await writeFile(wrapPath(keys, id), JSON.stringify(cut));
      await expect(openKeyring(dir, deps)).rejects.toMatchObject({
        code: 'CORRUPT',
        message: expect.stringContaining(`keys/staff/${id}.json`),
      });
    }
  });

  it('names the staff key file when the file itself is cut short, or has a changed public key', async () => {
    const { dir, deps, keys, created } = await setUp();
    const id = created.staff[0]?.id;
    const text = await readFile(wrapPath(keys, id), 'utf8');
    await writeFile(wrapPath(keys, id), text.slice(0, 100));
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining(`keys/staff/${id}.json`),
    });
    const other = JSON.parse(await readFile(wrapPath(keys, created.staff[1]?.id), 'utf8'));
    await writeFile(wrapPath(keys, id), JSON.stringify({ ...JSON.parse(text), publicKeyPem: other.publicKeyPem }));
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining(`keys/staff/${id}.json`),
    });
  });

  it(
    'tells a damaged key file from a wrong passphrase: the ' +
      'right passphrase on a flipped byte is CORRUPT, naming the file',
    async () => {
      const { dir, deps, keys, created } = await setUp();
      const id = created.staff[0]?.id;
      const wrap = JSON.parse(await readFile(wrapPath(keys, id), 'utf8'));
      const bytes = Buffer.from(wrap.dataKey, 'base64');
      bytes[30] = (bytes[30] ?? 0) ^ 0x40;
      await writeFile(wrapPath(keys, id), JSON.stringify({ ...wrap, dataKey: bytes.toString('base64') }));
      const kr = await openKeyring(dir, deps);
      await expect(kr.unlock(STAFF[0].passphrase)).rejects.toMatchObject({
        code: 'CORRUPT',
        message: expect.stringContaining(`keys/staff/${id}.json`),
      });
      await expect(kr.unlock('someone guessing wrongly')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      // The other person's keys are intact and still open the vault.
      await kr.unlock(STAFF[1].passphrase);
    },
  );

  it('names staff.enc when it is damaged or missing', async () => {
    const { dir, deps, keys } = await setUp();
    const enc = await readFile(join(keys, 'staff.enc'));
    const flipped = Buffer.from(enc);
    flipped[40] = (flipped[40] ?? 0) ^ 0x01;
    await writeFile(join(keys, 'staff.enc'), flipped);
    const kr = await openKeyring(dir, deps);
    await expect(kr.unlock(STAFF[0].passphrase)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/staff.enc'),
    });
    await writeFile(join(keys, 'staff.enc'), enc.subarray(0, 10));
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/staff.enc'),
    });
    await rm(join(keys, 'staff.enc'));
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/staff.enc'),
    });
  });

  it("refuses a wrap file moved to another person's name", async () => {
    const { dir, deps, keys, created } = await setUp();
    const [a, b] = created.staff;
    await writeFile(wrapPath(keys, b?.id), await readFile(wrapPath(keys, a?.id)));
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining(`keys/staff/${b?.id}.json`),
    });
  });

  it('names the access log when a line is edited or removed (failures hidden), or the log is deleted', async () => {
    const { dir, deps, keys } = await setUp();
    const kr = await openKeyring(dir, deps);
    for (let i = 0; i < 3; i += 1)
      await expect(kr.unlock('someone guessing wrongly')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    const path = join(keys, 'access.jsonl');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    const edited = lines.map((l, i) => (i === lines.length - 1 ? l.replace('"failures":3', '"failures":0') : l));
    await writeFile(path, `${edited.join('\n')}\n`);
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/access.jsonl'),
    });
    await writeFile(path, `${lines.filter((_, i) => i !== 3).join('\n')}\n`);
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/access.jsonl'),
    });
    await rm(path);
    await expect(openKeyring(dir, deps)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('keys/access.jsonl'),
    });
  });

  it('repairs a torn last line of the access log, records it and counts it as a failure', async () => {
    const { dir, deps, keys } = await setUp();
    await appendFile(join(keys, 'access.jsonl'), '{"seq":4,"at":"2026-11-24T09:0');
    const kr = await openKeyring(dir, deps);
    expect(kr.failures).toBe(1);
    const log = await readLog(dir);
    expect(log.at(-1)).toMatchObject({ event: 'log.torn-tail-removed', failures: 1 });
    await kr.unlock(STAFF[0].passphrase);
  });
});

describe('personal data in clear', () => {
  it(
    'has no staff name in any file under keys/, in UTF-8 ' + 'or UTF-16LE, through the whole life of the keyring',
    async () => {
      const { dir, deps, keys, created } = await setUp();
      const kr = created.keyring;
      const third = await kr.addStaff(THIRD, [STAFF[0].passphrase, STAFF[1].passphrase]);
      await kr.changePassphrase(STAFF[1].passphrase, 'a lighthouse keeper in Whitby');
      // Recovery unlocks afresh: the codec handed out before it is wiped, and the new one is used.
      const recovered = await kr.recover(created.recoveryCode, third.id, 'the tide came in past the pier');
      await expect(kr.unlock('someone guessing wrongly')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
      await Vault.create(dir, { codec: recovered.codec, clock: deps.clock });
      const needles = [...STAFF, THIRD].flatMap((s) => [
        s.name,
        s.name.split(' ')[0] ?? '',
        s.name.split(' ').at(-1) ?? '',
      ]);
      const files = await filesUnder(keys);
      expect(files).toContain('device.key');
      for (const f of files) {
        const bytes = await readFile(join(keys, f));
        for (const n of needles) {
          for (const enc of ['utf8', 'utf16le'] as const) {
            expect(bytes.includes(Buffer.from(n, enc)), `${n} (${enc}) in ${f}`).toBe(false);
            expect(bytes.includes(Buffer.from(n.toLowerCase(), enc)), `${n} lower-cased (${enc}) in ${f}`).toBe(false);
          }
        }
      }
    },
  );

  it('keeps only times, events, opaque ids and counts in the access log', async () => {
    const { dir, created } = await setUp();
    await created.keyring.authenticate(STAFF[0].passphrase);
    await expect(created.keyring.authenticate('someone guessing wrongly')).rejects.toMatchObject({
      code: 'BAD_PASSPHRASE',
    });
    const ids = new Set(created.staff.map((s) => s.id));
    for (const e of await readLog(dir)) {
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(e.staffId === null || ids.has(e.staffId)).toBe(true);
      for (const a of e.approvedBy) expect(ids.has(a)).toBe(true);
    }
  });
});

describe('portability', () => {
  it(
    'unlocks a vault copied to another folder (another ' + 'machine) with the right passphrase and reads its evidence',
    async () => {
      const { dir, deps, created } = await setUp();
      const vault = await Vault.create(dir, { codec: created.codec, clock: deps.clock });
      const store = await incidentInReview(vault);
      const copy = join(await tempDir('cs-copy-'), 'elsewhere');
      await cp(dir, copy, { recursive: true });
      const kr = await openKeyring(copy, deps);
      const { codec } = await kr.unlock(STAFF[1].passphrase);
      const reopened = await (await Vault.open(copy, { codec, clock: deps.clock })).openIncident(store.ref);
      expect(reopened.journal.entries.map((e) => e.hash)).toEqual(store.journal.entries.map((e) => e.hash));
    },
  );
});
