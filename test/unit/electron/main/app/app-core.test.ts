// The app core over the real services: set-up and locking, the two-person start, the review and halt, drafts, the
// register and export.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { refusalCode as code } from '@test/helpers/refusals';
import { DSL, HEAD, incidentInReview, makeCore, setUp, THIRD, type Fixture } from './core-fixture';

const ready = async (): Promise<Fixture> => {
  const f = await makeCore();
  await setUp(f);
  return f;
};

/** Takes a review incident through judgement, conclusion and both signatures. */
const seal = async (f: Fixture, ref: string, a: string) => {
  await f.core.act(ref, a, {
    kind: 'judgement.made',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  await f.core.act(ref, a, {
    kind: 'conclusion.recorded',
    data: { text: 'Upheld; handled under the behaviour policy.' },
  });
  return f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
};

describe('set-up, lock and unlock', () => {
  it('starts not set up, and set-up leaves it unlocked with a recovery code of 8 groups of 5', async () => {
    const f = await makeCore();
    expect(await f.core.status()).toMatchObject({ setUp: false, unlocked: false });
    const made = await setUp(f);
    expect(made.recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    expect(made.status).toMatchObject({
      setUp: true,
      unlocked: true,
      organisation: 'Brindlewick Primary School',
      unlockedBy: { name: HEAD.name },
    });
    expect(await code(setUp(f))).toBe('INVALID_INPUT');
  });

  it('locks, refuses a wrong passphrase (counting it), and unlocks for whoever types theirs', async () => {
    const f = await ready();
    expect(await f.core.lock()).toMatchObject({ unlocked: false, unlockedBy: null });
    expect(await code(f.core.register.list())).toBe('PROCEDURE_FORBIDS');
    expect(await code(f.core.unlock('not anybody’s passphrase at all'))).toBe('BAD_PASSPHRASE');
    expect((await f.core.status()).failures).toBe(1);
    const right = await f.core.unlock(DSL.passphrase);
    expect(right).toMatchObject({ unlocked: true, unlockedBy: { name: DSL.name }, failures: 0 });
  });

  it('resets a forgotten passphrase with the recovery code and unlocks', async () => {
    const f = await makeCore();
    const { recoveryCode } = await setUp(f);
    await f.core.lock();
    const people = await f.core.recoveryStaff(recoveryCode);
    const dsl = people.find((p) => p.name === DSL.name);
    expect(dsl).toBeDefined();
    expect(await f.core.recoveryReset(recoveryCode, dsl?.id ?? '', 'a brand new sentence for dana')).toMatchObject({
      unlocked: true,
    });
    await f.core.lock();
    expect(await f.core.unlock('a brand new sentence for dana')).toMatchObject({ unlocked: true });
  });
});

describe('starting an incident', () => {
  it('needs two different people', async () => {
    const f = await ready();
    const same = f.core.startIncident({
      passphrases: [HEAD.passphrase, HEAD.passphrase],
      reason: 'x',
      subject: { kind: 'pupil', ref: 'P-1' },
      category: 'Other',
    });
    expect(await code(same)).toBe('SAME_PERSON');
    expect(await f.core.register.list()).toEqual([]);
  });

  it('opens at the clock check, offering only that (a note, or someone told), and records practice mode', async () => {
    const f = await ready();
    await f.core.setPractice(true);
    const d = await f.core.startIncident({
      passphrases: [HEAD.passphrase, THIRD.passphrase],
      reason: 'Practice run',
      subject: { kind: 'other', ref: 'X-1' },
      category: 'Other',
    });
    expect(d.phase).toBe('clock');
    expect(d.offered).toEqual(['clock.confirmed', 'note.added', 'told.recorded']);
    expect(d.record.reviewers.map((r) => r.name)).toEqual([HEAD.name, THIRD.name]);
    expect(d.record.practice).toBe(true);
  });

  it('refuses a step out of order and writes nothing', async () => {
    const f = await ready();
    const d = await f.core.startIncident({
      passphrases: [HEAD.passphrase, DSL.passphrase],
      reason: 'r',
      subject: { kind: 'pupil', ref: 'P-2' },
      category: 'Other',
    });
    const a = d.record.reviewers[0].id;
    const early = f.core.act(d.ref, a, { kind: 'triage.answered', data: { illegalSuspected: false } });
    expect(await code(early)).toBe('PROCEDURE_FORBIDS');
    expect((await f.core.detail(d.ref)).record.chainHead).toEqual(d.record.chainHead);
  });
});

describe('the review', () => {
  it(
    'records visits, keeps each capture by its hash, and gives ' +
      'a thumbnail for the list and the original only when asked',
    async () => {
      const f = await ready();
      const { ref, a } = await incidentInReview(f);
      await f.core.browse(ref, a, 'navigate', 'https://example.org/post/1');
      const shot = await f.core.capture(ref, a, 'viewport', 'Unkind comments under the post');
      expect(shot.capture.n).toBe(1);
      expect(shot.detail.page).toEqual({
        url: 'https://example.org/post/1',
        title: 'Title of https://example.org/post/1',
      });
      const original = Buffer.from((await f.core.reveal(ref, shot.capture.sha256)).split(',')[1] ?? '', 'base64');
      expect(Buffer.compare(original, Buffer.from(f.browsers[0]?.lastPng ?? []))).toBe(0);
      const thumb = Buffer.from(shot.thumbnail.split(',')[1] ?? '', 'base64');
      expect(thumb.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(shot.detail.record.visits.map((v) => v.url)).toEqual(['https://example.org/post/1']);
    },
  );

  it(
    'halts: the page is torn down, capture is refused for good, ' +
      'captures stay closed until the purge question is answered',
    async () => {
      const f = await ready();
      const { ref, a } = await incidentInReview(f);
      await f.core.browse(ref, a, 'navigate', 'https://example.org/a');
      const keep = (await f.core.capture(ref, a, 'viewport', 'Bullying post')).capture.sha256;
      await f.core.browse(ref, a, 'navigate', 'https://example.org/suspect');
      const bad = (await f.core.capture(ref, a, 'fullpage')).capture.sha256;
      const halted = await f.core.halt(ref, a, 'typed but not used');
      expect(halted.record.halt?.url).toBe('https://example.org/suspect');
      expect(f.browsers[0]?.teardowns).toEqual(['halt']);
      expect(halted.page).toBeNull();
      expect(await code(f.core.capture(ref, a, 'viewport'))).toBe('CAPTURE_LOCKED');
      expect(await code(f.core.reveal(ref, keep))).toBe('PROCEDURE_FORBIDS');
      const after = await f.core.purge(ref, a, [bad]);
      expect(after.offered).not.toContain('halt.purge-decided');
      expect(await code(f.core.reveal(ref, bad))).toBe('NOT_FOUND');
      expect(await code(f.core.thumbnail(ref, bad))).toBe('NOT_FOUND');
      expect((await f.core.reveal(ref, keep)).startsWith('data:image/png;base64,')).toBe(true);
      const files = await readdir(join(f.dataDir, 'incidents', ref, 'files'));
      const keepSource = (f.core.desk.active?.store.journal.entries ?? [])
        .filter((e): e is JournalEntry<'capture.taken'> => e.kind === 'capture.taken')
        .find((e) => e.data.sha256 === keep)?.data.page?.source.sha256;
      expect(keepSource).toMatch(/^[0-9a-f]{64}$/);
      // The kept screenshot and its page source; the purged one's source went with it.
      expect(files.filter((n) => /^[0-9a-f]{64}$/.test(n)).sort()).toEqual([keep, keepSource].sort());
    },
  );

  it(
    'halts the review in progress from the shortcut in ' + 'the evidence view, as the reviewer who last acted',
    async () => {
      const f = await ready();
      const { ref, b } = await incidentInReview(f);
      await f.core.browse(ref, b, 'navigate', 'https://example.org/x');
      const r = await f.core.haltActive();
      expect(r.record.halt?.by.id).toBe(b);
      expect(await code(f.core.haltActive())).toBe('PROCEDURE_FORBIDS');
    },
  );

  it('records a jump of the wall clock while the incident is open', async () => {
    let offset = 0;
    const clock = { now: () => new Date(Date.now() + offset), mono: () => performance.now() };
    const f = await makeCore({ clock });
    await setUp(f);
    const { ref } = await incidentInReview(f);
    offset = 3_600_000;
    f.tick();
    await new Promise((r) => setTimeout(r, 50));
    const jumps = (await f.core.detail(ref)).record.interruptions.filter((i) => i.type === 'clock-jump');
    expect(jumps).toHaveLength(1);
  });
});

describe('the register', () => {
  it('lists each incident by reference, dates, stage and category, with no names or descriptions', async () => {
    const f = await ready();
    const { ref } = await incidentInReview(f);
    const rows = await f.core.register.list();
    expect(rows).toEqual([
      expect.objectContaining({
        ref,
        phase: 'review',
        category: 'Cyberbullying',
        subjectKind: 'pupil',
        practice: false,
        police: false,
        problem: null,
      }),
    ]);
    const text = JSON.stringify(rows);
    for (const personal of [HEAD.name, DSL.name, 'P-117', 'Unkind posts']) expect(text).not.toContain(personal);
    await f.core.lock();
    await f.core.unlock(HEAD.passphrase);
    expect((await f.core.register.list()).map((r) => r.ref)).toEqual([ref]);
  });
});

describe('drafts', () => {
  it('keeps what was typed, encrypted, until the incident is signed off', async () => {
    const f = await ready();
    const { ref, a } = await incidentInReview(f);
    await f.core.putDraft(`${ref}:conclusion`, { text: 'CANARY-draft-words' });
    await f.core.putDraft('new-incident:start', { reason: 'CANARY-start' });
    expect(await f.core.getDraft(`${ref}:conclusion`)).toEqual({ text: 'CANARY-draft-words' });
    for (const name of await readdir(join(f.dataDir, 'drafts'))) {
      expect((await readFile(join(f.dataDir, 'drafts', name))).toString('latin1')).not.toContain('CANARY');
    }
    await f.core.lock();
    expect(await code(f.core.getDraft(`${ref}:conclusion`))).toBe('PROCEDURE_FORBIDS');
    await f.core.unlock(DSL.passphrase);
    expect(await f.core.getDraft(`${ref}:conclusion`)).toEqual({ text: 'CANARY-draft-words' });
    await seal(f, ref, a);
    expect(await f.core.getDraft(`${ref}:conclusion`)).toBeNull();
    expect(await f.core.getDraft('new-incident:start')).toEqual({ reason: 'CANARY-start' });
  });
});

describe('outputs and export', () => {
  it('exports a sealed incident as a bundle that checks out, and records the export', async () => {
    const f = await ready();
    const { ref, a } = await incidentInReview(f);
    await f.core.browse(ref, a, 'navigate', 'https://example.org/p');
    await f.core.capture(ref, a, 'viewport', 'Concern');
    expect(
      await code(f.core.startExport({ ref, recipient: 'Police', folder: f.dataDir, passphrase: HEAD.passphrase })),
    ).toBe('PROCEDURE_FORBIDS');
    await seal(f, ref, a);
    expect(
      await code(f.core.startExport({ ref, recipient: 'Police', folder: f.dataDir, passphrase: THIRD.passphrase })),
    ).toBe('PROCEDURE_FORBIDS');
    const out = join(f.dataDir, '..');
    // A weak bundle password is refused before anything is signed or written, as a weak passphrase would be.
    await expect(
      f.core.startExport({ ref, recipient: 'Police', folder: out, passphrase: DSL.passphrase, password: 'police' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/too easy to guess/) });
    expect((await readdir(out)).filter((n) => n.endsWith('.zip'))).toEqual([]);
    const { job } = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: out,
      passphrase: DSL.passphrase,
      password: 'pw-for-police',
    });
    const done = await f.core.exports.finished(job);
    expect(done).toMatchObject({ state: 'done', error: null });
    expect(done.path).toBe(join(out, `${ref}-evidence.zip`));
    expect((await f.core.verify(done.path ?? '', 'pw-for-police')).valid).toBe(true);
    expect((await f.core.detail(ref)).exports).toEqual([
      expect.objectContaining({ recipient: 'Police', file: `${ref}-evidence.zip`, sha256: done.sha256 }),
    ]);
    const second = await f.core.exports.finished(
      (await f.core.startExport({ ref, recipient: 'LADO', folder: out, passphrase: DSL.passphrase })).job,
    );
    expect(second.path).toBe(join(out, `${ref}-evidence-2.zip`));
  });

  it("proves the exporter's passphrase before it prints the form; a print that fails leaves no bundle", async () => {
    let fail: (e: Error) => void = () => undefined;
    let printing = 0;
    const f = await makeCore({
      printer: async () => ({
        pdf: () => {
          printing++;
          return new Promise<Uint8Array>((_resolve, reject) => (fail = reject));
        },
        close: async () => undefined,
      }),
    });
    await setUp(f);
    const { ref, a } = await incidentInReview(f);
    await seal(f, ref, a);
    const before = printing;
    expect(
      await code(
        f.core.startExport({
          ref,
          recipient: 'Police',
          folder: f.dataDir,
          passphrase: 'not the passphrase of anyone here',
        }),
      ),
    ).toBe('BAD_PASSPHRASE');
    // Refused before anything went to the printer: the key derivation comes first.
    expect(printing).toBe(before);
    const { job } = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: f.dataDir,
      passphrase: HEAD.passphrase,
    });
    expect(printing).toBe(before + 1);
    // While a window still renders the record, the vault is not locked by a click or the idle lock.
    expect(await code(f.core.lock())).toBe('PROCEDURE_FORBIDS');
    // The form's print failing fails the export in the form's turn, and nothing is left under the bundle's name.
    fail(new Error('The printer window closed.'));
    expect(await f.core.exports.finished(job)).toMatchObject({ state: 'failed' });
    // An export cancelled while its form prints: that print failing afterwards is heard by nobody and harms nothing
    // (an unhandled rejection fails this test).
    const again = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: f.dataDir,
      passphrase: HEAD.passphrase,
    });
    f.core.exports.cancel(again.job);
    fail(new Error('The printer window closed.'));
    expect(await f.core.exports.finished(again.job)).toMatchObject({ state: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await f.core.lock()).toMatchObject({ unlocked: false });
    expect((await readdir(f.dataDir)).filter((n) => n.endsWith('.zip'))).toEqual([]);
  });

  it('says which folder is missing, and will not lock while a bundle is being written', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const f = await makeCore({
      printer: async () => ({
        pdf: async () => {
          await held;
          return new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
        },
        close: async () => undefined,
      }),
    });
    await setUp(f);
    const { ref, a } = await incidentInReview(f);
    await seal(f, ref, a);
    const missing = await f.core.exports.finished(
      (await f.core.startExport({ ref, recipient: 'Police', folder: '/no/such/usb', passphrase: HEAD.passphrase })).job,
    );
    expect(missing).toMatchObject({ state: 'failed', error: { code: 'IO_ERROR' } });
    expect(missing.error?.message).toContain('/no/such/usb');
    const { job } = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: f.dataDir,
      passphrase: HEAD.passphrase,
    });
    expect(await code(f.core.lock())).toBe('PROCEDURE_FORBIDS');
    f.core.exports.cancel(job);
    release();
    expect(await f.core.exports.finished(job)).toMatchObject({ state: 'cancelled' });
    expect(await f.core.lock()).toMatchObject({ unlocked: false });
  });

  it('gives the form as self-contained HTML, and the screenshots’ pages without any image', async () => {
    const f = await ready();
    const { ref, a } = await incidentInReview(f);
    await f.core.browse(ref, a, 'navigate', 'https://example.org/p');
    const sha = (await f.core.capture(ref, a, 'viewport', 'Concern text')).capture.sha256;
    await seal(f, ref, a);
    const form = await f.core.documentHtml(ref, 'form');
    expect(form).toContain(ref);
    expect(form).toContain('Concern text');
    const shots = await f.core.documentHtml(ref, 'screenshots');
    expect(shots).toContain(sha);
    expect(shots).not.toMatch(/data:image|<img/);
  });
});

