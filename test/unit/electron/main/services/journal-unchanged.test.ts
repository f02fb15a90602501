// Before a bundle is made, the journal on disk must still be the one in memory. A file that is byte for byte what the
// store wrote is proved so by one SHA-256, without decoding and checking its lines again (for 500 captures, 3,000 of
// them under the exporter's key derivation); any other file is checked in full, and the ledger and the head kept
// beside the journal still are.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CodedError } from '@shared/result';
import { systemClock } from '@main/services/clock';
import { plainCodec, type VaultCodec } from '@main/services/codec';
import { Vault } from '@main/services/vault';
import { incidentInReview, mustAppend, tempDir } from '@test/helpers/vault';

/** When set, the next journal append fails as a full disk does, having written nothing. */
const disk = vi.hoisted(() => ({ fullOnce: false }));
vi.mock('@main/services/durable', async (importOriginal) => {
  const durable = await importOriginal<typeof import('@main/services/durable')>();
  return {
    ...durable,
    appendDurable: async (...args: Parameters<typeof durable.appendDurable>) => {
      if (!disk.fullOnce) return durable.appendDurable(...args);
      disk.fullOnce = false;
      throw new CodedError('IO_ERROR', 'The drive is full.');
    },
  };
});

/** A vault whose codec counts the journal lines it decodes. */
const countingVault = async () => {
  const seen = { lines: 0 };
  const codec: VaultCodec = {
    ...plainCodec,
    decodeLine: (stored, context) => {
      seen.lines++;
      return plainCodec.decodeLine(stored, context);
    },
  };
  const dataDir = join(await tempDir(), 'data');
  const vault = await Vault.create(dataDir, { codec, clock: systemClock });
  return { seen, codec, vault, dataDir };
};

const NOTE = {
  kind: 'note.added',
  actor: 'ds',
  data: { text: 'Pupil showed us the post on her phone first.' },
} as const;

describe('the journal on disk before an export', () => {
  it('is proved unchanged without a line decoded, after a torn tail kept aside, entries and signed heads', async () => {
    const { seen, codec, vault, dataDir } = await countingVault();
    const first = await incidentInReview(vault);
    await appendFile(join(first.dir, 'journal.jsonl'), '{"seq":99,"at":"2026-11-24T10:0');
    const store = await (await Vault.open(dataDir, { codec, clock: systemClock })).openIncident(first.ref);
    expect(store.journal.entries.some((e) => e.kind === 'recovery.torn-tail')).toBe(true);
    await mustAppend(store, NOTE);
    await store.journal.signHead();
    seen.lines = 0;
    await store.assertIntactOnDisk();
    expect(seen.lines).toBe(0);
  });

  it('is proved unchanged after an append the full disk refused, and while another is being written', async () => {
    const { seen, vault } = await countingVault();
    const store = await incidentInReview(vault);
    disk.fullOnce = true;
    await expect(mustAppend(store, NOTE)).rejects.toMatchObject({ code: 'IO_ERROR' });
    const writing = mustAppend(store, NOTE);
    seen.lines = 0;
    await store.assertIntactOnDisk();
    await writing;
    await store.assertIntactOnDisk();
    expect(seen.lines).toBe(0);
    expect(store.journal.entries.filter((e) => e.kind === 'note.added')).toHaveLength(1);
  });

  it('still refuses an unchanged journal whose incident the ledger records as deleted', async () => {
    const { vault } = await countingVault();
    const store = await incidentInReview(vault);
    await vault.ledger.recordRemoved(store.ref, 'deleted by two people: test');
    await expect(store.assertIntactOnDisk()).rejects.toMatchObject({ code: 'ROLLED_BACK' });
  });

  it('checks in full, and refuses, a journal altered without changing its length', async () => {
    const { seen, vault } = await countingVault();
    const store = await incidentInReview(vault);
    await mustAppend(store, NOTE);
    const path = join(store.dir, 'journal.jsonl');
    const text = await readFile(path, 'utf8');
    const altered = text.replace('her phone first', 'his phone first');
    expect(altered.length).toBe(text.length);
    await writeFile(path, altered);
    seen.lines = 0;
    await expect(store.assertIntactOnDisk()).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(seen.lines).toBeGreaterThan(0);
  });

  it('reports a journal cut back by its last entry', async () => {
    const { vault } = await countingVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
    await expect(store.assertIntactOnDisk()).rejects.toMatchObject({ code: 'ROLLED_BACK' });
  });

  it('still refuses a head kept beside an unchanged journal that the device did not sign', async () => {
    const { vault } = await countingVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'head.json');
    const head = JSON.parse(await readFile(path, 'utf8')) as { signature: string };
    const flipped = `${head.signature.startsWith('A') ? 'B' : 'A'}${head.signature.slice(1)}`;
    await writeFile(path, JSON.stringify({ ...head, signature: flipped }));
    await expect(store.assertIntactOnDisk()).rejects.toMatchObject({ code: 'CORRUPT' });
  });
});
