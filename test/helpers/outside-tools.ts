// Tools a developer's machine keeps beside the repository (../shared/tools), not in it: tests use them when they are
// there and are skipped, with the reason printed, when a clone stands alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoPath } from '@test/helpers/repo';

/** Beside the repository, or where BAGIT_VALIDATE says (a worktree, a CI image with the validator elsewhere). */
export const BAGIT_VALIDATE = process.env.BAGIT_VALIDATE ?? repoPath('../shared/tools/bagit-python/validate');

/** Whether the Library of Congress's bagit-python validator is beside the repository; says why not, once per file. */
export const hasBagitPython = (): boolean => {
  if (existsSync(BAGIT_VALIDATE)) return true;
  console.warn(
    `Skipped: the bagit-python checks need the Library of Congress validator at ${BAGIT_VALIDATE}, ` +
      'which is not beside this clone of the repository.',
  );
  return false;
};

/** bagit-python's full validation of a bag folder: exit 0 valid, 1 invalid; its report is on stderr. */
export const bagitValidate = (bag: string): { status: number | null; out: string } => {
  const r = spawnSync(BAGIT_VALIDATE, [bag], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
