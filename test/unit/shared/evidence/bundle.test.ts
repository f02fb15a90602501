// The bundle format and the pure verifier: tag files as RFC 8493 writes them, urls.csv, and each procedure invariant.
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BAGIT_TXT, screenshotPath } from '@shared/evidence/bundle/bag-layout';
import { exitCode } from '@shared/evidence/bundle/bundle-report';
import { utf8Decode, utf8Encode } from '@shared/evidence/bundle/bytes';
import { parseBagInfo, parseManifest } from '@shared/evidence/bundle/tag-files';
import { csvCell, urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import { seal } from '@shared/evidence/chain';
import type { JournalEntry } from '@shared/evidence/entries';
import { generateSigningKey, nodeCrypto, sha256Hex } from '@main/services/crypto';
import { capture, codes, forgeBag, forgeJournal, opened, REF, toReview, verifyFiles } from '@test/helpers/forge-bundle';

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const device = generateSigningKey().signer;
const ah = generateSigningKey().signer;
const png = (n: number) => new Uint8Array(Buffer.from(`\x89PNG fake image ${n}`, 'latin1'));

describe('UTF-8 without TextEncoder', () => {
  it('round-trips text in every plane, byte for byte as Node encodes it', () => {
    const s = 'Ascii, café, 中文, emoji 🙂, € and \u2028';
    expect(Buffer.from(utf8Encode(s))).toEqual(Buffer.from(s, 'utf8'));
    expect(utf8Decode(Buffer.from(s, 'utf8'))).toBe(s);
  });

  it('refuses malformed UTF-8: overlong, surrogate, truncated, stray bytes', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(utf8Decode(Uint8Array.from(bad))).toBeNull();
    }
  });
});

describe('urls.csv', () => {
  it('neutralises cells a spreadsheet would run as formulas, and quotes every cell', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell('http://a/?q=1,2')).toBe('"http://a/?q=1,2"');
  });

  it('lists each browser entry with its time and kind, CRLF, with a byte-order mark for spreadsheets', () => {
    const e = (seq: number, kind: string, data: object) =>
      seal(nodeCrypto, {
        seq,
        at: `2026-11-24T09:00:0${seq}.000Z`,
        mono: seq,
        kind,
        actor: 'system',
        data,
        prev: '0'.repeat(64),
      } as never) as JournalEntry;
    const csv = urlsCsvText([
      e(0, 'note.added', { text: 'not a URL' }),
      e(1, 'browser.redirected', { from: 'http://a/', to: 'http://b/', how: 'http', status: 302 }),
      e(2, 'browser.title', { url: 'http://b/', title: '=cmd|calc' }),
    ]);
    expect(csv.startsWith('\ufeff"seq","at","kind","url","frame","status","how","from","detail"\r\n')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows).toEqual([
      '"seq","at","kind","url","frame","status","how","from","detail"',
      '"1","2026-11-24T09:00:01.000Z","browser.redirected","http://b/","","302","http","http://a/",""',
      `"2","2026-11-24T09:00:02.000Z","browser.title","http://b/","","","","","'=cmd|calc"`,
      '',
    ]);
  });
});

describe('tag files', () => {
  const entries = forgeJournal(device, [opened(device.fingerprint), ...toReview, capture(png(1))]);
  const files = forgeBag(entries, device, ah, [png(1)]);

  it('bagit.txt declares BagIt 1.0 in UTF-8, exactly', () => {
    expect(text(files.get('bagit.txt'))).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(BAGIT_TXT).toBe(text(files.get('bagit.txt')));
  });

  it('bag-info.txt names the incident, the software, the format, the payload size and the journal head', () => {
    const { fields, bad } = parseBagInfo(text(files.get('bag-info.txt')));
    expect(bad).toEqual([]);
    const payload = [...files].filter(([p]) => p.startsWith('data/'));
    expect(Object.fromEntries([...fields].map(([k, v]) => [k, v[0]]))).toEqual({
      'Source-Organization': 'Example School',
      'External-Identifier': REF,
      'Internal-Sender-Description': 'Evidence bundle',
      'Bagging-Date': '2026-11-24',
      'Bag-Software-Agent': 'Countersign 0.1.0',
      'Payload-Oxum': `${payload.reduce((n, [, b]) => n + b.length, 0)}.${payload.length}`,
      'Countersign-Bundle-Format': '1',
      'Countersign-Journal-Entries': String(entries.length),
      'Countersign-Journal-Head': entries.at(-1)?.hash,
    });
  });

  it(
    'the manifest lists every payload file with its SHA-256; ' +
      'the tag manifest the three tag files, not the signatures',
    () => {
      const manifest = text(files.get('manifest-sha256.txt'));
      const payload = [...files.keys()].filter((p) => p.startsWith('data/')).sort();
      expect(manifest).toBe(payload.map((p) => `${sha256Hex(files.get(p) ?? new Uint8Array())}  ${p}\n`).join(''));
      const tag = parseManifest(text(files.get('tagmanifest-sha256.txt'))).entries.map((e) => e.path);
      expect(tag).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt']);
      expect(payload).toContain(screenshotPath(sha256Hex(png(1))));
    },
  );

  it('each signature is 64 raw bytes of Ed25519 over the exact bytes of the tag manifest', () => {
    for (const [name, signer] of [
      ['device', device],
      ['ah', ah],
    ] as const) {
      const sig = files.get(`signatures/${name}.sig`) ?? new Uint8Array();
      expect(sig.length).toBe(64);
      expect(text(files.get(`signatures/${name}.pub.pem`))).toBe(signer.publicKeyPem);
      expect(
        edVerify(
          null,
          files.get('tagmanifest-sha256.txt') ?? new Uint8Array(),
          createPublicKey(signer.publicKeyPem),
          sig,
        ),
      ).toBe(true);
    }
  });

  it('a manifest line naming a path outside the bag, or a path twice, is refused', () => {
    const h = 'a'.repeat(64);
    const r = parseManifest(`${h}  data/a\n${h}  ../etc/passwd\n${h}  /abs\n${h}  data/a\n${h}\n`);
    expect(r.entries.map((e) => e.path)).toEqual(['data/a']);
    expect(r.bad.map((b) => b.line)).toEqual([2, 3, 4, 5]);
  });
});

