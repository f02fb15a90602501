// The passphrase rule at set-up: what it refuses, the plain reason it gives, and what it lets through.
import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, normalisePassphrase } from '@main/services/passphrase';

const refusal = (p: string, context: string[] = []): string => {
  const r = checkNewPassphrase(p, context);
  if (r.ok) throw new Error(`"${p}" was accepted`);
  expect(r.error.code).toBe('INVALID_INPUT');
  return r.error.message;
};

describe('passphrase normal form', () => {
  it('makes composed and decomposed accents the same, and changes nothing else', () => {
    const composed = 'caf\u00e9 au lait';
    const decomposed = 'cafe\u0301 au lait';
    expect(composed).not.toBe(decomposed);
    expect(normalisePassphrase(decomposed)).toBe(normalisePassphrase(composed));
    expect(normalisePassphrase(' Mixed Case ')).toBe(' Mixed Case ');
  });
});

describe('passphrase strength at set-up', () => {
  it('refuses an empty passphrase', () => {
    expect(refusal('')).toBe('Enter a passphrase.');
  });

  it('refuses fewer than 12 characters with the plain reason', () => {
    expect(refusal('Tr0ub4dor&3')).toBe('Use at least 12 characters. A short sentence you will remember works well.');
    // Counted in characters as typed, not bytes: 11 accented letters are still too short.
    expect(refusal('éééééàààààü')).toMatch(/^Use at least 12 characters/);
  });

  it('refuses one character over and over', () => {
    expect(refusal('aaaaaaaaaaaaaaaa')).toMatch(/one character over and over/);
    expect(refusal('                ')).toMatch(/one character over and over/);
  });

  it('refuses a short piece repeated', () => {
    expect(refusal('abcabcabcabc')).toMatch(/repeat the same short piece/);
    expect(refusal('Horse horse horse ')).toMatch(/repeat the same short piece/);
    expect(refusal('summer2024summer2024')).toMatch(/repeat the same short piece/);
  });

  it('refuses runs along the alphabet, the digits and the keyboard', () => {
    expect(refusal('abcdefghijklmn')).toMatch(/letters or numbers in order/);
    expect(refusal('123456789012')).toMatch(/letters or numbers in order/);
    expect(refusal('QWERTYUIOPASDF')).toMatch(/letters or numbers in order/);
    expect(refusal('zyxwvutsrqponm')).toMatch(/letters or numbers in order/);
  });

  it('refuses common passphrases, also padded with digits and symbols or spelt with symbols', () => {
    for (const p of [
      'Password1234',
      'P@ssw0rd2024!',
      '2024Password!!',
      'correct horse battery staple',
      'Safeguarding123',
      'iloveyou12345',
    ]) {
      expect(refusal(p), p).toMatch(/first that people try/);
    }
  });

  it("refuses a passphrase built from the person's name or role", () => {
    expect(refusal('AishaOkonkwo2024!', ['Aisha Okonkwo', 'Headteacher'])).toMatch(/your name, your role/);
    expect(refusal('The Headteacher 2026', ['Aisha Okonkwo', 'Headteacher'])).toMatch(/your name, your role/);
    expect(refusal('countersign app 2026')).toMatch(/your name, your role/);
  });

  it('refuses a long single word of one kind of character', () => {
    expect(refusal('extraordinarily')).toMatch(/three different words, or mix/);
    expect(refusal('!@#%^&*()_+=-')).toMatch(/three different words, or mix/);
  });

  it('accepts a short sentence, or twelve mixed characters, and gives back the normal form', () => {
    for (const p of [
      'purple elephants dance at noon',
      'the owl sat on my kettle',
      'Bq7#mLx2pRw9',
      'Kettle on, biscuits out by 4!',
    ]) {
      const r = checkNewPassphrase(p);
      expect(r, p).toEqual({ ok: true, value: p });
    }
    const r = checkNewPassphrase('cafe\u0301 tables by the river');
    expect(r).toEqual({ ok: true, value: 'caf\u00e9 tables by the river' });
    // The name appearing in a longer sentence is fine: it is only refused when it is most of the passphrase.
    expect(checkNewPassphrase('Aisha keeps bees in the orchard', ['Aisha Okonkwo']).ok).toBe(true);
  });
});
