// Handlers for each reviewer's own account of a signed-off incident: preview, save as PDF, print.
import type { AppCore } from '../../app/app-core';
import { ReviewerStatements } from '../../app/reviewer-statements';
import type { Handler } from '../register-handlers';

/** The accounts over the app's incident desk, its printer and its clock. */
const statementsOf = (core: AppCore): ReviewerStatements =>
  new ReviewerStatements(
    (ref) => core.withProfile(ref),
    () => core.deps.printer(),
    () => core.deps.clock.now(),
  );

export const statementHtml =
  (core: AppCore): Handler<'statement.html'> =>
  async ({ ref, reviewer }) => ({ html: await statementsOf(core).html(ref, reviewer) });

export const statementSave =
  (core: AppCore): Handler<'statement.save'> =>
  async ({ ref, reviewer, folder }) => ({ path: await statementsOf(core).save(ref, reviewer, folder) });

export const statementPrint =
  (core: AppCore): Handler<'statement.print'> =>
  async ({ ref, reviewer }) => {
    await statementsOf(core).print(ref, reviewer);
    return {};
  };
