// The `countersign` command line (docs/formats/command-line.md): exit 0 valid, 1 invalid, 2 unreadable or bad usage.
// This module only reads the arguments; each command loads its engines (Chromium, sharp, zip, the runner) when it
// runs, so `--version`, `--help` and a mistyped command answer at once.
import { parseArgs } from 'node:util';
import { toAppError } from '@shared/result';
import { version } from '../../../package.json';
import { VERIFY_USAGE, verifyCommand } from '../verify/verify-command';
import { givesPasswordInArguments, passwordInArguments, readBundlePassword } from './bundle-password-input';

export const USAGE = `Usage:
  countersign run <scenario.json> --data <dir> --out <dir> [--password-file F]
                                             drive the real services through a scripted investigation;
                                             writes <out>/result.json (exit 1 if any step was refused);
                                             export steps without a password of their own lock the bundle
                                             with the one in F or COUNTERSIGN_BUNDLE_PASSWORD, if given
  countersign practice --out <dir> [--data <dir>]
                                             the practice incident over the safe practice sites, start to
                                             exported bundle, with a real headless Chromium
${VERIFY_USAGE}
  countersign check --data <dir> [--json] [--passphrase-file F]
                                             check a vault in place: every chain, signed head and stored file;
                                             the passphrase comes from F or COUNTERSIGN_PASSPHRASE
  countersign log --data <dir> --out <dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--passphrase-file F]
                                             the incident log and the governors' anonymised summary, as CSV and
                                             PDF, for incidents opened in the period (both days included)
  countersign statement --data <dir> --ref <REF> --by <NAME> --out <dir> [--passphrase-file F]
                                             one reviewer's own account of a signed-off incident, from the
                                             journal, as a PDF for them to check, correct and sign (no images);
                                             NAME as the reviewer is registered
  countersign backup --data <dir> --out <dir>
                                             copy the vault, still encrypted, with a manifest of SHA-256 sums,
                                             into a new folder inside <out> (a USB drive, say)
  countersign delete --data <dir> --ref <REF> --reason <text> --out <dir> --passphrase-file F --passphrase-file G
                                             delete an incident with two registered people's passphrases (one per
                                             file); leaves a signed tombstone and writes the destruction
                                             certificate (PDF) to <out>
  countersign restore --from <backup dir> --data <dir> --passphrase-file F --passphrase-file G
                                             restore a backup on a replacement computer, into a new or empty
                                             <dir>, with two registered people's passphrases (one per file), or
                                             --recovery-code-file R and one --passphrase-file; every incident
                                             records the change of computer
  countersign profiles [--json]              every built-in policy profile: its id (a scenario's "profile"),
                                             name, source file and review date
  countersign --version                      print the version
  countersign --help                         print this help
`;

/** The version in package.json, which the built command line carries with it. */
export const VERSION: string = version;

export interface CliOutput {
  log(s: string): void;
  error(s: string): void;
}

const COMMANDS = new Set(['check', 'run', 'verify', 'practice', 'log', 'profiles', 'backup', 'delete', 'restore']);

export const main = async (
  argv: string[],
  out: CliOutput = { log: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) },
): Promise<number> => {
  const [command, ...rest] = argv;
  // `countersign <command> --help` answers with the usage, as `countersign --help` does (verify has its own).
  if (command !== 'verify' && COMMANDS.has(command ?? '') && rest.some((a) => a === '--help' || a === '-h')) {
    out.log(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'check':
        return await checkCommand(rest, out);
      case 'run':
        return await runCommand(rest, out);
      case 'verify':
        return await verifyCommand(rest, out);
      case 'practice':
        return await practiceCommand(rest, out);
      case 'log':
        return await logCommand(rest, out);
      case 'statement':
        return await statementCommand(rest, out);
      case 'profiles':
        return await profilesCommand(rest, out);
      case 'backup':
        return await backupCommand(rest, out);
      case 'delete':
        return await deleteCommand(rest, out);
      case 'restore':
        return await restoreCommand(rest, out);
      case '--version':
      case 'version':
        out.log(VERSION);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        out.error(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    const err = toAppError(e);
    out.error(`countersign ${command}: ${err.message}`);
    return 2;
  }
};

const checkCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) {
    out.error(`check needs --data <dir>.\n${USAGE}`);
    return 2;
  }
  const { checkVaultAt } = await import('./check-command');
  return checkVaultAt(values.data, { json: values.json, passphraseFile: values['passphrase-file'] }, out);
};

