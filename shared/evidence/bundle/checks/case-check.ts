// Check: case.jsonld (the incident in CASE/UCO terms) is exactly what the journal and bag-info.txt give, byte for byte.
// A bundle made before Countersign wrote it has none: the check is then "not available", never passed.
import { caseJsonldText } from '../../../outputs/case-uco';
import { PAYLOAD } from '../bag-layout';
import { utf8Decode } from '../bytes';
import type { CheckStep } from '../verify-context';
import { firstDifferentLine } from './incident-check';

export const caseCheck: CheckStep = {
  id: 'case',
  run: (ctx) => {
    if (!ctx.source.files.has(PAYLOAD.caseJsonld)) {
      ctx.unavailable.set(
        'case',
        `format ${ctx.format}, made before Countersign wrote case.jsonld: there is no CASE/UCO description to check`,
      );
      return;
    }
    const bytes = ctx.kept.get(PAYLOAD.caseJsonld);
    // The journal check has already reported a journal that does not open with the incident.
    if (!bytes || !ctx.journalComplete || ctx.entries[0] !== ctx.opened) return;
    const text = utf8Decode(bytes);
    const agent = ctx.field('Bag-Software-Agent') ?? '';
    const rebuilt = caseJsonldText(
      ctx.entries,
      { version: agent.replace(/^Countersign /, ''), baggingDate: ctx.field('Bagging-Date') ?? '' },
      ctx.crypto.sha1?.bind(ctx.crypto),
    );
    if (text !== rebuilt)
      ctx.add(
        'CASE_MISMATCH',
        PAYLOAD.caseJsonld,
        'case.jsonld is not the CASE/UCO description rebuilt from the journal and bag-info.txt ' +
          `(they differ from line ${firstDifferentLine(text ?? '', rebuilt)}): ` +
          'it was altered, or made by something else',
      );
    ctx.ran.add('case');
  },
};
