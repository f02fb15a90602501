// `countersign verify <bundle.zip|folder> [--password P] [--json]` (docs/formats/command-line.md): exit 0 valid, 1
// invalid, 2 unreadable or bad usage.
import { parseArgs } from 'node:util';

export const VERIFY_USAGE = `  countersign verify <bundle.zip|folder> [--password P] [--json]
                                             check an evidence bundle: the bag, every hash and signature,
                                             the journal and the procedure (exit 0 valid, 1 invalid, 2 unreadable)`;

export interface VerifyOut {
  log(s: string): void;
  error(s: string): void;
}

export const verifyCommand = async (argv: readonly string[], out: VerifyOut): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        password: { type: 'string' },
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
  if (values.password !== undefined && values.password.length === 0) {
    out.error('verify: --password is empty.');
    return 2;
  }
  // Loaded only now, so that a usage mistake is answered without reading in zip and the journal audit.
  const [{ exitCode }, { formatReport, jsonReport, verifyBundleAt }] = await Promise.all([
    import('@shared/evidence/bundle/bundle-report'),
    import('./verify-report'),
  ]);
  const report = await verifyBundleAt(path, values.password);
  out.log(values.json ? jsonReport(report) : formatReport(report, path));
  return exitCode(report);
};
