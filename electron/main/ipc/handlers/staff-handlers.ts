// Handlers for the registered staff: list, add and remove (each approved by two people), and changing one's passphrase.
import type { StaffRoster } from '../../app/staff-roster';
import type { Handler } from '../register-handlers';

export const staffList =
  (staff: StaffRoster): Handler<'staff.list'> =>
  () => ({ staff: staff.list() });

export const staffAdd =
  (staff: StaffRoster): Handler<'staff.add'> =>
  async ({ name, role, passphrase, approvals }) => ({ staff: await staff.add({ name, role, passphrase }, approvals) });

export const staffRemove =
  (staff: StaffRoster): Handler<'staff.remove'> =>
  async ({ id, approvals }) => ({ staff: await staff.remove(id, approvals) });

export const staffPassphrase =
  (staff: StaffRoster): Handler<'staff.passphrase'> =>
  async ({ current, next }) => {
    await staff.changePassphrase(current, next);
    return {};
  };
