// Handlers for drafts: the text of a step's form, kept encrypted in the vault until the step is recorded.
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const draftsGet =
  (core: AppCore): Handler<'drafts.get'> =>
  async ({ key }) => ({ value: await core.getDraft(key) });

export const draftsPut =
  (core: AppCore): Handler<'drafts.put'> =>
  async ({ key, value }) => {
    await core.putDraft(key, value);
    return {};
  };

export const draftsClear =
  (core: AppCore): Handler<'drafts.clear'> =>
  async ({ key }) => {
    await core.clearDraft(key);
    return {};
  };
