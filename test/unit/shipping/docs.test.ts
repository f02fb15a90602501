// The documents for schools and recipients state what the code does: encryption parameters, passphrase rule, data
// folder, links.
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SCRYPT } from '@main/services/keyring/key-wrapping';
import { delayAfterFailures } from '@main/services/keyring/keyring';
import { formatRecoveryCode, parseRecoveryCode } from '@main/services/keyring/recovery-code';
import { PASSPHRASE_MIN_LENGTH } from '@main/services/passphrase';

const root = new URL('../../../', import.meta.url);
const read = (p: string): Promise<string> => readFile(new URL(p, root), 'utf8');
const DOCS = ['docs/security.md', 'docs/security-model.md', 'docs/data-protection.md', 'docs/checking-a-bundle.md'];

const scryptText = `N = 2^${Math.log2(DEFAULT_SCRYPT.N)}, r = ${DEFAULT_SCRYPT.r}, p = ${DEFAULT_SCRYPT.p}`;

describe('docs/data-protection.md and docs/security-model.md', () => {
  it('give the scrypt parameters new wraps use', async () => {
    for (const doc of ['docs/data-protection.md', 'docs/security-model.md'])
      expect(await read(doc), doc).toContain(scryptText);
  });

  it('give the passphrase rule and the recovery code as the code makes them', async () => {
    const dp = await read('docs/data-protection.md');
    expect(dp).toContain(`at least ${PASSPHRASE_MIN_LENGTH} characters`);
    const code = '0123456789ABCDEFGHJKMNPQRSTVWXYZ01234567';
    expect(parseRecoveryCode(formatRecoveryCode(code))).toHaveLength(40);
    expect(dp).toContain('40 characters (200 random bits)');
  });

  it('describe the waits after wrong passphrases as the keyring applies them', async () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(delayAfterFailures)).toEqual([0, 0, 1000, 2000, 4000, 8000, 60_000]);
    expect(await read('docs/security-model.md')).toContain('(1, 2, 4 … up to 60 seconds)');
  });

  it('name the data folder as the packaged app names it', async () => {
    const builder = parse(await read('electron-builder.yml')) as { extraMetadata?: { productName?: string } };
    const name = builder.extraMetadata?.productName ?? '';
    expect(name).toBe('Countersign');
    const dp = await read('docs/data-protection.md');
    for (const folder of [`%APPDATA%\\${name}`, `~/Library/Application Support/${name}`, `~/.config/${name}`])
      expect(dp).toContain(folder);
  });
});

describe('the documents', () => {
  it('link only to each other and to files that exist', async () => {
    for (const doc of DOCS) {
      const text = await read(doc);
      for (const m of text.matchAll(/\]\(([^)#:]+\.md)(#[^)]*)?\)/g)) {
        await expect(stat(new URL(`docs/${m[1] ?? ''}`, root)), `${doc} links to ${m[1]}`).resolves.toBeTruthy();
      }
    }
  });

  it('say plainly what is not protected', async () => {
    const model = await read('docs/security-model.md');
    for (const limit of [
      "A zip's file names are not encrypted",
      'Deleting the end of the access log',
      "The laptop's administrator, or malware running as one, while Countersign is unlocked",
      'Whoever holds the recovery code',
    ]) {
      expect(model).toContain(limit);
    }
  });
});
