// Handlers for the printed outputs (preview, save as PDF, print), the evidence bundle's export and its verification.
import { ok } from '@shared/result';
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const outputsHtml =
  (core: AppCore): Handler<'outputs.html'> =>
  async ({ ref, document }) =>
    ok({ html: await core.documentHtml(ref, document) });

export const outputsSave =
  (core: AppCore): Handler<'outputs.save'> =>
  async ({ ref, document, folder }) =>
    ok({ path: await core.savePdf(ref, document, folder) });

export const outputsPrint =
  (core: AppCore): Handler<'outputs.print'> =>
  async ({ ref, document }) => {
    await core.print(ref, document);
    return ok({});
  };

export const filesChooseFolder =
  (core: AppCore): Handler<'files.choose-folder'> =>
  async () =>
    ok({ folder: await core.chooseFolder() });

export const filesChooseBundle =
  (core: AppCore): Handler<'files.choose-bundle'> =>
  async () =>
    ok({ path: await core.chooseBundle() });

export const exportStart =
  (core: AppCore): Handler<'export.start'> =>
  (request) =>
    core.startExport(request);

export const exportStatus =
  (core: AppCore): Handler<'export.status'> =>
  ({ job }) =>
    ok(core.exportStatus(job));

export const exportCancel =
  (core: AppCore): Handler<'export.cancel'> =>
  ({ job }) => {
    core.cancelExport(job);
    return ok({});
  };

export const verifyRun =
  (core: AppCore): Handler<'verify.run'> =>
  async ({ path, password }) =>
    ok(await core.verify(path, password));
