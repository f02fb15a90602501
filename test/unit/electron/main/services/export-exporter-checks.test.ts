// What both exports (the app's and the command line's) check before anything is printed or written: a journal cut
// back on disk is reported before anyone's key is unlocked; the passphrase is proved before the form is printed, so a
// wrong one prints nothing and the key derivation's memory is not on top of the form's; a member who is not a reviewer
// prints nothing; and a key unlocked for an export that then fails is wiped.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError, type AppError } from '@shared/result';
import { ExportJobs } from '@main/app/export-jobs';
import type { Printer } from '@main/printing/printer';
import { readSettings, signOff, type OpenVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import type { Signer } from '@main/services/crypto';
import { exportIncident } from '@main/services/exporting';
import { openingProfile, recordedProfile } from '@main/services/policy-in-force';
import type { IncidentStore } from '@main/services/vault';
import { minimalPdf } from '@test/helpers/sample-incident';
import { SCHOOL_SETTINGS } from '@test/helpers/vault';
import { reviewedIncident, type ReviewedIncident } from './keyring/reviewed-incident';

/** What happened, in order: each key derivation and each form sent to the printer. */
const events = vi.hoisted(() => ({ list: [] as string[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    scrypt: (...args: Parameters<typeof crypto.scrypt>) => {
      events.list.push('scrypt');
      return crypto.scrypt(...args);
    },
  };
});

const printer: Printer = {
  pdf: async () => {
    events.list.push('print');
    return minimalPdf('form');
  },
  close: async () => undefined,
};

const profileOf = async (open: OpenVault, store: IncidentStore): Promise<PolicyProfile> =>
  recordedProfile(openingProfile(store.journal.entries), await readSettings(open.vault));

/** The two ways to export, each giving the error it ended with (or null when a bundle was written). */
const paths = {
  'the command line': async (r: ReviewedIncident, passphrase: string): Promise<AppError | null> => {
    const result = await exportIncident(r.open, r.store, printer, {
      exporterPassphrase: passphrase,
      recipient: 'Police',
      outDir: dirname(r.dataDir),
      version: '0.1.0',
    });
    return result.ok ? null : result.error;
  },
  'the app': async (r: ReviewedIncident, passphrase: string): Promise<AppError | null> => {
    const jobs = new ExportJobs({
      clock: systemClock,
      version: '0.1.0',
      printer: async () => printer,
      organisation: async () => SCHOOL_SETTINGS.organisation,
      policyOf: (store) => profileOf(r.open, store),
    });
    try {
      const start = { open: r.open, store: r.store, recipient: 'Police', folder: dirname(r.dataDir), passphrase };
      const status = await jobs.finished((await jobs.start(start)).job);
      return status.error;
    } catch (e) {
      return e as AppError;
    }
  },
};

/** An incident signed off by both reviewers, ready to export. */
const sealed = async (): Promise<ReviewedIncident> => {
  const r = await reviewedIncident();
  await signOff(r.open, r.store, [r.pass(r.reviewers[0]), r.pass(r.reviewers[1])]);
  events.list = [];
  return r;
};

beforeEach(() => {
  events.list = [];
});

describe.each(Object.entries(paths))('an export from %s', (_, exportWith) => {
  it('proves the passphrase before it prints the form, and a wrong one prints nothing', async () => {
    const r = await sealed();
    expect(await exportWith(r, r.pass(r.reviewers[1]))).toBeNull();
    expect(events.list[0]).toBe('scrypt');
    expect(events.list.at(-1)).toBe('print');
    expect(events.list.filter((e) => e === 'print')).toHaveLength(1);

    events.list = [];
    expect(await exportWith(r, 'not the passphrase of anyone here')).toMatchObject({ code: 'BAD_PASSPHRASE' });
    expect(events.list).toEqual(['scrypt', 'scrypt', 'scrypt']);
  });

  it('prints nothing for a member who is not a reviewer, whose passphrase is right', async () => {
    const r = await sealed();
    const refused = await exportWith(r, r.pass(r.outsider));
    expect(refused).toMatchObject({ code: 'PROCEDURE_FORBIDS', message: expect.stringMatching(/not a reviewer/) });
    expect(events.list).not.toContain('print');
  });

  it('reports a journal cut back on disk before any key is unlocked, even with a wrong passphrase', async () => {
    const r = await sealed();
    const file = join(r.dataDir, 'incidents', r.store.ref, 'journal.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    await writeFile(file, `${lines.slice(0, -1).join('\n')}\n`);
    for (const passphrase of ['not the passphrase of anyone here', r.pass(r.reviewers[0])]) {
      expect(await exportWith(r, passphrase)).toMatchObject({ code: 'ROLLED_BACK' });
    }
    expect(events.list).toEqual([]);
  });
});

describe('the app’s export', () => {
  it('wipes the key it unlocked when the export cannot go on (the policy is missing from this computer)', async () => {
    const r = await sealed();
    const unlocked: Signer[] = [];
    const authenticate = r.open.keyring.authenticate.bind(r.open.keyring);
    vi.spyOn(r.open.keyring, 'authenticate').mockImplementation(async (...args) => {
      const who = await authenticate(...args);
      unlocked.push(who.signer);
      return who;
    });
    const jobs = new ExportJobs({
      clock: systemClock,
      version: '0.1.0',
      printer: async () => printer,
      organisation: async () => SCHOOL_SETTINGS.organisation,
      policyOf: async () => {
        throw new CodedError('CORRUPT', 'The policy this incident was opened under is not on this computer.');
      },
    });
    const start = {
      open: r.open,
      store: r.store,
      recipient: 'Police',
      folder: dirname(r.dataDir),
      passphrase: r.pass(r.reviewers[0]),
    };
    await expect(jobs.start(start)).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(unlocked).toHaveLength(1);
    expect(() => unlocked[0]?.sign('anything')).toThrow(expect.objectContaining({ code: 'PROCEDURE_FORBIDS' }));
    expect(events.list).not.toContain('print');
  });
});
