// Handlers for the registered staff: list, add and remove (each approved by two people), and changing one's passphrase.
import { ok } from '@shared/result';
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export const staffList =
  (core: AppCore): Handler<'staff.list'> =>
  () =>
    ok({ staff: core.staffList() });

export const staffAdd =
  (core: AppCore): Handler<'staff.add'> =>
  async ({ name, role, passphrase, approvals }) =>
    ok({ staff: await core.addStaff({ name, role, passphrase }, approvals) });

export const staffRemove =
  (core: AppCore): Handler<'staff.remove'> =>
  async ({ id, approvals }) =>
    ok({ staff: await core.removeStaff(id, approvals) });

export const staffPassphrase =
  (core: AppCore): Handler<'staff.passphrase'> =>
  ({ current, next }) =>
    core.changePassphrase(current, next);
