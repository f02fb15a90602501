// Proving who is present costs one key derivation (scrypt) per registered person tried: those expected (an incident's
// reviewers, the person exporting) are tried first, so a school with more staff does not wait for everyone's.
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Printer } from '@main/printing/printer';
import { ExportJobs } from '@main/app/export-jobs';
import { addendumCommand } from '@main/app/signed-additions';
import { readSettings, signOff } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { openingProfile, recordedProfile } from '@main/services/policy-in-force';
import { exportIncident } from '@main/services/exporting';
import { minimalPdf } from '@test/helpers/sample-incident';
import { SCHOOL_SETTINGS } from '@test/helpers/vault';
import { setUp, STAFF, THIRD } from './keyring-fixtures';
import { reviewedIncident } from './reviewed-incident';

const derivations = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    scrypt: (...args: Parameters<typeof crypto.scrypt>) => {
      derivations.count++;
      return crypto.scrypt(...args);
    },
  };
});

/** How many derivations one authentication took. */
const counted = async (run: () => Promise<unknown>): Promise<number> => {
  derivations.count = 0;
  await run();
  return derivations.count;
};

describe('the order keys are tried in', () => {
  it('the expected people first: one derivation, where the order by id would take every one', async () => {
    const members = [...STAFF, THIRD];
    const { keyring } = (await setUp(members)).created;
    // The person whose key comes last by id, and so was tried last.
    const byId = keyring.staffList().sort((a, b) => a.id.localeCompare(b.id));
    const last = byId.at(-1);
    const other = byId[0];
    if (!last || !other) throw new Error('three staff expected');
    const passphrase = members.find((m) => m.name === last.name)?.passphrase ?? '';

    expect(await counted(() => keyring.authenticate(passphrase))).toBe(3);
    expect(await counted(() => keyring.authenticate(passphrase, [last.id]))).toBe(1);
    expect(await counted(() => keyring.authenticate(passphrase, [other.id, last.id]))).toBe(2);
    expect((await keyring.authenticate(passphrase, [other.id])).staff.id).toBe(last.id);
  });

  it('anyone registered may still answer, and a wrong passphrase is tried against every key and refused', async () => {
    const { keyring } = (await setUp([...STAFF, THIRD])).created;
    const [first] = keyring.staffList();
    const third = keyring.staffList().find((s) => s.name === THIRD.name);
    if (!first || !third) throw new Error('staff expected');
    expect((await keyring.authenticate(THIRD.passphrase, [first.id])).staff.id).toBe(third.id);
    expect(
      await counted(() =>
        keyring.authenticate('not anyone at all here', [first.id]).catch((e: unknown) => {
          expect(e).toMatchObject({ code: 'BAD_PASSPHRASE' });
        }),
      ),
    ).toBe(3);
  });
});

describe('reviewers signing off and exporting', () => {
  it("try the incident's reviewers' keys before anyone else's, the exporter named by the caller first", async () => {
    const { dataDir, open, store, reviewers, pass } = await reviewedIncident();
    const [a, b] = reviewers;
    // By id: 2 for the first reviewer and 3 for the second. Reviewers first: 1 and 2.
    expect(await counted(() => signOff(open, store, [pass(a), pass(b)]))).toBe(3);

    const printer: Printer = { pdf: async () => minimalPdf('form'), close: async () => undefined };
    const exported = (exporter?: string) =>
      exportIncident(open, store, printer, {
        exporterPassphrase: pass(b),
        ...(exporter ? { exporter } : {}),
        recipient: 'Police',
        outDir: dirname(dataDir),
        version: '0.1.0',
      }).then((r) => expect(r.ok).toBe(true));
    expect(await counted(() => exported())).toBe(2);
    expect(await counted(() => exported(b))).toBe(1);

    // The app's export, and what a reviewer adds afterwards: the reviewers' keys first there too.
    const jobs = new ExportJobs({
      clock: systemClock,
      version: '0.1.0',
      printer: async () => printer,
      organisation: async () => SCHOOL_SETTINGS.organisation,
      policyOf: async () => recordedProfile(openingProfile(store.journal.entries), await readSettings(open.vault)),
    });
    const start = { open, store, recipient: 'Police', folder: dirname(dataDir), passphrase: pass(b) };
    expect(
      await counted(async () => expect((await jobs.finished((await jobs.start(start)).job)).state).toBe('done')),
    ).toBe(2);
    expect(await counted(() => addendumCommand(open.keyring, store, pass(b), 'Parents told.'))).toBe(2);
  });
});
