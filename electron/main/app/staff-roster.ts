// The registered staff while Countersign is unlocked: the list, adding and removing (each approved by two people), and
// changing one's own passphrase.
import type { StaffRecord } from '../services/keyring/key-files';
import type { Keyring } from '../services/keyring/keyring';

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  fingerprint: string;
}

/** Who someone is, as the screens name them (no keys). */
export const personOf = (s: StaffRecord): { id: string; name: string; role: string } => ({
  id: s.id,
  name: s.name,
  role: s.role,
});

export class StaffRoster {
  /** `keyring` gives the unlocked keyring, or throws while Countersign is locked. */
  constructor(private readonly keyring: () => Keyring) {}

  list(): StaffMember[] {
    return this.keyring()
      .staffList()
      .map((s) => ({ ...personOf(s), createdAt: s.createdAt, fingerprint: s.fingerprint }));
  }

  async add(
    member: { name: string; role: string; passphrase: string },
    approvals: readonly [string, string],
  ): Promise<StaffMember[]> {
    await this.keyring().addStaff(member, approvals);
    return this.list();
  }

  async remove(id: string, approvals: readonly [string, string]): Promise<StaffMember[]> {
    await this.keyring().removeStaff(id, approvals);
    return this.list();
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    await this.keyring().changePassphrase(current, next);
  }
}
