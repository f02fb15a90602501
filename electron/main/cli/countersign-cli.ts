// The `countersign` command line (DESIGN 5): exit 0 valid, 1 invalid, 2 unreadable or bad usage.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CodedError, toAppError } from '@shared/result';
import { startChromium } from '../browser/chromium-evidence-browser';
import { ChromiumPrinter } from '../printing/chromium-printer';
import { practiceScenario } from '../practice/practice-scenario';
import { servePracticeSites } from '../practice/practice-sites';
import { runScenario } from '../scenario/runner';
import { checkVault, type VaultCheck } from '../services/check';
import { systemClock } from '../services/clock';
import { plainCodec, type VaultCodec } from '../services/codec';
import { openKeyring, systemSleep } from '../services/keyring';
import { readVaultInfo } from '../services/vault';
import { verifyCommand } from '../verify/verify-command';

export const USAGE = `Usage:
  countersign run <scenario.json> --data <dir> --out <dir>
                                             drive the real services through a scripted investigation;
                                             writes <out>/result.json (exit 1 if any step was refused)
  countersign practice --out <dir> [--data <dir>]
                                             the practice incident over the safe practice sites, start to
                                             exported bundle, with a real headless Chromium
  countersign verify <bundle.zip|folder> [--password P] [--json]
                                             check an evidence bundle: the bag, every hash, the journal chain,
                                             every signature and the procedure's invariants
  countersign check --data <dir> [--json] [--passphrase-file F]
                                             check a vault in place: every chain, signed head and stored file;
                                             the passphrase comes from F or COUNTERSIGN_PASSPHRASE
`;

type Out = { log: (s: string) => void; error: (s: string) => void };

export const main = async (
  argv: string[],
  out: Out = { log: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) },
): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, out);
      case 'run':
        return await runRun(rest, out);
      case 'verify':
        return await verifyCommand(rest, out);
      case 'practice':
        return await runPractice(rest, out);
      case undefined:
      case 'help':
      case '--help':
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

/** The vault's passphrase, from a file or the environment: never from the command line, where others could read it. */
const passphraseFrom = async (file: string | undefined): Promise<string> => {
  if (file) {
    try {
      return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new CodedError('NOT_FOUND', `Cannot read the passphrase file ${file}.`);
    }
  }
  const env = process.env.COUNTERSIGN_PASSPHRASE;
  if (env) return env;
  throw new CodedError(
    'BAD_PASSPHRASE',
    'This vault is encrypted: give a passphrase with ' +
      '--passphrase-file F or the COUNTERSIGN_PASSPHRASE environment variable.',
  );
};

const codecFor = async (dataDir: string, passphraseFile: string | undefined): Promise<VaultCodec> => {
  const info = await readVaultInfo(dataDir);
  if (info.codec === plainCodec.id) return plainCodec;
  const keyring = await openKeyring(dataDir, { clock: systemClock, sleep: systemSleep });
  const r = await keyring.unlock(await passphraseFrom(passphraseFile));
  if (!r.ok) throw new CodedError(r.error.code, r.error.message);
  return r.value.codec;
};

const runCheck = async (args: string[], out: Out): Promise<number> => {
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
  const report = await checkVault(values.data, await codecFor(values.data, values['passphrase-file']));
  out.log(values.json ? JSON.stringify(report, null, 2) : formatCheck(report));
  return report.ok ? 0 : 1;
};

const appVersion = async (): Promise<string> => {
  const pkg = (await readJson(fileURLToPath(new URL('../../../package.json', import.meta.url)))) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
};

const readJson = async (path: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CodedError('NOT_FOUND', `Cannot read ${path}.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CodedError('INVALID_INPUT', `${path} is not valid JSON.`);
  }
};

const runRun = async (args: string[], out: Out): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    options: { data: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [scenarioPath] = positionals;
  if (!scenarioPath || !values.data || !values.out || positionals.length !== 1) {
    out.error(`run needs <scenario.json> --data <dir> --out <dir>.\n${USAGE}`);
    return 2;
  }
  return runWithEngines(await readJson(scenarioPath), values.data, values.out, out);
};

/** Runs a scenario with a headless Chromium for the evidence browser and another for printing, and closes both. */
const runWithEngines = async (scenario: unknown, dataDir: string, outDir: string, out: Out): Promise<number> => {
  const engine = await startChromium();
  const printing: { printer?: Promise<ChromiumPrinter> } = {};
  try {
    const result = await runScenario(scenario, dataDir, outDir, {
      clock: systemClock,
      launchBrowser: () => engine.open(),
      printer: () => (printing.printer ??= ChromiumPrinter.launch()),
      version: await appVersion(),
    });
    const failed = result.steps.filter((s) => !s.ok);
    const opened = result.incident.ok ? `Incident ${result.incident.ref}` : 'The incident could not be opened';
    const done = result.steps.length - failed.length;
    out.log(`${opened}: ${done} step(s) done, ${failed.length} refused or failed. See ${join(outDir, 'result.json')}.`);
    for (const b of result.bundles) out.log(`Bundle: ${b}`);
    return failed.length === 0 && result.incident.ok ? 0 : 1;
  } finally {
    await engine.close();
    if (printing.printer) await (await printing.printer).close();
  }
};

const runPractice = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, data: { type: 'string' } }, strict: true });
  if (!values.out) {
    out.error(`practice needs --out <dir>.\n${USAGE}`);
    return 2;
  }
  const dataDir = values.data ?? (await mkdtemp(join(tmpdir(), 'countersign-practice-')));
  const sites = await servePracticeSites();
  try {
    out.log(`Practice: the safe practice sites are at ${sites.url}; the practice vault is ${dataDir}.`);
    const code = await runWithEngines(practiceScenario(sites.url), dataDir, values.out, out);
    const result = JSON.parse(await readFile(join(values.out, 'result.json'), 'utf8')) as { bundles: string[] };
    for (const bundle of result.bundles) {
      const verified = await verifyCommand([bundle], { log: () => undefined, error: out.error });
      out.log(
        verified === 0
          ? `Verified: ${bundle} checks out (countersign verify).`
          : `The practice bundle did not verify: ${bundle}`,
      );
      if (verified !== 0) return 1;
    }
    return code;
  } finally {
    await sites.close();
  }
};

export const formatCheck = (r: VaultCheck): string => {
  const lines = [`Vault ${r.dataDir}: ${r.incidents.length} incident(s).`];
  for (const i of r.incidents) {
    const verdict = i.problems.length === 0 ? 'OK     ' : 'INVALID';
    lines.push(`${verdict} ${i.ref}: ${i.entries} journal entries, ${i.files} evidence file(s)`);
    for (const p of i.problems) lines.push(`  problem: ${p.where}: ${p.message}`);
    for (const w of i.warnings) lines.push(`  note: ${w}`);
  }
  lines.push(r.ok ? 'The vault is intact.' : 'The vault is NOT intact: see the problems above.');
  return lines.join('\n');
};
