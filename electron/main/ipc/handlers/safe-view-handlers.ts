// Handlers for safe view in the review: what the page shows blurred, and a reviewer's choice to see one address.
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const reviewSafeView =
  (core: AppCore): Handler<'review.safe-view'> =>
  async ({ ref }) => ({ view: (await core.desk.activate(ref)).inv.safeView() });

export const reviewShowMedia =
  (core: AppCore): Handler<'review.show-media'> =>
  async ({ ref, actor, url }) => {
    await (await core.desk.activate(ref)).inv.reveal(actor, url);
    return core.detail(ref);
  };
