// Handlers for the review: the evidence browser, captures (blurred, revealed on request), the halt and the purge.
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const reviewBrowse =
  (core: AppCore): Handler<'review.browse'> =>
  ({ ref, actor, action, url }) =>
    core.browse(ref, actor, action, url);

export const reviewState =
  (core: AppCore): Handler<'review.state'> =>
  ({ ref }) =>
    core.reviewState(ref);

export const reviewCapture =
  (core: AppCore): Handler<'review.capture'> =>
  ({ ref, actor, mode, concern }) =>
    core.capture(ref, actor, mode, concern);

export const reviewThumbnail =
  (core: AppCore): Handler<'review.thumbnail'> =>
  async ({ ref, sha256 }) => ({ thumbnail: await core.thumbnail(ref, sha256) });

export const reviewReveal =
  (core: AppCore): Handler<'review.reveal'> =>
  async ({ ref, sha256 }) => ({ image: await core.reveal(ref, sha256) });

export const reviewHalt =
  (core: AppCore): Handler<'review.halt'> =>
  ({ ref, actor, url }) =>
    core.halt(ref, actor, url);

export const reviewPurge =
  (core: AppCore): Handler<'review.purge'> =>
  ({ ref, actor, captures }) =>
    core.purge(ref, actor, captures);

export const reviewViewBounds =
  (core: AppCore): Handler<'review.view-bounds'> =>
  ({ bounds }) => {
    core.setViewBounds(bounds);
    return {};
  };
