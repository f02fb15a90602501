// Bundle passwords: held to the same strength rule as passphrases, or a suggested one of six random words.
import { randomInt } from 'node:crypto';
import { CodedError } from '@shared/result';
import EFF_LARGE_WORDLIST from './wordlist/eff-large-wordlist.json';
import { checkNewPassphrase } from './passphrase';

/** EFF's long word list without the four words that hold a hyphen, so a suggestion's hyphens separate words only. */
export const WORDS: readonly string[] = EFF_LARGE_WORDLIST.filter((w) => /^[a-z]+$/.test(w));

export const SUGGESTED_WORDS = 6;

/** Six words drawn uniformly at random (crypto.randomInt), joined by hyphens: about 77 bits. */
export const suggestBundlePassword = (): string =>
  Array.from({ length: SUGGESTED_WORDS }, () => WORDS[randomInt(WORDS.length)]).join('-');

/**
 * A bundle password is refused if a passphrase like it would be: it is all that protects the evidence on its way, and
 * the zip format derives its key with only 1,000 rounds of PBKDF2. The password itself is used exactly as typed.
 */
export const requireStrongBundlePassword = (password: string): void => {
  const checked = checkNewPassphrase(password);
  if (!checked.ok) {
    throw new CodedError(
      'INVALID_INPUT',
      `That bundle password is too easy to guess. ${checked.error.message} Or use the suggested password.`,
    );
  }
};
