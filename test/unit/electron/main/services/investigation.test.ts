// The capture pipeline and the halt, over a scripted browser: what is on disk and in the journal after each.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { EntryData, JournalEntry } from '@shared/evidence/entries';
import { Investigation } from '@main/services/investigation';
import type { IncidentStore } from '@main/services/vault';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { Gates, gatedLauncher } from '@test/helpers/gated-browser';
import { refusalCode } from '@test/helpers/refusals';
import { incidentInReview, newVault, openedCommand } from '@test/helpers/vault';

const setup = async () => {
  const vault = await newVault();
  const store = await incidentInReview(vault);
  const browser = new FakeBrowser();
  const inv = new Investigation({ store, launchBrowser: async () => browser });
  return { vault, store, browser, inv };
};
const kinds = (inv: Investigation) => inv.store.journal.entries.map((e) => e.kind);
/** The SHA-256 of the page source the journal records for a capture. */
const sourceOf = (store: IncidentStore, capture: string): string =>
  store.journal.entries
    .filter((e): e is JournalEntry<'capture.taken'> => e.kind === 'capture.taken')
    .find((e) => e.data.sha256 === capture)?.data.page?.source.sha256 ?? '';

describe('investigation', () => {
  it('records the request and every browser event, in order, in the journal', async () => {
    const { inv } = await setup();
    expect(await refusalCode(inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1'))).toBe('RESOLVED');
    expect(
      kinds(inv)
        .filter((k) => k !== 'head.signed')
        .slice(-3),
    ).toEqual(['browser.requested', 'browser.navigated', 'browser.title']);
  });

  it('refuses a non-http address with NAVIGATION_BLOCKED and logs the attempt', async () => {
    const { inv } = await setup();
    expect(await refusalCode(inv.browse('ah', 'navigate', 'file:///etc/passwd'))).toBe('NAVIGATION_BLOCKED');
    expect(kinds(inv)).toContain('browser.navigation-blocked');
  });

  it('stores a capture under the SHA-256 of its exact PNG bytes, in the journal before the reply', async () => {
    const { inv, store, browser } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1');
    const r = await inv.capture('ah', 'viewport', 'Name-calling in the comments');
    const sha = createHash('sha256')
      .update(browser.lastPng ?? new Uint8Array())
      .digest('hex');
    expect(r.sha256).toBe(sha);
    expect(
      createHash('sha256')
        .update(await readFile(join(store.dir, 'files', sha)))
        .digest('hex'),
    ).toBe(sha);
    const entry = store.journal.entries.find((e) => e.kind === 'capture.taken');
    expect(entry?.data).toMatchObject({
      sha256: sha,
      url: 'http://127.0.0.1:9/post/1',
      mode: 'viewport',
      width: 128,
      height: 80,
      concern: 'Name-calling in the comments',
    });
    expect(r.blurredThumbnail.subarray(1, 4).toString()).toBe('PNG');
  });

  it("stores the page's source under its SHA-256 beside the image, and journals it with the connection", async () => {
    const { inv, store } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1');
    const r = await inv.capture('ah', 'viewport');
    const entry = store.journal.entries.find((e) => e.kind === 'capture.taken');
    const page = (entry?.data as EntryData<'capture.taken'>).page;
    const html = await store.getFile(page?.source.sha256 ?? '');
    expect(Buffer.from(html).toString('utf8')).toContain('<title>Title of http://127.0.0.1:9/post/1</title>');
    expect(page?.source).toEqual({ sha256: createHash('sha256').update(html).digest('hex'), bytes: html.length });
    expect(page?.connection).toMatchObject({ url: 'http://127.0.0.1:9/post/1', ip: '127.0.0.1', status: 200 });
    expect((await readdir(join(store.dir, 'files'))).sort()).toEqual([r.sha256, page?.source.sha256].sort());
  });

  it('purging a capture destroys its page source too, when no kept capture shares it', async () => {
    const { inv, store } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/a');
    const one = await inv.capture('ah', 'viewport', 'first');
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/b');
    const two = await inv.capture('ah', 'viewport', 'second');
    expect(sourceOf(store, one.sha256)).not.toBe(sourceOf(store, two.sha256));
    await inv.halt('ds', 'http://127.0.0.1:9/halt/');
    await inv.purge('ds', [two.sha256]);
    expect(await readdir(join(store.dir, 'files'))).toEqual([one.sha256, sourceOf(store, one.sha256)].sort());
  });

  it('refuses capture before the review', async () => {
    const vault = await newVault();
    const store = await vault.createIncident(openedCommand(vault.newRef(), vault.device.fingerprint));
    const inv = new Investigation({ store, launchBrowser: async () => new FakeBrowser() });
    expect(await refusalCode(inv.capture('ah', 'viewport'))).toBe('PROCEDURE_FORBIDS');
  });

  it('halt: tears the page down, locks capture for good, keeps the URL as text only', async () => {
    const { inv, store, browser } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/halt/');
    expect(await refusalCode(inv.halt('ds', 'http://127.0.0.1:9/halt/'))).toBe('RESOLVED');
    expect(browser.teardowns).toEqual(['halt']);
    expect(kinds(inv).slice(-3)).toEqual(['browser.torn-down', 'review.halted', 'head.signed']);
    expect(await refusalCode(inv.capture('ah', 'viewport'))).toBe('CAPTURE_LOCKED');
    expect(await refusalCode(inv.browse('ah', 'navigate', 'http://127.0.0.1:9/'))).toBe('PROCEDURE_FORBIDS');
    expect(await readdir(join(store.dir, 'files')).catch(() => [])).toEqual([]);
  });

  it('a capture in flight when the halt is pressed is discarded, never written', async () => {
    const { inv, store, browser } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/halt/');
    let release = () => {};
    browser.hold = new Promise((r) => (release = r));
    const inFlight = refusalCode(inv.capture('ah', 'fullpage'));
    await new Promise((r) => setTimeout(r, 20));
    const halted = refusalCode(inv.halt('ds', 'http://127.0.0.1:9/halt/'));
    release();
    expect(await Promise.all([inFlight, halted])).toEqual(['CAPTURE_LOCKED', 'RESOLVED']);
    const sha = createHash('sha256')
      .update(browser.lastPng ?? new Uint8Array())
      .digest('hex');
    expect(await readdir(join(store.dir, 'files')).catch(() => [])).toEqual([]);
    expect(JSON.stringify(store.journal.entries)).not.toContain(sha);
    expect(kinds(inv)).toContain('capture.discarded');
    expect(kinds(inv)).not.toContain('capture.taken');
  });

  it('purges the captures the reviewers name after the halt: file destroyed, hash and purge kept', async () => {
    const { inv, store } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/a');
    const one = await inv.capture('ah', 'viewport', 'first');
    const two = await inv.capture('ah', 'viewport', 'second');
    await inv.halt('ds', 'http://127.0.0.1:9/halt/');
    expect(await inv.purge('ds', [two.sha256])).toEqual({ purged: [two.sha256] });
    // Both captures are of the same page: its source stays, as the kept capture's.
    expect(await readdir(join(store.dir, 'files'))).toEqual([one.sha256, sourceOf(store, one.sha256)].sort());
    const purged = store.journal.entries.filter((e) => e.kind === 'capture.purged');
    expect(purged.map((e) => (e.data as { sha256: string }).sha256)).toEqual([two.sha256]);
    expect(store.journal.state.phase).toBe('referral');
  });

  it('a halt pressed while the browser starts: nothing loads; the browser is torn down; both recorded', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const gates = new Gates();
    const { launch, launched } = gatedLauncher(gates);
    const inv = new Investigation({ store, launchBrowser: launch });
    const browsing = refusalCode(inv.browse('ah', 'navigate', 'http://127.0.0.1:9/suspect'));
    while (!gates.pending.includes('launch')) await new Promise((r) => setImmediate(r));
    const halted = refusalCode(inv.halt('ds', 'http://127.0.0.1:9/suspect'));
    gates.auto = true;
    while (gates.openOne());
    expect(await Promise.all([halted, browsing])).toEqual(['RESOLVED', 'PROCEDURE_FORBIDS']);
    expect(gates.log.filter((l) => l.startsWith('loaded') || l.includes(' navigate '))).toEqual([]);
    expect(launched.map((b) => gates.indexOf(`teardown ${b.name} halt`) >= 0)).toEqual([true]);
    const journal = store.journal.entries;
    expect(journal.map((e) => e.kind)).toContain('browser.torn-down');
    expect(journal.find((e) => e.kind === 'browser.refused')?.data).toMatchObject({
      action: 'navigate',
      url: 'http://127.0.0.1:9/suspect',
      reason: 'halted',
    });
    expect(journal.some((e) => e.kind === 'browser.navigated')).toBe(false);
  });

  it('a page fact that arrives after a step ended the review is journaled as refused, not dropped', async () => {
    const { inv, store, browser } = await setup();
    await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1');
    const append = store.journal.append.bind(store.journal);
    vi.spyOn(store.journal, 'append').mockImplementation((cmd, refuseIf) => {
      const written = append(cmd, refuseIf);
      // The page's late title reaches the journal's queue just behind the judgement that ends the review.
      if (cmd.kind === 'judgement.made')
        browser.report({ kind: 'browser.title', data: { url: 'http://127.0.0.1:9/post/2', title: 'Late' } });
      return written;
    });
    await inv.act({ kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } });
    const kinds = store.journal.entries.map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('judgement.made'))).toContain('browser.fact-refused');
    expect(store.journal.entries.find((e) => e.kind === 'browser.fact-refused')?.data).toMatchObject({
      fact: 'browser.title',
      url: 'http://127.0.0.1:9/post/2',
    });
    expect(kinds.at(-1)).not.toBe('browser.title');
    expect(kinds).toContain('browser.torn-down');
  });
});
