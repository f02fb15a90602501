// Verifies a bag from its bytes alone: runs the checks in order over one context, then reports what they found and
// the verdict. Engine-agnostic: hashing and signatures behind VerifierCrypto, reading behind BagSource.
import { KNOWN_FORMATS } from './bag-layout';
import type { BagSource } from './bag-source';
import {
  CHECKS,
  PROBLEM_CHECK,
  type BundleCheck,
  type BundleReport,
  type CheckId,
  type CheckResult,
} from './bundle-report';
import { addendaCheck } from './checks/addenda-check';
import { bagDeclarationCheck } from './checks/bag-declaration-check';
import { caseCheck } from './checks/case-check';
import { completenessCheck } from './checks/completeness-check';
import { incidentCheck } from './checks/incident-check';
import { journalCheck } from './checks/journal-check';
import { oxumCheck } from './checks/oxum-check';
import { pageRecordsCheck } from './checks/page-records-check';
import { payloadHashesCheck, payloadHashesDoneCheck } from './checks/payload-hashes-check';
import { pdfsCheck } from './checks/pdfs-check';
import { pinsCheck } from './checks/pins-check';
import { policyCheck } from './checks/policy-check';
import { procedureCheck } from './checks/procedure-check';
import { referenceCheck } from './checks/reference-check';
import { screenshotsCheck } from './checks/screenshots-check';
import { signaturesCheck } from './checks/signatures-check';
import { signersCheck } from './checks/signers-check';
import { signoffCheck } from './checks/signoff-check';
import { tagManifestCheck } from './checks/tag-manifest-check';
import { timestampsCheck } from './checks/timestamps-check';
import { unexpectedFilesCheck } from './checks/unexpected-files-check';
import { urlsCheck } from './checks/urls-check';
import { paperValues } from './paper-values';
import { verdictText } from './verdict';
import {
  createVerifyContext,
  type CheckStep,
  type VerifierCrypto,
  type VerifyContext,
  type VerifyOptions,
} from './verify-context';

/**
 * Every check, in the order it runs and reports its problems. A check reads what the ones before it left in the
 * context (see VerifyContext), so a new one goes after those it relies on. Sizes are compared (oxum) before any
 * payload is read.
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
  signersCheck,
  procedureCheck,
  signoffCheck,
  addendaCheck,
  payloadHashesDoneCheck,
  screenshotsCheck,
  pageRecordsCheck,
  urlsCheck,
  policyCheck,
  incidentCheck,
  pdfsCheck,
  caseCheck,
  pinsCheck,
  timestampsCheck,
];

const pinsGiven = (ctx: VerifyContext): boolean =>
  ctx.pins.device !== undefined || ctx.pins.digest !== undefined || (ctx.pins.reviewers?.length ?? 0) > 0;

/** A check passes only when it ran to the end and nothing was filed under it. */
const resultOf = (ctx: VerifyContext, id: CheckId, failed: ReadonlySet<CheckId>): BundleCheck => {
  const title = CHECKS[id];
  const unavailable = ctx.unavailable.get(id);
  const result: CheckResult = failed.has(id)
    ? 'failed'
    : unavailable !== undefined
      ? 'not available'
      : ctx.ran.has(id)
        ? 'passed'
        : 'not checked';
  const note = result === 'not available' ? unavailable : result === 'not checked' ? ctx.notChecked.get(id) : undefined;
  return { id, title, result, ...(note ? { note } : {}) };
};

const report = (ctx: VerifyContext): BundleReport => {
  const { problems } = ctx;
  const failed = new Set(problems.map((p) => PROBLEM_CHECK[p.code]));
  const checks = (Object.keys(CHECKS) as CheckId[])
    .filter((id) => id !== 'pins' || pinsGiven(ctx))
    .filter((id) => id !== 'timestamps' || ctx.timestampReports.length > 0 || failed.has(id))
    .map((id) => resultOf(ctx, id, failed));
  const valid = problems.length === 0 && checks.every((c) => c.result === 'passed' || c.result === 'not available');
  const base: Omit<BundleReport, 'verdict'> = {
    status: valid ? 'valid' : 'invalid',
    valid,
    formatVersion: ctx.formatVersion,
    knownFormats: [...KNOWN_FORMATS],
    ref: ctx.opened?.data.ref ?? ctx.field('External-Identifier'),
    problems,
    warnings: ctx.warnings,
    checks,
    signers: ctx.signers,
    journal: ctx.journalSummary,
    screenshots: ctx.screenshotPaths.length,
    paper: ctx.journalComplete && ctx.opened ? paperValues(ctx.crypto, ctx.entries, ctx.opened) : null,
    pins: ctx.pinReports,
    ...(ctx.timestampReports.length > 0 ? { timestamps: ctx.timestampReports } : {}),
  };
  return { ...base, verdict: verdictText(base) };
};

/** Checks a bag from its bytes: the bag, every hash, every signature, the journal, the procedure and the outputs. */
export const verifyBag = async (
  crypto: VerifierCrypto,
  source: BagSource,
  options: VerifyOptions = {},
): Promise<BundleReport> => {
  const ctx = createVerifyContext(crypto, source, options);
  for (const step of CHECK_STEPS) {
    await step.run(ctx);
    if (ctx.unreadable) return ctx.unreadable;
  }
  return report(ctx);
};
