// Check: is this a bundle at all, in a format this verifier knows, with bagit.txt and bag-info.txt as written?
import { BAGIT_TXT, INFO, KNOWN_FORMATS, READ_LIMITS, TAG_FILES } from '../bag-layout';
import { unreadableReport, type BundleReport } from '../bundle-report';
import { parseBagInfo, textLines } from '../tag-files';
import type { CheckStep, VerifyContext } from '../verify-context';

/** bag-info.txt labels every Countersign bundle carries (RFC 8493's reserved ones). */
const REQUIRED_LABELS = [
  'External-Identifier',
  'Payload-Oxum',
  'Bagging-Date',
  'Bag-Software-Agent',
  'Source-Organization',
];

const unknownFormatReport = (formatVersion: number): BundleReport => {
  const newer = formatVersion > Math.max(...KNOWN_FORMATS);
  return unreadableReport(
    newer
      ? `This bundle is in format ${formatVersion}, made by a newer Countersign; this verifier knows format ` +
          `${KNOWN_FORMATS.join(', ')}. Use a newer Countersign to check it.`
      : `This bundle says it is in format ${formatVersion}, which no Countersign has ` +
          `written; this verifier knows format ${KNOWN_FORMATS.join(', ')}.`,
    TAG_FILES.bagInfo,
    'FORMAT_UNKNOWN',
    formatVersion,
  );
};

const checkBagitTxt = async (ctx: VerifyContext): Promise<void> => {
  if (!ctx.source.files.has(TAG_FILES.bagit)) {
    ctx.add('BAGIT_DECLARATION', TAG_FILES.bagit, 'bagit.txt is missing: this is not a complete BagIt bag');
    return;
  }
  const bagit = await ctx.readText(TAG_FILES.bagit, 'BAGIT_DECLARATION', READ_LIMITS.tagFile);
  if (bagit !== null && textLines(bagit).join('\n') !== textLines(BAGIT_TXT).join('\n')) {
    ctx.add(
      'BAGIT_DECLARATION',
      TAG_FILES.bagit,
      'bagit.txt does not declare "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"',
    );
  }
};

const checkBagInfoFields = (ctx: VerifyContext): void => {
  if (!ctx.source.files.has(TAG_FILES.bagInfo)) {
    ctx.add('BAG_INFO', TAG_FILES.bagInfo, 'bag-info.txt is missing');
    return;
  }
  if (!ctx.bagInfo) return;
  for (const line of ctx.bagInfo.bad)
    ctx.add('BAG_INFO', `${TAG_FILES.bagInfo} line ${line}`, `line ${line} of bag-info.txt is not "Label: value"`);
  const formatText = ctx.field(INFO.format);
  if (formatText === null)
    ctx.add('BAG_INFO', TAG_FILES.bagInfo, `bag-info.txt does not say which bundle format it is in (${INFO.format})`);
  else if (ctx.formatVersion === null)
    ctx.add('BAG_INFO', TAG_FILES.bagInfo, `${INFO.format} "${formatText}" is not a format number`);
  for (const label of REQUIRED_LABELS) {
    if (ctx.field(label) === null) ctx.add('BAG_INFO', TAG_FILES.bagInfo, `bag-info.txt has no ${label}`);
  }
};

export const bagDeclarationCheck: CheckStep = {
  id: 'bag-declaration',
  run: async (ctx) => {
    const { files } = ctx.source;
    if (!files.has(TAG_FILES.bagit) && !files.has(TAG_FILES.bagInfo) && ctx.payloadPaths.length === 0) {
      ctx.unreadable = unreadableReport(
        'This is not a Countersign evidence bundle: it has no bagit.txt, no bag-info.txt and no data/ folder.',
      );
      return;
    }
    const infoText = await ctx.readText(TAG_FILES.bagInfo, 'BAG_INFO', READ_LIMITS.tagFile);
    ctx.bagInfo = infoText === null ? null : parseBagInfo(infoText);
    const formatText = ctx.field(INFO.format);
    ctx.formatVersion = formatText !== null && /^\d{1,6}$/.test(formatText) ? Number(formatText) : null;
    if (ctx.formatVersion !== null && !KNOWN_FORMATS.includes(ctx.formatVersion)) {
      ctx.unreadable = unknownFormatReport(ctx.formatVersion);
      return;
    }
    await checkBagitTxt(ctx);
    checkBagInfoFields(ctx);
    ctx.ran.add('bag');
  },
};
