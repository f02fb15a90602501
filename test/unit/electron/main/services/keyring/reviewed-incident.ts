// Fixture: a school of three staff and an incident reviewed (concluded, not yet signed off) by the two whose keys come
// last by id, so that anyone else's key would be tried before theirs.
import { join } from 'node:path';
import { setUpVault, startIncident, type OpenVault } from '@main/services/access';
import type { IncidentStore } from '@main/services/vault';
import { INCIDENT_DETAILS, mustAppend, SCHOOL_SETTINGS, tempDir } from '@test/helpers/vault';
import { STAFF, testDeps, THIRD } from './keyring-fixtures';

const AT = '2026-11-24T09:00:00.000Z';

export interface ReviewedIncident {
  dataDir: string;
  open: OpenVault;
  store: IncidentStore;
  /** The two reviewers' ids, and the one member who is not a reviewer. */
  reviewers: [string, string];
  outsider: string;
  /** A member's passphrase, by their id. */
  pass(id: string): string;
}

export const reviewedIncident = async (): Promise<ReviewedIncident> => {
  const dataDir = join(await tempDir(), 'data');
  const members = [...STAFF, THIRD];
  const set = await setUpVault(dataDir, SCHOOL_SETTINGS, members, testDeps());
  const open = { vault: set.vault, keyring: set.keyring, unlockedBy: set.unlockedBy };
  const byId = set.keyring.staffList().sort((x, y) => x.id.localeCompare(y.id));
  const [outsider, a, b] = byId;
  if (!outsider || !a || !b) throw new Error('three staff expected');
  const pass = (id: string) => members.find((m) => m.name === byId.find((s) => s.id === id)?.name)?.passphrase ?? '';
  const store = await startIncident(open, [pass(a.id), pass(b.id)], INCIDENT_DETAILS);
  await mustAppend(store, { kind: 'clock.confirmed', actor: a.id, data: { shownAt: AT, offsetMs: 0 } });
  await mustAppend(store, { kind: 'triage.answered', actor: a.id, data: { illegalSuspected: false } });
  await mustAppend(store, {
    kind: 'judgement.made',
    actor: a.id,
    data: { substance: false, actions: [], policeReasons: [] },
  });
  await mustAppend(store, { kind: 'conclusion.recorded', actor: b.id, data: { text: 'No substance found.' } });
  return { dataDir, open, store, reviewers: [a.id, b.id], outsider: outsider.id, pass };
};
