// `countersign verify <bundle.zip|folder> [--password-file F] [--json]` (docs/formats/command-line.md): exit 0 valid, 1
// invalid, 2 unreadable or bad usage. A locked bundle's password comes from a file or the environment, never argv.
import { parseArgs } from 'node:util';
import { toAppError } from '@shared/result';
import { givesPasswordInArguments, passwordInArguments, readBundlePassword } from '../cli/bundle-password-input';

export const VERIFY_USAGE = `  countersign verify <bundle.zip|folder> [--password-file F] [--json]
                                             check an evidence bundle: the bag, every hash and signature,
                                             the journal and the procedure (exit 0 valid, 1 invalid, 2 unreadable);
                                             a locked bundle's password comes from F or COUNTERSIGN_BUNDLE_PASSWORD`;

export interface VerifyOut {
  log(s: string): void;
  error(s: string): void;
}

export const verifyCommand = async (argv: readonly string[], out: VerifyOut): Promise<number> => {
  if (givesPasswordInArguments(argv)) {
    out.error(`${passwordInArguments('verify')}\nUsage:\n${VERIFY_USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'password-file': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    out.error(`verify: ${e instanceof Error ? e.message : String(e)}\nUsage:\n${VERIFY_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.log(`Usage:\n${VERIFY_USAGE}`);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) {
    out.error(`verify needs exactly one bundle (a .zip or a folder).\nUsage:\n${VERIFY_USAGE}`);
    return 2;
  }
  let password: string | undefined;
  try {
    password = await readBundlePassword(values['password-file']);
  } catch (e) {
    out.error(`verify: ${toAppError(e).message}`);
    return 2;
  }
  // Loaded only now, so that a usage mistake is answered without reading in zip and the journal audit.
  const [{ exitCode }, { formatReport, jsonReport, verifyBundleAt }] = await Promise.all([
    import('@shared/evidence/bundle/bundle-report'),
    import('./verify-report'),
  ]);
  const report = await verifyBundleAt(path, password);
  out.log(values.json ? jsonReport(report) : formatReport(report, path));
  if (password === undefined && report.problems.some((p) => p.code === 'BAD_PASSWORD'))
    out.error(
      'verify: give the password with --password-file F or the COUNTERSIGN_BUNDLE_PASSWORD environment variable.',
    );
  return exitCode(report);
};
