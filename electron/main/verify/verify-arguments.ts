// The options `countersign verify` takes, in one place: the command parses its arguments with them, and the command
// line's entry reads them once before the verifier's code is loaded, to start hashing a folder early.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const VERIFY_OPTIONS = {
  'password-file': { type: 'string' },
  'expect-device': { type: 'string' },
  'expect-reviewer': { type: 'string', multiple: true },
  'expect-digest': { type: 'string' },
  'tsa-ca': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/**
 * The folder that `argv` (the arguments after `verify`) asks to check, or null when they name no folder or are no
 * valid use of the command (verifyCommand then answers them itself).
 */
export const verifyFolderArgument = (argv: readonly string[]): string | null => {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: VERIFY_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [path, ...extra] = positionals;
    if (values.help || !path || extra.length > 0) return null;
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? path : null;
  } catch {
    return null;
  }
};
