// The procedure's say over the printed outputs: the main process refuses a document the procedure does not offer now.
import { offeredOutputs, type IncidentState, type OutputDocument } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';

const WHEN: Record<OutputDocument, Record<'preview' | 'print', string>> = {
  form: {
    preview: 'The incident form is shown once the conclusion is written, for both reviewers to read before signing.',
    print: 'The incident form is printed once both reviewers have signed the record off.',
  },
  screenshots: {
    preview: 'The screenshots are shown for printing once both reviewers have signed the record off.',
    print: 'The screenshots are printed once both reviewers have signed the record off.',
  },
};

/** Throws PROCEDURE_FORBIDS, saying when it will be offered, unless the procedure offers `doc` for `use` now. */
export const requireOutput = (state: IncidentState, doc: OutputDocument, use: 'preview' | 'print'): void => {
  if (offeredOutputs(state)[use].includes(doc)) return;
  if (state.halted && !state.purgeDecided && doc === 'screenshots') {
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      'After a halt, nothing with captures in it is shown or printed until you have said which ones show the ' +
        'suspect imagery.',
    );
  }
  throw new CodedError('PROCEDURE_FORBIDS', WHEN[doc][use]);
};