describe('settings and policy', () => {
  it('saves the school and computer, and imports a school profile (refusing one that is not valid)', async () => {
    const f = await ready();
    const saved = await f.core.settings.save({
      organisation: 'Brindlewick Academy',
      computer: { name: 'LAPTOP-2', location: 'Safe' },
      profileId: 'milford-haven',
    });
    expect(saved).toMatchObject({ organisation: 'Brindlewick Academy', profileId: 'milford-haven', imported: false });
    expect(await code(f.core.settings.importProfile('{ not json'))).toBe('INVALID_INPUT');
    expect(await code(f.core.settings.importProfile(JSON.stringify({ id: 'x' })))).toBe('INVALID_INPUT');
    const own = { ...(await f.core.settings.policy()).profile, id: 'brindlewick-own', name: 'Brindlewick own policy' };
    expect(await f.core.settings.importProfile(JSON.stringify(own))).toMatchObject({
      profileId: 'brindlewick-own',
      imported: true,
      profileName: 'Brindlewick own policy',
    });
    expect((await f.core.settings.policy()).profile.id).toBe('brindlewick-own');
    expect(
      await code(
        f.core.settings.save({
          organisation: 'B',
          computer: { name: 'L', location: 'S' },
          profileId: 'no-such-profile',
        }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('adds and removes staff with two approvals each', async () => {
    const f = await ready();
    const added = await f.core.staff.add(
      { name: 'Pat Governor', role: 'Chair of Governors', passphrase: 'quiet lanterns in the old library' },
      [HEAD.passphrase, DSL.passphrase],
    );
    expect(added.map((s) => s.name)).toContain('Pat Governor');
    expect(
      await code(
        f.core.staff.add({ name: 'Lee', role: 'Teacher', passphrase: 'another long enough sentence' }, [
          HEAD.passphrase,
          HEAD.passphrase,
        ]),
      ),
    ).toBe('SAME_PERSON');
    const pat = added.find((s) => s.name === 'Pat Governor');
    const left = await f.core.staff.remove(pat?.id ?? '', [DSL.passphrase, THIRD.passphrase]);
    expect(left.map((s) => s.name)).not.toContain('Pat Governor');
  });
});
