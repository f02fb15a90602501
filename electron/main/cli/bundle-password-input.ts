// Where the command line takes a bundle password from: a file or the environment, never its own arguments, which other
// users of the computer can see while it runs and which shells keep in their history.
import { readFile } from 'node:fs/promises';
import { CodedError } from '@shared/result';

export const PASSWORD_ENV = 'COUNTERSIGN_BUNDLE_PASSWORD';

/** The words of the refusal when a password is typed on the command line. */
export const passwordInArguments = (command: string): string =>
  `${command}: a password is not taken on the command line, where other users of this computer can see it and the ` +
  `shell keeps it. Put it in a file and give --password-file FILE, or set ${PASSWORD_ENV}.`;

/** True when the arguments try to give a password directly (--password P or --password=P). */
export const givesPasswordInArguments = (argv: readonly string[]): boolean =>
  argv.some((a) => a === '--password' || a.startsWith('--password='));

/**
 * The bundle password: the whole of --password-file (less one final line break), else COUNTERSIGN_BUNDLE_PASSWORD,
 * else none.
 */
export const readBundlePassword = async (
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> => {
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new CodedError('NOT_FOUND', `Cannot read the password file ${file}.`);
    }
    const password = text.replace(/\r?\n$/, '');
    if (password.length === 0) throw new CodedError('INVALID_INPUT', `The password file ${file} is empty.`);
    return password;
  }
  const fromEnv = env[PASSWORD_ENV];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
};
