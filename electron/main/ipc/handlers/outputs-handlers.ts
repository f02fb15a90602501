// Handlers for the printed outputs (preview, save as PDF, print), the incident log and governors' summary, the
// evidence bundle's export and its verification.
import type { AppCore } from '../../app/app-core';
import type { ExportJobs } from '../../app/export-jobs';
import type { IncidentLogs } from '../../app/incident-logs';
import { suggestBundlePassword } from '../../services/bundle-password';
import { saveStandaloneVerifier } from '../../verify/standalone-verifier';
import type { Handler } from '../register-handlers';

export const outputsHtml =
  (core: AppCore): Handler<'outputs.html'> =>
  async ({ ref, document }) => ({ html: await core.documentHtml(ref, document) });

export const outputsSave =
  (core: AppCore): Handler<'outputs.save'> =>
  async ({ ref, document, folder }) => ({ path: await core.savePdf(ref, document, folder) });

export const outputsPrint =
  (core: AppCore): Handler<'outputs.print'> =>
  async ({ ref, document }) => {
    await core.print(ref, document);
    return {};
  };

export const filesChooseFolder =
  (core: AppCore): Handler<'files.choose-folder'> =>
  async () => ({ folder: await core.chooseFolder() });

export const filesChooseBundle =
  (core: AppCore): Handler<'files.choose-bundle'> =>
  async () => ({ path: await core.chooseBundle() });

export const exportStart =
  (core: AppCore): Handler<'export.start'> =>
  (request) =>
    core.startExport(request);

export const exportSuggestPassword = (): Handler<'export.suggest-password'> => () => ({
  password: suggestBundlePassword(),
});

export const exportStatus =
  (exports: ExportJobs): Handler<'export.status'> =>
  ({ job }) =>
    exports.status(job);

export const exportCancel =
  (exports: ExportJobs): Handler<'export.cancel'> =>
  ({ job }) => {
    exports.cancel(job);
    return {};
  };

/** The stand-alone verifier the app carries, in the folder `from`, saved where the school chooses. */
export const verifierSave =
  (from: string): Handler<'verifier.save'> =>
  ({ folder }) =>
    saveStandaloneVerifier(from, folder);

export const verifyRun =
  (core: AppCore): Handler<'verify.run'> =>
  ({ path, password, pins }) =>
    core.verify(path, password, pins);

export const logHtml =
  (logs: IncidentLogs): Handler<'log.html'> =>
  ({ document, from, to }) =>
    logs.html(document, { from, to });

export const logSave =
  (logs: IncidentLogs): Handler<'log.save'> =>
  async ({ document, format, folder, from, to }) => ({ path: await logs.save(document, format, folder, { from, to }) });

export const logPrint =
  (logs: IncidentLogs): Handler<'log.print'> =>
  async ({ document, from, to }) => {
    await logs.print(document, { from, to });
    return {};
  };
