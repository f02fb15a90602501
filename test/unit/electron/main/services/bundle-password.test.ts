// Bundle passwords: the passphrase rule applies, and the suggested one is six random words from EFF's long list.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { requireStrongBundlePassword, suggestBundlePassword, WORDS } from '@main/services/bundle-password';
import { checkNewPassphrase } from '@main/services/passphrase';
import { repoPath } from '@test/helpers/repo';

describe('bundle passwords', () => {
  it('ships the EFF long word list as published: 7,776 words, four with a hyphen left out of suggestions', async () => {
    const bytes = await readFile(repoPath('electron/main/services/wordlist/eff-large-wordlist.json'));
    const list = JSON.parse(bytes.toString('utf8')) as string[];
    expect(list).toHaveLength(7776);
    expect(new Set(list).size).toBe(7776);
    expect([list[0], list[7775]]).toEqual(['abacus', 'zoom']);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '2356977166b8de4eb3ab328fe584c54f83d6dd7ddd1fb18d56ecb8b801a28556',
    );
    expect(WORDS).toHaveLength(7772);
    expect(WORDS.every((w) => /^[a-z]+$/.test(w))).toBe(true);
  });

  it('suggests six words from the list, different every time, each passing the passphrase rule', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      const p = suggestBundlePassword();
      const words = p.split('-');
      expect(words).toHaveLength(6);
      for (const w of words) {
        expect(WORDS).toContain(w);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      expect(checkNewPassphrase(p).ok).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
    // 12,000 draws over 7,772 words: no word anywhere near a tenth of them, as a biased draw would give.
    expect(Math.max(...counts.values())).toBeLessThan(12);
  });

  it('refuses a weak password with the passphrase rule in plain words, and accepts a strong one as typed', () => {
    for (const weak of ['police', 'Password2024!', 'aaaaaaaaaaaaaaaa', '123456789012', 'qwertyuiopas']) {
      expect(() => requireStrongBundlePassword(weak), weak).toThrow(/That bundle password is too easy to guess/);
    }
    expect(() => requireStrongBundlePassword('given by phone 7731')).not.toThrow();
    expect(() => requireStrongBundlePassword(suggestBundlePassword())).not.toThrow();
  });
});
