// The recovery code printed for the school safe: 200 random bits in Crockford base32, and how a typed one is read.
import { randomBytes } from 'node:crypto';
import { CodedError } from '@shared/result';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_BYTES = 25;
const RECOVERY_CHARS = (RECOVERY_BYTES * 8) / 5;

const toCrockford = (bytes: Uint8Array): string => {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
};

/** 200 random bits as 40 Crockford base32 characters: the canonical form, from which its key is derived. */
export const newRecoverySecret = (): string => toCrockford(randomBytes(RECOVERY_BYTES));

/** As printed for the school safe: 8 groups of 5, joined by dashes. */
export const formatRecoveryCode = (canonical: string): string => (canonical.match(/.{1,5}/g) ?? []).join('-');

/**
 * The canonical form of a typed recovery code: any case, spaces or dashes; O read as 0, I and L as 1 (Crockford).
 * Anything else is INVALID_INPUT.
 */
export const parseRecoveryCode = (typed: string): string => {
  const c = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (c.length !== RECOVERY_CHARS || [...c].some((ch) => !CROCKFORD.includes(ch))) {
    throw new CodedError(
      'INVALID_INPUT',
      `A recovery code has ${RECOVERY_CHARS} letters and numbers, in 8 groups of 5. Check it against the printed copy.`,
    );
  }
  return c;
};
