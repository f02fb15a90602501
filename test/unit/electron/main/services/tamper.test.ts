// Tampering with a vault is detected and named: flipped bytes, deleted, swapped and cut entries, a re-hashed chain,
// altered files.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { plainCodec } from '@main/services/codec';
import type { IncidentStore, Vault } from '@main/services/vault';
import { incidentInReview, mustAppend, newVault, storeCapture } from '@test/helpers/vault';

let vault: Vault;
let store: IncidentStore;
let path: string;

const lines = async () => (await readFile(path, 'utf8')).split('\n').filter(Boolean);
const writeLines = (ls: string[]) => writeFile(path, `${ls.join('\n')}\n`);
const problems = async () => {
  const r = await checkVault(vault.dataDir, plainCodec);
  expect(r.ok).toBe(false);
  return r.incidents[0]?.problems ?? [];
};

beforeEach(async () => {
  vault = await newVault();
  store = await incidentInReview(vault);
  await storeCapture(store, Buffer.from('capture one'));
  await mustAppend(store, { kind: 'note.added', actor: 'ds', data: { text: 'The second comment names the pupil.' } });
  await mustAppend(store, {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  await mustAppend(store, { kind: 'note.added', actor: 'ds', data: { text: 'Parents to be told tomorrow.' } });
  path = join(store.dir, 'journal.jsonl');
});

describe('check on an untouched vault', () => {
  it('reports it intact', async () => {
    const r = await checkVault(vault.dataDir, plainCodec);
    expect(r.incidents[0]?.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('tampering', () => {
  it('a flipped byte in an entry: that entry is named as altered', async () => {
    const ls = await lines();
    const target = ls.findIndex((l) => l.includes('The second comment'));
    ls[target] = (ls[target] ?? '').replace('second', 'sec0nd');
    await writeLines(ls);
    const p = await problems();
    expect(p[0]).toMatchObject({ code: 'BAD_HASH', where: `entry ${target}` });
  });

  it('a deleted entry: the gap is named', async () => {
    const ls = await lines();
    ls.splice(4, 1);
    await writeLines(ls);
    expect((await problems())[0]).toMatchObject({ code: 'BAD_SEQ', where: 'entry 5' });
  });

  it('two entries swapped: named', async () => {
    const ls = await lines();
    [ls[3], ls[4]] = [ls[4] ?? '', ls[3] ?? ''];
    await writeLines(ls);
    expect((await problems())[0]).toMatchObject({ code: 'BAD_SEQ', where: 'entry 4' });
  });

  it('the tail cut after a signed head: the missing signed entries are named', async () => {
    const ls = await lines();
    const lastHead = ls
      .map((l) => JSON.parse(l))
      .filter((e) => e.kind === 'head.signed')
      .at(-1);
    await writeLines(ls.slice(0, lastHead.data.seq - 1));
    const p = await problems();
    expect(p.some((x) => x.code === 'BAD_HEAD' && /cut off/.test(x.message))).toBe(true);
  });

  it('the whole chain re-hashed after an edit, without the device key: the signed heads expose it', async () => {
    const entries = (await lines()).map((l) => JSON.parse(l));
    const note = entries.find((e) => e.kind === 'note.added');
    note.data.text = 'Nothing of concern was found.';
    let prev = '0'.repeat(64);
    for (const e of entries) {
      e.prev = prev;
      const { hash: _old, ...rest } = e;
      e.hash = createHash('sha256')
        .update(`${prev}\n${canonicalize(rest)}`)
        .digest('hex');
      prev = e.hash;
    }
    await writeLines(entries.map((e) => JSON.stringify(e)));
    const p = await problems();
    expect(p.some((x) => x.code === 'BAD_HASH')).toBe(false);
    expect(p.some((x) => x.code === 'BAD_HEAD' && /rewritten/.test(x.message))).toBe(true);
  });

  it('an evidence file changed on disk: named as altered', async () => {
    const sha = store.journal.entries.find((e) => e.kind === 'capture.taken')?.data as { sha256: string };
    await writeFile(join(store.dir, 'files', sha.sha256), 'capture on3');
    expect(await problems()).toEqual([expect.objectContaining({ code: 'FILE_ALTERED', where: `files/${sha.sha256}` })]);
  });

  it('an evidence file removed: named as missing', async () => {
    const sha = store.journal.entries.find((e) => e.kind === 'capture.taken')?.data as { sha256: string };
    await rm(join(store.dir, 'files', sha.sha256));
    expect(await problems()).toEqual([expect.objectContaining({ code: 'FILE_MISSING' })]);
  });

  it('an extra file slipped into the evidence folder: named as unexpected', async () => {
    const extra = createHash('sha256').update('planted').digest('hex');
    await writeFile(join(store.dir, 'files', extra), 'planted');
    expect(await problems()).toEqual([expect.objectContaining({ code: 'FILE_UNEXPECTED', where: `files/${extra}` })]);
  });

  it('a capture forged after the halt with a recomputed chain: the procedure violation is named', async () => {
    const halted = await incidentInReview(vault);
    await mustAppend(halted, { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt/' } });
    path = join(halted.dir, 'journal.jsonl');
    const entries = (await lines()).map((l) => JSON.parse(l));
    const last = entries.at(-1);
    const forged = {
      seq: last.seq + 1,
      at: last.at,
      mono: last.mono,
      kind: 'capture.taken',
      actor: 'ah',
      prev: last.hash,
      data: {
        sha256: 'a'.repeat(64),
        bytes: 1,
        width: 1,
        height: 1,
        url: 'http://127.0.0.1/halt/',
        title: 't',
        mode: 'viewport',
      },
    };
    const hash = createHash('sha256')
      .update(`${last.hash}\n${canonicalize(forged)}`)
      .digest('hex');
    await writeLines([...(await lines()), JSON.stringify({ ...forged, hash })]);
    const r = await checkVault(vault.dataDir, plainCodec);
    const p = r.incidents.find((i) => i.ref === halted.ref)?.problems ?? [];
    expect(p.some((x) => x.code === 'PROCEDURE' && x.where === `entry ${forged.seq}` && /locked/.test(x.message))).toBe(
      true,
    );
  });
});
