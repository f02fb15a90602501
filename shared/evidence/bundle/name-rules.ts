// The names a bundle's files may have, in a zip or a folder: relative, "/"-separated, printable, and distinct even to
// a system that ignores case, so that every tool that unpacks it sees the same files.
import { CodedError } from '../../result';

/** More files than any incident writes (one per capture, and a few more). */
export const MAX_FILES = 100_000;

/** A name as it can be printed: quoted, control characters and the like escaped, cut to 200 characters. */
export const shownName = (name: string): string => JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);

/** Why a name cannot be a bag path, or null when it can. */
export const unsafeName = (name: string): string | null => {
  if (name.length === 0) return 'it is empty';
  if (name.length > 1024) return 'it is longer than 1,024 characters';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it holds a control character';
  if (name.includes('\\')) return 'it holds a backslash, which Windows reads as a folder separator';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'it climbs out of its folder ("..")';
  if (name.split('/').some((s) => s === '.' || s === '')) return 'it has an empty or "." part';
  return null;
};

/** Refuses (CORRUPT) the first unsafe name, and two names that differ only in case or Unicode form. */
export const checkedNames = (names: readonly string[], where: string): void => {
  const seen = new Map<string, string>();
  for (const n of names) {
    const why = unsafeName(n);
    if (why) throw new CodedError('CORRUPT', `${where} holds a file named ${shownName(n)}, which is not safe: ${why}.`);
    const folded = n.normalize('NFC').toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined)
      throw new CodedError(
        'CORRUPT',
        other === n
          ? `${where} holds ${shownName(n)} twice: it is ambiguous which one to check.`
          : `${where} holds both ${shownName(other)} and ${shownName(n)}: on Windows and macOS one would overwrite ` +
              'the other.',
      );
    seen.set(folded, n);
  }
};