const runCommand = async (args: string[], out: CliOutput): Promise<number> => {
  if (givesPasswordInArguments(args)) {
    out.error(passwordInArguments('run'));
    return 2;
  }
  const { values, positionals } = parseArgs({
    args,
    options: { data: { type: 'string' }, out: { type: 'string' }, 'password-file': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [scenarioPath] = positionals;
  if (!scenarioPath || !values.data || !values.out || positionals.length !== 1) {
    out.error(`run needs <scenario.json> --data <dir> --out <dir>.\n${USAGE}`);
    return 2;
  }
  const bundlePassword = await readBundlePassword(values['password-file']);
  const { runScenarioFile } = await import('./scenario-command');
  return runScenarioFile(
    scenarioPath,
    { dataDir: values.data, outDir: values.out, version: VERSION, ...(bundlePassword ? { bundlePassword } : {}) },
    out,
  );
};

const practiceCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, data: { type: 'string' } }, strict: true });
  if (!values.out) {
    out.error(`practice needs --out <dir>.\n${USAGE}`);
    return 2;
  }
  const { runPractice } = await import('./scenario-command');
  return runPractice({ dataDir: values.data, outDir: values.out, version: VERSION }, out);
};

const logCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  if (!values.data || !values.out) {
    out.error(`log needs --data <dir> --out <dir>.\n${USAGE}`);
    return 2;
  }
  const { writeLogs } = await import('./log-command');
  return writeLogs(
    {
      dataDir: values.data,
      outDir: values.out,
      from: values.from,
      to: values.to,
      passphraseFile: values['passphrase-file'],
    },
    out,
  );
};

const statementCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      ref: { type: 'string' },
      by: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  if (!values.data || !values.ref || !values.by || !values.out) {
    out.error(`statement needs --data <dir> --ref <REF> --by <NAME> --out <dir>.\n${USAGE}`);
    return 2;
  }
  const { writeStatement } = await import('./statement-command');
  return writeStatement(
    {
      dataDir: values.data,
      ref: values.ref,
      by: values.by,
      outDir: values.out,
      passphraseFile: values['passphrase-file'],
    },
    out,
  );
};

const profilesCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  const { listProfiles } = await import('./profiles-command');
  return listProfiles(values.json, out);
};

const backupCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (!values.data || !values.out) {
    out.error(`backup needs --data <dir> --out <dir>.\n${USAGE}`);
    return 2;
  }
  const { backupAt } = await import('./backup-command');
  return backupAt(values.data, values.out, out);
};

const deleteCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      ref: { type: 'string' },
      reason: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string', multiple: true },
    },
    strict: true,
  });
  if (!values.data || !values.ref || !values.reason || !values.out) {
    out.error(`delete needs --data <dir> --ref <REF> --reason <text> --out <dir>.\n${USAGE}`);
    return 2;
  }
  const { deleteAt } = await import('./delete-command');
  return deleteAt(
    {
      dataDir: values.data,
      ref: values.ref,
      reason: values.reason,
      outDir: values.out,
      passphraseFiles: values['passphrase-file'] ?? [],
    },
    out,
  );
};

const restoreCommand = async (args: string[], out: CliOutput): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      data: { type: 'string' },
      'passphrase-file': { type: 'string', multiple: true },
      'recovery-code-file': { type: 'string' },
    },
    strict: true,
  });
  if (!values.from || !values.data) {
    out.error(`restore needs --from <backup dir> --data <dir>.\n${USAGE}`);
    return 2;
  }
  const { restoreAt } = await import('./restore-command');
  return restoreAt(
    {
      from: values.from,
      dataDir: values.data,
      passphraseFiles: values['passphrase-file'] ?? [],
      recoveryCodeFile: values['recovery-code-file'],
    },
    out,
  );
};
