// The `countersign` command line (DESIGN 5): exit 0 valid, 1 invalid, 2 unreadable or bad usage.
import { parseArgs } from 'node:util';
import { toAppError } from '@shared/result';
import { checkVault, type VaultCheck } from '../services/check';
import { plainCodec } from '../services/codec';

export const USAGE = `Usage:
  countersign check --data <dir> [--json]    check a vault in place: every chain, signed head and stored file
`;

type Out = { log: (s: string) => void; error: (s: string) => void };

export const main = async (argv: string[], out: Out = { log: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) }): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, out);
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

const runCheck = async (args: string[], out: Out): Promise<number> => {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  if (!values.data) {
    out.error(`check needs --data <dir>.\n${USAGE}`);
    return 2;
  }
  const report = await checkVault(values.data, plainCodec);
  out.log(values.json ? JSON.stringify(report, null, 2) : formatCheck(report));
  return report.ok ? 0 : 1;
};

export const formatCheck = (r: VaultCheck): string => {
  const lines = [`Vault ${r.dataDir}: ${r.incidents.length} incident(s).`];
  for (const i of r.incidents) {
    lines.push(`${i.problems.length === 0 ? 'OK     ' : 'INVALID'} ${i.ref}: ${i.entries} journal entries, ${i.files} evidence file(s)`);
    for (const p of i.problems) lines.push(`  problem: ${p.where}: ${p.message}`);
    for (const w of i.warnings) lines.push(`  note: ${w}`);
  }
  lines.push(r.ok ? 'The vault is intact.' : 'The vault is NOT intact: see the problems above.');
  return lines.join('\n');
};
