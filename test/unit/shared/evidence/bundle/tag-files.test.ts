// The tag files as RFC 8493 writes them, and manifests read back without guessing.
import { describe, expect, it } from 'vitest';
import { BAGIT_TXT, screenshotPath } from '@shared/evidence/bundle/bag-layout';
import { parseBagInfo, parseManifest } from '@shared/evidence/bundle/tag-files';
import { generateSigningKey, sha256Hex } from '@main/services/crypto';
import { bagText, capture, fakePng, forgeBag, REF, sealedJournal } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

describe('tag files', async () => {
  const entries = sealedJournal(device, keys, [capture(fakePng(1))]);
  const files = await forgeBag(entries, device, keys, [fakePng(1)]);

  it('bagit.txt declares BagIt 1.0 in UTF-8, exactly', () => {
    expect(bagText(files.get('bagit.txt'))).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(BAGIT_TXT).toBe(bagText(files.get('bagit.txt')));
  });

  it('bag-info.txt names the incident, the software, the format, the payload size and the journal head', () => {
    const { fields, bad } = parseBagInfo(bagText(files.get('bag-info.txt')));
    expect(bad).toEqual([]);
    const payload = [...files].filter(([p]) => p.startsWith('data/'));
    expect(Object.fromEntries([...fields].map(([k, v]) => [k, v[0]]))).toEqual({
      'Source-Organization': 'Example School',
      'External-Identifier': REF,
      'Internal-Sender-Description': 'Evidence bundle',
      'Bagging-Date': '2026-11-24',
      'Bag-Software-Agent': 'Countersign 0.1.0',
      'Payload-Oxum': `${payload.reduce((n, [, b]) => n + b.length, 0)}.${payload.length}`,
      'Countersign-Bundle-Format': '2',
      'Countersign-Journal-Entries': String(entries.length),
      'Countersign-Journal-Head': entries.at(-1)?.hash,
    });
  });

  it(
    'the manifest lists every payload file with its SHA-256; ' +
      'the tag manifest the three tag files, not the signatures',
    () => {
      const manifest = bagText(files.get('manifest-sha256.txt'));
      const payload = [...files.keys()].filter((p) => p.startsWith('data/')).sort();
      expect(manifest).toBe(payload.map((p) => `${sha256Hex(files.get(p) ?? new Uint8Array())}  ${p}\n`).join(''));
      const tag = parseManifest(bagText(files.get('tagmanifest-sha256.txt'))).entries.map((e) => e.path);
      expect(tag).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt']);
      expect(payload).toContain(screenshotPath(sha256Hex(fakePng(1))));
    },
  );

  it('a manifest line naming a path outside the bag, or a path twice, is refused', () => {
    const h = 'a'.repeat(64);
    const r = parseManifest(`${h}  data/a\n${h}  ../etc/passwd\n${h}  /abs\n${h}  data/a\n${h}\n`);
    expect(r.entries.map((e) => e.path)).toEqual(['data/a']);
    expect(r.bad.map((b) => b.line)).toEqual([2, 3, 4, 5]);
  });
});
