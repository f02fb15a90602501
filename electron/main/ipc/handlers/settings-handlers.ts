// Handlers for the settings (organisation, computer, policy profile, retention), the vault's backup, and the policy
// profile the screens quote.
import type { AppCore } from '../../app/app-core';
import type { SettingsService } from '../../app/settings-service';
import type { VaultCare } from '../../app/vault-care';
import type { Handler } from '../register-handlers';

export const settingsGet =
  (settings: SettingsService): Handler<'settings.get'> =>
  () =>
    settings.get();

export const settingsSave =
  (settings: SettingsService): Handler<'settings.save'> =>
  (request) =>
    settings.save(request);

export const settingsRetention =
  (settings: SettingsService): Handler<'settings.retention'> =>
  async ({ months }) => ({ retentionMonths: (await settings.setRetention(months)).retentionMonths });

export const vaultBackup =
  (care: VaultCare): Handler<'vault.backup'> =>
  ({ folder }) =>
    care.backup(folder);

export const incidentDelete =
  (care: VaultCare): Handler<'incident.delete'> =>
  (request) =>
    care.delete(request);

export const settingsImport =
  (settings: SettingsService): Handler<'settings.import'> =>
  ({ json }) =>
    settings.importProfile(json);

export const policyGet =
  (core: AppCore): Handler<'policy.get'> =>
  ({ ref }) =>
    ref ? core.incidentPolicy(ref) : core.settings.policy();

export const policyProfiles =
  (settings: SettingsService): Handler<'policy.profiles'> =>
  () => ({ profiles: settings.profiles() });
