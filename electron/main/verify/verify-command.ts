// `countersign verify <bundle.zip|folder> [--expect-…] [--password-file F] [--json]` (docs/formats/command-line.md):
// exit 0 valid, 1 invalid, 2 unreadable or bad usage. A locked bundle's password comes from a file or the
// environment, never argv.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isPin } from '@shared/evidence/bundle/paper-values';
import { toAppError } from '@shared/result';
import { givesPasswordInArguments, passwordInArguments, readBundlePassword } from '../cli/bundle-password-input';
import { VERIFY_OPTIONS } from './verify-arguments';

export const VERIFY_USAGE = `  countersign verify <bundle.zip|folder> [--expect-device FP] [--expect-reviewer FP]...
                     [--expect-digest HEX] [--tsa-ca FILE] [--password-file F] [--json]
                                             check an evidence bundle: the bag, every hash and signature, the
                                             journal, the procedure, both sign-offs and every output (exit 0
                                             valid, 1 invalid, 2 unreadable). --expect-* are the values printed
                                             on the signed paper form (16 or more hex digits are enough); any
                                             mismatch is INVALID. A locked bundle's password comes from F or
                                             COUNTERSIGN_BUNDLE_PASSWORD, never the command line. --tsa-ca is
                                             the time-stamping authority's certificate (PEM): every RFC 3161
                                             token must chain to it`;

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
    parsed = parseArgs({ args: [...argv], options: VERIFY_OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    out.error(`countersign verify: ${e instanceof Error ? e.message : String(e)}\nUsage:\n${VERIFY_USAGE}`);
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
  const pins = {
    ...(values['expect-device'] !== undefined ? { device: values['expect-device'] } : {}),
    ...(values['expect-reviewer'] ? { reviewers: values['expect-reviewer'] } : {}),
    ...(values['expect-digest'] !== undefined ? { digest: values['expect-digest'] } : {}),
  };
  const bad = [pins.device, ...(pins.reviewers ?? []), pins.digest].find((p) => p !== undefined && !isPin(p));
  if (bad !== undefined) {
    out.error(
      `countersign verify: "${bad}" is not a fingerprint or digest: give 16 to 64 hexadecimal digits from the form.`,
    );
    return 2;
  }
  let tsaCaPem: string | undefined;
  if (values['tsa-ca'] !== undefined) {
    try {
      tsaCaPem = await readFile(values['tsa-ca'], 'utf8');
    } catch (e) {
      out.error(`verify: the authority's certificate cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    if (!tsaCaPem.includes('-----BEGIN CERTIFICATE-----')) {
      out.error(`verify: ${values['tsa-ca']} is not a PEM certificate (-----BEGIN CERTIFICATE-----).`);
      return 2;
    }
  }
  let password: string | undefined;
  try {
    password = await readBundlePassword(values['password-file']);
  } catch (e) {
    out.error(`countersign verify: ${toAppError(e).message}`);
    return 2;
  }
  // A folder's payload starts hashing first, beside the loading of the verifier below.
  if ((await stat(path).catch(() => null))?.isDirectory()) (await import('./folder-read-ahead')).readFolderAhead(path);
  // Loaded only now, so that a usage mistake is answered without reading in zip and the journal audit.
  const [{ exitCode }, { formatReport, jsonReport }, { verifyBundleAt }] = await Promise.all([
    import('@shared/evidence/bundle/bundle-report'),
    import('@shared/evidence/bundle/report-text'),
    import('./verify-report'),
  ]);
  const report = await verifyBundleAt({
    path,
    ...(password !== undefined ? { password } : {}),
    pins,
    ...(tsaCaPem !== undefined ? { tsaCaPem } : {}),
  });
  out.log(values.json ? jsonReport(report) : formatReport(report, path));
  if (password === undefined && report.problems.some((p) => p.code === 'BAD_PASSWORD'))
    out.error(
      'countersign verify: give the password with --password-file F ' +
        'or the COUNTERSIGN_BUNDLE_PASSWORD environment variable.',
    );
  return exitCode(report);
};
