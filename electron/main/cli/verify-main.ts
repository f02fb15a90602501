// `countersign verify` on its own, built as one script (out/cli/verify-main.cjs) that bin/countersign.mjs runs with
// V8's code cache: verify loads none of the other commands, and compiles nothing that an earlier run compiled.
import { toAppError } from '@shared/result';
import { verifyCommand } from '../verify/verify-command';

/** As countersign-cli.ts's main does for `verify`: `argv` starts with the command's name. */
export const main = async (argv: readonly string[]): Promise<number> => {
  const out = {
    log: (s: string) => void process.stdout.write(`${s}\n`),
    error: (s: string) => void process.stderr.write(`${s}\n`),
  };
  try {
    return await verifyCommand(argv.slice(1), out);
  } catch (e) {
    out.error(`countersign verify: ${toAppError(e).message}`);
    return 2;
  }
};
