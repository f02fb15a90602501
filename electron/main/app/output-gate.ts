// The procedure's say over the printed outputs: the main process refuses a document the procedure does not offer now,
// and checks again after every await before the document leaves it.
import { offeredOutputs, type IncidentState, type OutputDocument } from '@shared/procedure/procedure-machine';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import type { Printer } from '../printing/printer';
import type { IncidentStore } from '../services/vault';
import { documentHtml, savePdf, sendToPrinter } from './incident-outputs';

const WHEN: Record<OutputDocument, Record<'preview' | 'print', string>> = {
  form: {
    preview: 'The incident form is shown once the incident has been opened.',
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

/** The document as HTML, to read on screen, in the words of the policy the incident was opened under. */
export const previewDocument = async (
  store: IncidentStore,
  doc: OutputDocument,
  profile: PolicyProfile | undefined,
): Promise<string> => {
  requireOutput(store.journal.state, doc, 'preview');
  const html = await documentHtml(store, doc, profile);
  requireOutput(store.journal.state, doc, 'preview');
  return html;
};

/** The document saved as a PDF in `folder`; gives its path. */
export const saveDocument = async (
  store: IncidentStore,
  doc: OutputDocument,
  folder: string,
  profile: PolicyProfile | undefined,
  printer: () => Promise<Printer>,
  at: Date,
): Promise<string> => {
  requireOutput(store.journal.state, doc, 'print');
  const p = await printer();
  return savePdf(store, doc, folder, p, profile, at, () => requireOutput(store.journal.state, doc, 'print'));
};

/** The document sent to the system's print dialog. */
export const printDocument = async (
  store: IncidentStore,
  doc: OutputDocument,
  profile: PolicyProfile | undefined,
  printer: () => Promise<Printer>,
  at: Date,
): Promise<void> => {
  requireOutput(store.journal.state, doc, 'print');
  const p = await printer();
  await sendToPrinter(store, doc, p, profile, at, () => requireOutput(store.journal.state, doc, 'print'));
};