describe('verifyBag (pure, over bytes)', () => {
  const entries = forgeJournal(device, [opened(device.fingerprint), ...toReview, capture(png(1))]);

  it('an untouched bag is valid, every check passed', async () => {
    const r = await verifyFiles(forgeBag(entries, device, ah, [png(1)]), REF);
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('valid');
    expect(exitCode(r)).toBe(0);
    expect(r.checks.every((c) => c.result === 'passed')).toBe(true);
    expect(r.signers.map((s) => [s.name, s.valid])).toEqual([
      ['ah', true],
      ['device', true],
    ]);
  });

  it('a bundle in a newer format is unreadable (exit 2), saying which formats this verifier knows', async () => {
    const files = forgeBag(entries, device, ah, [png(1)]);
    files.set(
      'bag-info.txt',
      utf8Encode(
        text(files.get('bag-info.txt')).replace('Countersign-Bundle-Format: 1', 'Countersign-Bundle-Format: 2'),
      ),
    );
    const r = await verifyFiles(files);
    expect(r.status).toBe('unreadable');
    expect(exitCode(r)).toBe(2);
    expect(r.formatVersion).toBe(2);
    expect(r.knownFormats).toEqual([1]);
    expect(r.problems[0]?.code).toBe('FORMAT_UNKNOWN');
    expect(r.problems[0]?.message).toMatch(/format 2, made by a newer Countersign; this verifier knows format 1/);
  });

  it('something that is not a bag at all is unreadable', async () => {
    const r = await verifyFiles(new Map([['notes.txt', utf8Encode('hello')]]));
    expect(r.status).toBe('unreadable');
    expect(r.problems[0]?.code).toBe('NOT_A_BUNDLE');
  });

  it('a missing device signature is reported even when the rest is sound', async () => {
    const files = forgeBag(entries, device, ah, [png(1)]);
    files.delete('signatures/device.sig');
    files.delete('signatures/device.pub.pem');
    const r = await verifyFiles(files);
    expect(codes(r)).toEqual(['SIGNATURE_MISSING']);
    expect(r.problems[0]?.message).toMatch(/device signature is missing/);
  });
});

describe('procedure invariants, on journals the app would never write (signed with the real device key)', () => {
  it('a capture after the halt', async () => {
    const e = forgeJournal(device, [
      opened(device.fingerprint),
      ...toReview,
      capture(png(1)),
      { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
      capture(png(2)),
    ]);
    const r = await verifyFiles(forgeBag(e, device, ah, [png(1), png(2)]));
    expect(codes(r)).toEqual(['CAPTURE_AFTER_HALT', 'PROCEDURE']);
    expect(r.problems.find((p) => p.code === 'CAPTURE_AFTER_HALT')?.where).toBe(
      `data/journal.jsonl entry ${e.findLast((x) => x.kind === 'capture.taken')?.seq}`,
    );
  });

  it('the same person as both reviewers', async () => {
    const e = forgeJournal(device, [opened(device.fingerprint, ['ah', 'ah'])]);
    const r = await verifyFiles(forgeBag(e, device, ah, []));
    expect(codes(r)).toEqual(['PROCEDURE', 'SAME_REVIEWER']);
  });

  it('a sign-off before the conclusion', async () => {
    const e = forgeJournal(device, [
      opened(device.fingerprint),
      ...toReview,
      { kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } },
      {
        kind: 'signoff.signed',
        actor: 'ah',
        data: { reviewer: 'ah', digest: 'a'.repeat(64), publicKey: ah.publicKeyPem, signature: 'b'.repeat(128) },
      },
    ]);
    const r = await verifyFiles(forgeBag(e, device, ah, []));
    expect(codes(r)).toContain('SIGNOFF_BEFORE_CONCLUSION');
    expect(codes(r)).toContain('BAD_SIGNOFF');
  });

  it('a purged capture shipped in the bundle', async () => {
    const sha = sha256Hex(png(1));
    const e = forgeJournal(device, [
      opened(device.fingerprint),
      ...toReview,
      capture(png(1)),
      { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
      { kind: 'halt.purge-decided', actor: 'ds', data: { captures: [sha] } },
      { kind: 'capture.purged', actor: 'ds', data: { sha256: sha, fileDestroyed: true } },
    ]);
    const r = await verifyFiles(forgeBag(e, device, ah, [png(1)]));
    expect(codes(r)).toEqual(['PURGED_PRESENT']);
  });

  it('a screenshot with no capture in the journal, and a capture with no screenshot', async () => {
    const e = forgeJournal(device, [opened(device.fingerprint), ...toReview, capture(png(1))]);
    const r = await verifyFiles(forgeBag(e, device, ah, [png(2)]));
    expect(codes(r)).toEqual(['SCREENSHOT_MISSING', 'SCREENSHOT_UNRECORDED']);
  });

  it('a device key that is not the one the incident was opened with', async () => {
    const other = generateSigningKey().signer;
    const e = forgeJournal(device, [opened(other.fingerprint), ...toReview]);
    const r = await verifyFiles(forgeBag(e, device, ah, []));
    expect(codes(r)).toEqual(['DEVICE_KEY_MISMATCH']);
  });
});
