// Handlers for the settings (organisation, computer, policy profile) and the policy profile the screens quote.
import { ok } from '@shared/result';
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const settingsGet =
  (core: AppCore): Handler<'settings.get'> =>
  async () =>
    ok(await core.getSettings());

export const settingsSave =
  (core: AppCore): Handler<'settings.save'> =>
  async (request) =>
    ok(await core.saveSettings(request));

export const settingsImport =
  (core: AppCore): Handler<'settings.import'> =>
  async ({ json }) =>
    ok(await core.importProfile(json));

export const policyGet =
  (core: AppCore): Handler<'policy.get'> =>
  async () =>
    ok(await core.policy());

export const policyProfiles =
  (core: AppCore): Handler<'policy.profiles'> =>
  () =>
    ok({ profiles: core.profiles() });
