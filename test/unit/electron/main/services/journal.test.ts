// The journal and vault as a court would check them: bytes on disk, the chain recomputed independently, refusals that
// write nothing.
import { createHash, verify, createPublicKey } from 'node:crypto';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { Journal } from '@main/services/journal';
import { Vault } from '@main/services/vault';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { incidentInReview, mustAppend, newVault, openedCommand, storeCapture } from '@test/helpers/vault';
import { refusalCode } from '@test/helpers/refusals';

const journalLines = async (dir: string) =>
  (await readFile(join(dir, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean);

describe('journal on disk', () => {
  it('writes one canonical, hash-chained JSON line per entry that an independent check recomputes', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    await mustAppend(store, {
      kind: 'note.added',
      actor: 'ds',
      data: { text: 'Pupil showed us the post on her phone first.' },
    });
    const lines = await journalLines(store.dir);
    expect(lines.length).toBe(store.journal.entries.length);
    let prev = '0'.repeat(64);
    lines.forEach((line, i) => {
      const e = JSON.parse(line);
      expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'data', 'hash', 'kind', 'mono', 'prev', 'seq']);
      expect(e.seq).toBe(i);
      expect(e.prev).toBe(prev);
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(typeof e.mono).toBe('number');
      const { hash, ...rest } = e;
      expect(
        createHash('sha256')
          .update(`${prev}\n${canonicalize(rest)}`)
          .digest('hex'),
      ).toBe(hash);
      prev = hash;
    });
  });

  it('has the device sign the head after each completed step, verifiable with openssl-style Ed25519', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const entries = store.journal.entries;
    const heads = entries.filter((e) => e.kind === 'head.signed');
    // opened, clock confirmed, triage answered: three steps, three signed heads.
    expect(heads.length).toBe(3);
    for (const h of heads) {
      const d = h.data as { seq: number; hash: string; signature: string };
      expect(entries[d.seq]?.hash).toBe(d.hash);
      const ok = verify(
        null,
        Buffer.from(`countersign head v1\n${d.seq}\n${d.hash}`),
        createPublicKey(vault.info.devicePublicKeyPem),
        Buffer.from(d.signature, 'hex'),
      );
      expect(ok).toBe(true);
    }
    const kept = JSON.parse(await readFile(join(store.dir, 'head.json'), 'utf8'));
    expect(kept.seq).toBe((heads.at(-1)?.data as { seq: number }).seq);
  });

  it('refuses what the procedure forbids and leaves the file byte for byte as it was', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const before = await readFile(join(store.dir, 'journal.jsonl'));
    const early = store.journal.append({ kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Done' } });
    expect(await refusalCode(early)).toBe('PROCEDURE_FORBIDS');
    const bad = store.journal.append({ kind: 'note.added', actor: 'ah', data: { text: '' } });
    expect(await refusalCode(bad)).toBe('INVALID_INPUT');
    expect(await readFile(join(store.dir, 'journal.jsonl'))).toEqual(before);
  });

  it('drops a browser fact that comes too late for the procedure, writing nothing, where append refuses', async () => {
    const vault = await newVault();
    const store = await vault.createIncident(openedCommand(vault.newRef(), vault.device.fingerprint));
    const before = await readFile(join(store.dir, 'journal.jsonl'));
    const fact = {
      kind: 'browser.title',
      actor: 'system',
      data: { url: 'http://127.0.0.1:9/late', title: 'Late page' },
    } as const;
    expect(await store.journal.appendFact(fact)).toBeNull();
    expect(await refusalCode(store.journal.append(fact))).toBe('PROCEDURE_FORBIDS');
    expect(await readFile(join(store.dir, 'journal.jsonl'))).toEqual(before);
  });

  it('leaves no incident folder behind when the opening entry is refused', async () => {
    const vault = await newVault();
    const opened = openedCommand(vault.newRef(), vault.device.fingerprint);
    const same = {
      ...opened,
      data: { ...opened.data, reviewers: [opened.data.reviewers[0], opened.data.reviewers[0]] },
    };
    expect(await refusalCode(vault.createIncident(same as typeof opened))).toBe('SAME_PERSON');
    expect(await vault.listIncidents()).toEqual([]);
  });

  it('keeps a torn last line aside, records it, and carries on with a valid chain', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const torn = '{"seq":99,"at":"2026-11-24T10:00:00.0';
    await appendFile(path, torn);
    const reopened = await Vault.open(vault.dataDir, { codec: plainCodec, clock: systemClock });
    const again = await reopened.openIncident(store.ref);
    const rec = again.journal.entries.find((e) => e.kind === 'recovery.torn-tail');
    expect(rec).toBeDefined();
    const data = rec?.data as { bytes: number; keptAs: string; sha256: string };
    expect(data.bytes).toBe(Buffer.byteLength(torn));
    expect(await readFile(join(store.dir, data.keptAs), 'utf8')).toBe(torn);
    expect(data.sha256).toBe(createHash('sha256').update(torn).digest('hex'));
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
    expect((await journalLines(store.dir)).every((l) => JSON.parse(l))).toBeTruthy();
  });

  it('refuses to open a journal with a line that is not JSON, naming the line, and changes nothing', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const lines = await journalLines(store.dir);
    lines.splice(2, 0, 'this is not json');
    await writeFile(path, `${lines.join('\n')}\n`);
    const before = await readFile(path);
    await expect(Journal.open(store.dir, vault.journalDeps(), store.ref)).rejects.toThrow(/line 3 is not JSON/);
    expect(await readFile(path)).toEqual(before);
  });

  it('refuses an unknown entry kind, naming it', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const lines = await journalLines(store.dir);
    const e = JSON.parse(lines[1] ?? '');
    e.kind = 'capture.teleported';
    lines[1] = JSON.stringify(e);
    await writeFile(path, `${lines.join('\n')}\n`);
    await expect(Journal.open(store.dir, vault.journalDeps(), store.ref)).rejects.toThrow(
      /unknown kind "capture.teleported"/,
    );
  });
});

