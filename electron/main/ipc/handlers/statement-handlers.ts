// Handlers for each reviewer's own account of a signed-off incident: preview, save as PDF, print.
import type { ReviewerStatements } from '../../app/reviewer-statements';
import type { Handler } from '../register-handlers';

export const statementHtml =
  (statements: ReviewerStatements): Handler<'statement.html'> =>
  async ({ ref, reviewer }) => ({ html: await statements.html(ref, reviewer) });

export const statementSave =
  (statements: ReviewerStatements): Handler<'statement.save'> =>
  async ({ ref, reviewer, folder }) => ({ path: await statements.save(ref, reviewer, folder) });

export const statementPrint =
  (statements: ReviewerStatements): Handler<'statement.print'> =>
  async ({ ref, reviewer }) => {
    await statements.print(ref, reviewer);
    return {};
  };
