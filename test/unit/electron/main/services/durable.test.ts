// Durable writes: a disk that writes fewer bytes than asked is made to finish; one that fails part-way leaves the file
// exactly as it was and says so in plain words.
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodedError } from '@shared/result';
import { appendDurable, writeAtomic } from '@main/services/durable';
import { incidentInReview, newVault, tempDir } from '@test/helpers/vault';

type Write = (buf: Uint8Array, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>;

/** The prototype of Node's FileHandle, whose write() every durable write goes through. */
const handleProto = async (): Promise<{ write: Write }> => {
  const h = await open(join(await tempDir(), 'probe'), 'w');
  await h.close();
  return Object.getPrototypeOf(h) as { write: Write };
};

/** Makes each write() write at most `most` bytes; after `failAfter` calls, it fails as a full disk does. */
const flakyDisk = async (most: number, failAfter = Infinity) => {
  const proto = await handleProto();
  const real = proto.write;
  let calls = 0;
  return vi.spyOn(proto, 'write').mockImplementation(function (this: unknown, buf, offset, length, position) {
    calls += 1;
    if (calls > failAfter) return Promise.reject(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
    return real.call(this, buf, offset, Math.min(length, most), position);
  });
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('appendDurable', () => {
  it('finishes a record the disk wrote only a few bytes of at a time', async () => {
    const path = join(await tempDir(), 'log');
    await writeFile(path, 'first\n');
    const spy = await flakyDisk(3);
    await appendDurable(path, Buffer.from('the second line, written three bytes at a time\n'));
    expect(spy.mock.calls.length).toBeGreaterThan(10);
    expect(await readFile(path, 'utf8')).toBe('first\nthe second line, written three bytes at a time\n');
  });

  it('cuts a record the disk refused part-way back off, and says the disk is full', async () => {
    const path = join(await tempDir(), 'log');
    await writeFile(path, 'first\n');
    await flakyDisk(4, 2);
    const e = await appendDurable(path, Buffer.from('a line that will not fit\n'), 'The note').catch((x) => x);
    expect(e).toBeInstanceOf(CodedError);
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toMatch(/^The note could not be saved: the disk is full\. Nothing was half-written/);
    expect(await readFile(path, 'utf8')).toBe('first\n');
  });
});

describe('writeAtomic', () => {
  it('finishes a file written a few bytes at a time', async () => {
    const path = join(await tempDir(), 'f');
    await flakyDisk(5);
    await writeAtomic(path, Buffer.from('all of these bytes arrive'));
    expect(await readFile(path, 'utf8')).toBe('all of these bytes arrive');
  });

  it('leaves neither the file nor a temporary one when the disk fills part-way', async () => {
    const dir = await tempDir();
    await flakyDisk(5, 1);
    const e = await writeAtomic(join(dir, 'f'), Buffer.from('does not fit')).catch((x) => x);
    expect(e.code).toBe('IO_ERROR');
    expect(await import('node:fs/promises').then((fs) => fs.readdir(dir))).toEqual([]);
  });
});

describe('a journal append on a disk that fills part-way', () => {
  it('is refused with IO_ERROR, writes nothing, and the incident reopens as it was', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const before = await readFile(join(store.dir, 'journal.jsonl'));
    const count = store.journal.entries.length;
    await flakyDisk(16, 1);
    const e = await store.journal
      .append({ kind: 'note.added', actor: 'ah', data: { text: 'A note that meets a full disk.' } })
      .catch((x) => x);
    vi.restoreAllMocks();
    expect(e.code).toBe('IO_ERROR');
    expect(store.journal.entries.length).toBe(count);
    expect(await readFile(join(store.dir, 'journal.jsonl'))).toEqual(before);
    const next = await store.journal.append({
      kind: 'note.added',
      actor: 'ah',
      data: { text: 'Space freed; written.' },
    });
    expect(next.seq).toBe(count);
  });
});
