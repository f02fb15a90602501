// `countersign verify` on its own, built as one script (out/cli/verify-main.cjs) that bin/countersign.mjs runs with
// V8's code cache: verify loads none of the other commands, and compiles nothing that an earlier run compiled.
import { config } from 'zod';
import { toAppError } from '@shared/result';
import { verifyCommand } from '../verify/verify-command';

// zod compiles a fast path for each object schema with `new Function` the first time it parses one: a long-running
// app gains from it, but one verify parses each schema a few dozen times, and eval'd code is in no code cache. Without
// it zod checks exactly the same rules (the web verifier, whose CSP forbids eval, runs this way).
config({ jitless: true });

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
