// Passphrases: one normal form for deriving keys, and the strength rule applied when a member of staff sets one.
import { fail, ok, type Result } from '@shared/result';

export const PASSPHRASE_MIN_LENGTH = 12;

const SENTENCE_HINT = 'A short sentence you will remember works well.';

/**
 * NFC, so "café" typed with a composed é or with e plus a combining accent (keyboards and operating
 * systems differ) derives the same key. Nothing else is changed: spaces and case are part of it.
 */
export const normalisePassphrase = (passphrase: string): string => passphrase.normalize('NFC');

/**
 * Guessed first by anyone trying passphrases, compared after lower-casing, dropping everything but
 * letters and digits, undoing common letter-for-symbol swaps and dropping trailing digits.
 */
const COMMON = new Set([
  'password',
  'passphrase',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'letmein',
  'iloveyou',
  'welcome',
  'welcometo',
  'admin',
  'administrator',
  'changeme',
  'trustnoone',
  'monkey',
  'dragon',
  'football',
  'sunshine',
  'princess',
  'baseball',
  'superman',
  'batman',
  'starwars',
  'master',
  'secret',
  'topsecret',
  'opensesame',
  'iloveyoutoo',
  'correcthorsebatterystaple',
  'thequickbrownfoxjumpsoverthelazydog',
  'letmeinplease',
  'mypassword',
  'mypassphrase',
  'thisismypassword',
  'thisismypassphrase',
  'passwordpassword',
  'school',
  'schoolpassword',
  'safeguarding',
  'headteacher',
  'teacher',
  'countersign',
  'investigation',
  'summer',
  'winter',
  'spring',
  'autumn',
  'london',
  'england',
  'liverpool',
  'arsenal',
  'chelsea',
  'manchesterunited',
]);

/** Runs along the alphabet, the digits and keyboard rows; a passphrase that is part of one is no secret. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

/** Words the passphrase must not be made of: the app and the obvious. Callers add the person's name and role. */
const CONTEXT_WORDS = ['countersign', 'password', 'passphrase'];

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const unleet = (s: string): string =>
  [...s.toLowerCase()]
    .map((c) => LEET[c] ?? c)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');

/** The shortest unit whose repetition makes up the whole string (a prefix of it may end the string). */
const period = (chars: string[]): number => {
  for (let p = 1; p < chars.length; p += 1) {
    if (chars.every((c, i) => i < p || c === chars[i - p])) return p;
  }
  return chars.length;
};

const isCommon = (s: string): boolean => {
  // People pad a common word with digits or symbols at either end ("Password2024!"): look at the core too.
  const core = s.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [compact(s), compact(core), unleet(core)].some((f) => COMMON.has(f));
};

const isRun = (s: string): boolean => {
  const c = compact(s);
  return c.length > 0 && RUNS.some((r) => r.includes(c) || [...r].reverse().join('').includes(c));
};

/** A passphrase that is mostly the context words (name, role, app) plus digits is guessed easily. */
const builtFromContext = (s: string, context: readonly string[]): boolean => {
  const whole = compact(s);
  let rest = whole;
  const words = [...CONTEXT_WORDS, ...context.flatMap((c) => [compact(c), ...c.split(/[^\p{L}\p{N}]+/u).map(compact)])]
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const w of words) rest = rest.split(w).join('');
  return rest !== whole && [...rest.replace(/\p{N}/gu, '')].length < 6;
};

const countWords = (s: string): number =>
  new Set(
    s
      .split(/[^\p{L}\p{N}]+/u)
      .map((w) => w.toLowerCase())
      .filter((w) => [...w].length >= 2),
  ).size;

const countClasses = (s: string): number =>
  [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}\s]/u, /[\p{Lo}\p{Lm}]/u].filter((re) => re.test(s)).length;

/**
 * Checks a new passphrase; on success gives back its normal form (the one to derive keys from).
 *
 * The rule follows NIST SP 800-63B: length first, then refuse what attackers try first (one character,
 * a repeated unit, a run along the keyboard or alphabet, a common passphrase, the person's own name or
 * role). On top of that, a light variety rule (three different words, or at least three kinds of
 * character) steers people to a short sentence, which is long and easy to remember, rather than a
 * long single word. Stronger rules would push staff to write the passphrase down beside the laptop.
 * `context` holds guessable words for this person (name, role).
 */
export const checkNewPassphrase = (passphrase: string, context: readonly string[] = []): Result<string> => {
  const p = normalisePassphrase(passphrase);
  if (p.length === 0) return fail('INVALID_INPUT', 'Enter a passphrase.');
  const chars = [...p];
  if (chars.length < PASSPHRASE_MIN_LENGTH) {
    return fail('INVALID_INPUT', `Use at least ${PASSPHRASE_MIN_LENGTH} characters. ${SENTENCE_HINT}`);
  }
  if (new Set(chars).size === 1)
    return fail('INVALID_INPUT', `Do not use one character over and over. ${SENTENCE_HINT}`);
  if (period([...p.toLowerCase()]) * 2 <= chars.length) {
    return fail('INVALID_INPUT', `Do not repeat the same short piece over and over. ${SENTENCE_HINT}`);
  }
  if (isRun(p))
    return fail(
      'INVALID_INPUT',
      `Do not use letters or numbers in order, such as "abcdef", "123456" or "qwerty". ${SENTENCE_HINT}`,
    );
  if (isCommon(p)) {
    return fail('INVALID_INPUT', `That passphrase is one of the first that people try when guessing. ${SENTENCE_HINT}`);
  }
  if (builtFromContext(p, context)) {
    return fail(
      'INVALID_INPUT',
      `Do not build your passphrase from your name, your role or the name of this app. ${SENTENCE_HINT}`,
    );
  }
  if (countWords(p) < 3 && countClasses(p) < 3) {
    return fail(
      'INVALID_INPUT',
      `Use at least three different words, or mix ` +
        `capital letters, small letters, numbers and symbols. ${SENTENCE_HINT}`,
    );
  }
  return ok(p);
};