describe('one writer', () => {
  it('refuses to append to a journal cut behind its back, writing nothing, rather than fork the chain', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const lines = await journalLines(store.dir);
    await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
    const cut = await readFile(path);
    const e = await mustAppend(store, { kind: 'note.added', actor: 'ah', data: { text: 'After the cut.' } }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/changed by something other than/) });
    expect(await readFile(path)).toEqual(cut);
  });
});

describe('vault files', () => {
  it('stores evidence under its SHA-256 with no temporary file left, and reads it back checked', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const png = Buffer.from('\x89PNG fake capture bytes 1');
    const entry = await storeCapture(store, png);
    const sha = createHash('sha256').update(png).digest('hex');
    expect((entry.data as { sha256: string }).sha256).toBe(sha);
    expect(await readdir(join(store.dir, 'files'))).toEqual([sha]);
    expect(await readFile(join(store.dir, 'files', sha))).toEqual(png);
    expect(Buffer.from(await store.getFile(sha))).toEqual(png);
  });

  it('refuses a file whose bytes do not match its name', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const entry = await storeCapture(store, Buffer.from('original bytes'));
    const sha = (entry.data as { sha256: string }).sha256;
    await writeFile(join(store.dir, 'files', sha), 'swapped bytes');
    await expect(store.getFile(sha)).rejects.toThrow(/does not match its hash/);
  });

  it('destroys a purged file so its bytes are nowhere in the folder', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const marker = Buffer.from('UNIQUE-MARKER-7f3a9c capture bytes');
    const entry = await storeCapture(store, marker);
    const sha = (entry.data as { sha256: string }).sha256;
    expect(await store.destroyFile(sha)).toBe(true);
    expect(await readdir(join(store.dir, 'files'))).toEqual([]);
  });
});
