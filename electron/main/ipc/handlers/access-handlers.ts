// Handlers for first-run set-up, locking and unlocking the vault, and recovery with the printed code.
import type { AppCore } from '../../app/app-core';
import { restoreHere } from '../../app/restore-here';
import type { Handler } from '../register-handlers';

export const vaultRestore =
  (core: AppCore): Handler<'vault.restore'> =>
  (request) =>
    restoreHere(core, request);

export const setupCreate =
  (core: AppCore): Handler<'setup.create'> =>
  (request) =>
    core.setUp(request);

export const vaultUnlock =
  (core: AppCore): Handler<'vault.unlock'> =>
  ({ passphrase }) =>
    core.unlock(passphrase);

export const vaultLock =
  (core: AppCore): Handler<'vault.lock'> =>
  () =>
    core.lock();

export const recoveryStaff =
  (core: AppCore): Handler<'recovery.staff'> =>
  async ({ code }) => ({ staff: await core.recoveryStaff(code) });

export const recoveryReset =
  (core: AppCore): Handler<'recovery.reset'> =>
  ({ code, staffId, passphrase }) =>
    core.recoveryReset(code, staffId, passphrase);
