// AES-256-GCM at rest: what goes in comes out, and anything altered, cut, re-keyed or moved is refused as CORRUPT.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { aesGcmCodec, SEAL_OVERHEAD } from '@main/services/aes-codec';
import { Vault } from '@main/services/vault';
import { incidentInReview, mustAppend, storeCapture, tempDir } from '@test/helpers/vault';
import { fakeClock, filesUnder } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

const key = randomBytes(32);
const codec = aesGcmCodec(key);
const secret = Buffer.from('Pupil P-117 was sent messages by an adult calling himself Uncle Ron.', 'utf8');

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof CodedError ? e.code : `not a CodedError: ${String(e)}`;
  }
  return undefined;
};

describe('aes-256-gcm codec', () => {
  it('round-trips files and lines, including empty ones and non-ASCII text', () => {
    expect(codec.id).toBe('aes-256-gcm');
    expect(Buffer.from(codec.decodeFile(codec.encodeFile(secret, 'f:1'), 'f:1'))).toEqual(secret);
    expect(codec.decodeFile(codec.encodeFile(new Uint8Array(0), 'f:1'), 'f:1').length).toBe(0);
    const line = '{"note":"Zoë saw the post — twice"}';
    const stored = codec.encodeLine(line, 'journal:CS-1');
    expect(stored).not.toContain('\n');
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(codec.decodeLine(stored, 'journal:CS-1')).toBe(line);
  });

  it('writes a versioned header, a fresh nonce each time and a tag, and never the plaintext', () => {
    const a = Buffer.from(codec.encodeFile(secret, 'f:1'));
    const b = Buffer.from(codec.encodeFile(secret, 'f:1'));
    expect(a.subarray(0, 5)).toEqual(Buffer.from([0x43, 0x53, 0x41, 0x45, 1]));
    expect(a.length).toBe(secret.length + SEAL_OVERHEAD);
    expect(a.subarray(5, 17).equals(b.subarray(5, 17))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(secret)).toBe(false);
    expect(a.includes(Buffer.from('Uncle Ron'))).toBe(false);
  });

  it('refuses a flipped byte anywhere in a file as CORRUPT', () => {
    const stored = Buffer.from(codec.encodeFile(secret, 'f:1'));
    for (let i = 0; i < stored.length; i += 1) {
      const t = Buffer.from(stored);
      t[i] = (t[i] ?? 0) ^ 0x01;
      expect(
        codeOf(() => codec.decodeFile(t, 'f:1')),
        `byte ${i}`,
      ).toBe('CORRUPT');
    }
  });

  it('refuses a file cut short at any length, or with bytes added, as CORRUPT', () => {
    const stored = Buffer.from(codec.encodeFile(secret, 'f:1'));
    for (let n = 0; n < stored.length; n += 1)
      expect(
        codeOf(() => codec.decodeFile(stored.subarray(0, n), 'f:1')),
        `length ${n}`,
      ).toBe('CORRUPT');
    expect(codeOf(() => codec.decodeFile(Buffer.concat([stored, Buffer.from([0])]), 'f:1'))).toBe('CORRUPT');
  });

  it(
    'refuses another key, another context (file moved to ' + 'another name or incident), and a line passed as a file',
    () => {
      const stored = codec.encodeFile(secret, 'file:CS-1:abc');
      expect(codeOf(() => aesGcmCodec(randomBytes(32)).decodeFile(stored, 'file:CS-1:abc'))).toBe('CORRUPT');
      expect(codeOf(() => codec.decodeFile(stored, 'file:CS-2:abc'))).toBe('CORRUPT');
      expect(codeOf(() => codec.decodeFile(stored, 'file:CS-1:abd'))).toBe('CORRUPT');
      const line = codec.encodeLine('entry', 'journal:CS-1');
      expect(codeOf(() => codec.decodeLine(line, 'journal:CS-2'))).toBe('CORRUPT');
      expect(codeOf(() => codec.decodeFile(Buffer.from(line, 'base64'), 'journal:CS-1'))).toBe('CORRUPT');
    },
  );

  it('refuses tampered, truncated and non-base64 lines as CORRUPT', () => {
    const line = codec.encodeLine('{"seq":0}', 'j');
    const flipped = `${line[0] === 'A' ? 'B' : 'A'}${line.slice(1)}`;
    expect(codeOf(() => codec.decodeLine(flipped, 'j'))).toBe('CORRUPT');
    expect(codeOf(() => codec.decodeLine(line.slice(0, -4), 'j'))).toBe('CORRUPT');
    expect(codeOf(() => codec.decodeLine(`${line}!`, 'j'))).toBe('CORRUPT');
    expect(codeOf(() => codec.decodeLine('{"seq":0}', 'j'))).toBe('CORRUPT');
  });

  it('keeps its own copy of the key, and refuses a key that is not 32 bytes', () => {
    const k = randomBytes(32);
    const c = aesGcmCodec(k);
    const stored = c.encodeFile(secret, 'x');
    k.fill(0);
    expect(Buffer.from(c.decodeFile(stored, 'x'))).toEqual(secret);
    expect(codeOf(() => aesGcmCodec(randomBytes(16)))).toBe('INVALID_INPUT');
  });

  it('encrypts a whole vault: journal, evidence and device key hold no plaintext, and it reopens', async () => {
    const dir = join(await tempDir(), 'data');
    const clock = fakeClock();
    const vault = await Vault.create(dir, { codec, clock });
    const store = await incidentInReview(vault);
    const png = Buffer.concat([Buffer.from('\x89PNG fake screenshot of bullying comments '), randomBytes(64)]);
    await storeCapture(store, png, 'Comments calling her names under the photo');
    await mustAppend(store, {
      kind: 'note.added',
      actor: 'ds',
      data: { text: 'Pupil showed us the post on her phone first.' },
    });
    const needles = [
      'Pupil showed us',
      'calling her names',
      'Example School',
      'Designated Safeguarding Lead',
      'PNG fake screenshot',
      'BEGIN PRIVATE KEY',
    ];
    for (const f of await filesUnder(dir)) {
      if (f === 'vault.json') continue;
      const bytes = await readFile(join(dir, f));
      for (const n of needles) expect(bytes.includes(Buffer.from(n, 'utf8')), `${n} in ${f}`).toBe(false);
    }
    const again = await Vault.open(dir, { codec, clock });
    const reopened = await again.openIncident(store.ref);
    expect(reopened.journal.entries.length).toBe(store.journal.entries.length);
    const sha = [...(await reopened.listFiles())][0] ?? '';
    expect(Buffer.from(await reopened.getFile(sha))).toEqual(png);
    await expect(Vault.open(dir, { codec: aesGcmCodec(randomBytes(32)), clock })).rejects.toMatchObject({
      code: 'CORRUPT',
    });
  });
});
