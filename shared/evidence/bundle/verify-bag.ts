// Verifies a bag from its bytes alone: runs the checks in order over one context, then reports what they found.
import type { CryptoPort } from '../chain';
import { KNOWN_FORMATS } from './bag-layout';
import type { BagSource } from './bag-source';
import { CHECKS, PROBLEM_CHECK, type BundleCheck, type BundleReport, type CheckId } from './bundle-report';
import { bagDeclarationCheck } from './checks/bag-declaration-check';
import { completenessCheck } from './checks/completeness-check';
import { journalCheck } from './checks/journal-check';
import { outputsCheck } from './checks/outputs-check';
import { oxumCheck } from './checks/oxum-check';
import { payloadHashesCheck } from './checks/payload-hashes-check';
import { procedureCheck } from './checks/procedure-check';
import { referenceCheck } from './checks/reference-check';
import { screenshotsCheck } from './checks/screenshots-check';
import { signaturesCheck } from './checks/signatures-check';
import { tagManifestCheck } from './checks/tag-manifest-check';
import { unexpectedFilesCheck } from './checks/unexpected-files-check';
import { createVerifyContext, type CheckStep, type VerifyContext } from './verify-context';

/**
 * Every check, in the order it runs and reports its problems. A check reads what the ones before it left in the
 * context (see VerifyContext), so a new one goes after those it relies on.
 */
export const CHECK_STEPS: readonly CheckStep[] = [
  bagDeclarationCheck,
  completenessCheck,
  oxumCheck,
  payloadHashesCheck,
  tagManifestCheck,
  unexpectedFilesCheck,
  signaturesCheck,
  journalCheck,
  referenceCheck,
  procedureCheck,
  screenshotsCheck,
  outputsCheck,
];

const report = (ctx: VerifyContext): BundleReport => {
  const { problems } = ctx;
  const failed = new Set(problems.map((p) => PROBLEM_CHECK[p.code]));
  const checks: BundleCheck[] = (Object.keys(CHECKS) as CheckId[]).map((id) => ({
    id,
    title: CHECKS[id],
    result: failed.has(id) ? 'failed' : ctx.skipped.has(id) ? 'not checked' : 'passed',
  }));
  return {
    status: problems.length === 0 ? 'valid' : 'invalid',
    valid: problems.length === 0,
    formatVersion: ctx.formatVersion,
    knownFormats: [...KNOWN_FORMATS],
    ref: ctx.opened?.data.ref ?? ctx.field('External-Identifier'),
    problems,
    warnings: ctx.warnings,
    checks,
    signers: ctx.signers,
    journal: ctx.journalSummary,
    screenshots: ctx.screenshotPaths.length,
  };
};

/** Checks a bag from its bytes: the bag, every hash, every signature, the journal and the procedure. */
export const verifyBag = async (crypto: CryptoPort, source: BagSource): Promise<BundleReport> => {
  const ctx = createVerifyContext(crypto, source);
  for (const step of CHECK_STEPS) {
    await step.run(ctx);
    if (ctx.unreadable) return ctx.unreadable;
  }
  return report(ctx);
};
