// One open incident at work: procedure steps, the recorded evidence browser, the capture pipeline and the halt.
// Each step returns what it did, or throws a CodedError saying why it was refused (nothing is then written).
import sharp from 'sharp';
import type { AnyCommand, EntryData, EntryKind, JournalEntry } from '@shared/evidence/entries';
import type { PageRecord } from '@shared/evidence/page-record';
import { CodedError } from '@shared/result';
import type { BrowserEvent, CaptureResult, EvidenceBrowser, TeardownReason } from '../browser/evidence-browser';
import type { SafeViewReport } from '../browser/safe-view';
import { destroyCaptureFiles, discardCapture, dropPageSource, pagesByCapture, storePageSource } from './capture-page';
import type { Clock } from './clock';
import { realTimer, watchClock, type ClockWatchDeps } from './clockwatch';
import type { IncidentStore } from './vault';

export interface InvestigationDeps {
  store: IncidentStore;
  /** Starts the evidence browser when the review begins (an in-memory session, nothing on disk). */
  launchBrowser: (options: { safeView: boolean }) => Promise<EvidenceBrowser>;
}

export interface CaptureReply {
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  url: string;
  title: string;
  mode: 'viewport' | 'fullpage';
  /** A small, blurred copy for the UI; the original is shown only when a reviewer chooses to. */
  blurredThumbnail: Uint8Array;
}

/** Kinds that go through their own method here, never through act(). */
const GUARDED: ReadonlySet<EntryKind> = new Set<EntryKind>([
  'capture.taken',
  'review.halted',
  'capture.purged',
  'halt.purge-decided',
  'browser.requested',
  'media.revealed',
]);

export const blurredThumbnail = (png: Uint8Array): Promise<Buffer> =>
  sharp(png).resize({ width: 320, withoutEnlargement: true }).blur(12).png().toBuffer();

const HALTED = 'The review was halted; nothing more may be viewed for this incident.';
const CLOSED =
  'This incident was closed (Countersign was locked, or another incident was opened). Open it again to go on.';
const LOCKED_CAPTURE =
  'Capture is locked for this incident: child sexual abuse imagery was suspected, so no image may be taken.';

type Closing = Extract<TeardownReason, 'closed' | 'locked'>;

/** The address a page fact is about, for the record of a fact that arrived too late to be a page fact. */
const factUrl = (e: BrowserEvent): string => {
  const d: Record<string, unknown> = e.data;
  const url = d['url'] ?? d['to'] ?? d['origin'];
  return typeof url === 'string' ? url : '';
};

export class Investigation {
  private browser: EvidenceBrowser | null = null;
  /** A browser being started: whoever stops the review waits for it, and it is torn down before it shows anything. */
  private launching: Promise<EvidenceBrowser | null> | null = null;
  private unsubscribe: (() => void) | null = null;
  private tearingDown: Promise<void> = Promise.resolve();
  private readonly recording = new Set<Promise<unknown>>();
  /** Operations under way: close() waits until none of them can write any more. */
  private readonly working = new Set<Promise<unknown>>();
  /** Set the instant the halt is pressed, before anything is awaited: every operation re-checks it after each await. */
  private halting = false;
  /** Set when the incident is closed (another incident opened, the lock, quitting): nothing new starts for it. */
  private closing: Closing | null = null;
  private stopClockWatch: (() => void) | null = null;

  constructor(private readonly deps: InvestigationDeps) {}

  get store(): IncidentStore {
    return this.deps.store;
  }

  get state() {
    return this.deps.store.journal.state;
  }

  /** Keeps an operation in view until it settles, so close() can wait for it. */
  private work<T>(fn: () => Promise<T>): Promise<T> {
    const p = fn();
    this.working.add(p);
    const done = () => this.working.delete(p);
    p.then(done, done);
    return p;
  }

  /** Why nothing more may happen in the evidence browser now, if so: the halt, or the incident closed. */
  private stopped(): CodedError | null {
    if (this.halting) return new CodedError('PROCEDURE_FORBIDS', HALTED);
    if (this.closing) return new CodedError('PROCEDURE_FORBIDS', CLOSED);
    return null;
  }

  /** Re-checked after every await: throws the reason if the halt or the close landed meanwhile. */
  private checkpoint(): void {
    const refusal = this.stopped();
    if (refusal) throw refusal;
  }

  /** A step waiting its turn is refused while a halt is on its way into the journal, or once the incident closed. */
  private readonly stepRefusal = (): CodedError | null => {
    if (this.halting && !this.state.halted) {
      return new CodedError(
        'PROCEDURE_FORBIDS',
        'The halt was pressed, so this step was not recorded. The halt is recorded first; then carry on from there.',
      );
    }
    return this.closing ? new CodedError('PROCEDURE_FORBIDS', CLOSED) : null;
  };

  /** A procedure step (triage, note, judgement, isolation, conclusion, …): appended if the procedure allows it. */
  act(cmd: AnyCommand): Promise<JournalEntry> {
    if (GUARDED.has(cmd.kind))
      return Promise.reject(new CodedError('PROCEDURE_FORBIDS', `${cmd.kind} has its own action.`));
    return this.work(async () => {
      await this.flush();
      const entry = await this.deps.store.journal.append(cmd, this.stepRefusal);
      if (this.state.phase !== 'review') await this.closeBrowser('review-ended');
      return entry;
    });
  }

  // ---- browsing -------------------------------------------------------------------------------

  /** Why a browser that exists now must go: the halt, the close, or the end of the review; null if it may stay. */
  private teardownReason(): TeardownReason | null {
    if (this.halting) return 'halt';
    if (this.closing) return this.closing;
    return this.state.phase === 'review' ? null : 'review-ended';
  }

  private ensureBrowser(): Promise<EvidenceBrowser | null> {
    if (this.browser) return Promise.resolve(this.browser);
    this.launching ??= this.launch();
    return this.launching;
  }

  /**
   * Starts the browser. A halt, a close or the end of the review may land while it starts: then it is torn down (and
   * that recorded) before anything is loaded in it, and null comes back.
   */
  private async launch(): Promise<EvidenceBrowser | null> {
    try {
      const b = await this.deps.launchBrowser({ safeView: this.state.safeView });
      this.unsubscribe = b.onEvent((e) => this.record(e));
      this.browser = b;
    } finally {
      this.launching = null;
    }
    const reason = this.teardownReason();
    if (reason === null) return this.browser;
    await this.closeBrowser(reason);
    return null;
  }

  private record(e: BrowserEvent): void {
    this.track(this.recordFact(e));
  }

  /**
   * A browser fact goes into the journal; one the procedure refuses (it arrived after a step ended the review) is
   * journaled as refused, with its kind and address, never dropped.
   */
  private async recordFact(e: BrowserEvent): Promise<void> {
    try {
      await this.deps.store.journal.append({ kind: e.kind, actor: 'system', data: e.data } as AnyCommand);
    } catch (refused) {
      if (!(refused instanceof CodedError) || e.kind === 'browser.torn-down') throw refused;
      await this.deps.store.journal.append({
        kind: 'browser.fact-refused',
        actor: 'system',
        data: { fact: e.kind, url: factUrl(e), reason: refused.message.slice(0, 500) },
      });
    }
  }

  /** Keeps a fact being written in view, so flush() can wait until it is in the journal. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.recording.add(p);
    const done = () => this.recording.delete(p);
    p.then(done, done);
    return p;
  }

  /** Waits until every browser event seen so far is in the journal. */
  async flush(): Promise<void> {
    while (this.recording.size > 0) await Promise.all([...this.recording]);
  }

  /**
   * Records the reviewer's request, then carries it out; the browser's own events follow in the journal. The halt is
   * re-checked after every await: a request it overtakes is journaled as refused, and nothing more is loaded or shown.
   */
  browse(
    actor: string,
    action: 'navigate' | 'back' | 'forward' | 'reload' | 'stop' | 'click',
    arg?: string,
  ): Promise<{ url: string; title: string }> {
    const data =
      action === 'navigate' ? { action, url: arg } : action === 'click' ? { action, selector: arg } : { action };
    return this.work(async () => {
      if (this.halting || this.state.halted) return this.refuseRequest(actor, data);
      this.checkpoint();
      let requested: JournalEntry;
      try {
        requested = await this.deps.store.journal.append({ kind: 'browser.requested', actor, data }, () =>
          this.stopped(),
        );
      } catch (e) {
        if (this.halting) return this.refuseRequest(actor, data);
        throw e;
      }
      try {
        this.checkpoint();
        const b = await this.ensureBrowser();
        this.checkpoint();
        if (!b) throw new CodedError('PROCEDURE_FORBIDS', 'The review has ended; nothing more is opened.');
        if (action === 'navigate') await b.navigate(arg ?? '');
        else if (action === 'click') await b.click(arg ?? '');
        else await b[action]();
        this.checkpoint();
        await this.flush();
        this.checkpoint();
        return { url: b.currentUrl(), title: b.currentTitle() };
      } catch (e) {
        // What the browser did before it failed (a blocked address, say) is in the journal before the refusal.
        await this.flush();
        if (this.halting) return this.refuseRequest(actor, data, requested.seq);
        throw e;
      }
    });
  }

  /** A request the halt overtook: journaled as refused (nothing was shown for it), then refused. */
  private async refuseRequest(actor: string, request: EntryData<'browser.requested'>, seq?: number): Promise<never> {
    await this.deps.store.journal.append({
      kind: 'browser.refused',
      actor,
      data: { ...request, reason: 'halted', ...(seq === undefined ? {} : { request: seq }) },
    });
    throw new CodedError('PROCEDURE_FORBIDS', HALTED);
  }

  /** What safe view blurs or holds back on the page now, and what was revealed; null with no page open. */
  safeView(): SafeViewReport | null {
    return this.browser && !this.stopped() ? this.browser.safeView() : null;
  }

  /** One blurred address shown sharp, at a reviewer's request: journaled (what, who, when) before it is served. */
  reveal(actor: string, url: string): Promise<SafeViewReport> {
    return this.work(async () => {
      this.checkpoint();
      const b = this.browser;
      const hidden = b?.safeView().hidden.find((h) => h.url === url);
      if (!b || !hidden) throw new CodedError('NOT_FOUND', 'Nothing at that address is blurred on this page.');
      const data = { url, kind: hidden.kind };
      await this.store.journal.append({ kind: 'media.revealed', actor, data }, () => this.stopped());
      this.checkpoint();
      await b.reveal(url);
      this.checkpoint();
      await this.flush();
      return b.safeView();
    });
  }

  // ---- capture --------------------------------------------------------------------------------

  /**
   * Capture pipeline: screenshot, SHA-256 of the exact PNG bytes, durable file, journal entry, then the reply. If the
   * halt is pressed at any point before the entry is written (even while it waits its turn), the bytes are discarded.
   */
  capture(actor: string, mode: 'viewport' | 'fullpage', concern?: string): Promise<CaptureReply> {
    return this.work(async () => {
      this.refuseCapture();
      const b = this.browser;
      if (!b) throw new CodedError('PROCEDURE_FORBIDS', 'Open a page in the evidence browser before capturing.');
      // Read before the engine is asked: a halt during the capture tears the page (and this report) down.
      const view = b.safeView();
      let shot;
      try {
        shot = await b.capture(mode);
      } catch (e) {
        if (this.halting || this.closing) return this.discard(null);
        throw e;
      }
      if (this.halting || this.closing) return this.discard(shot);
      const sha256 = await this.store.putFile(shot.png);
      const page = shot.page && (await storePageSource(this.store, shot.page));
      if (this.halting || this.closing) return this.discard(shot, sha256, page);
      const taken = {
        sha256,
        bytes: shot.png.length,
        width: shot.width,
        height: shot.height,
        url: shot.url,
        title: shot.title,
        mode,
        ...(view.on ? { revealed: view.revealed } : {}),
      };
      try {
        await this.store.journal.append(
          {
            kind: 'capture.taken',
            actor,
            data: { ...taken, ...(concern?.trim() ? { concern: concern.trim() } : {}), ...(page ? { page } : {}) },
          },
          () => (this.halting || this.closing ? new CodedError('CAPTURE_LOCKED', LOCKED_CAPTURE) : null),
        );
      } catch (e) {
        if (this.halting || this.closing) return this.discard(shot, sha256, page);
        if (e instanceof CodedError) {
          // Refused by the procedure: the files must not outlive the refusal.
          await destroyCaptureFiles(this.store, sha256, page);
          shot.png.fill(0);
        }
        throw e;
      }
      const thumbnail = await blurredThumbnail(shot.png);
      if (this.halting) {
        throw new CodedError(
          'CAPTURE_LOCKED',
          'The review was halted just after this capture was recorded. It is listed with the others: say whether it ' +
            'shows the suspect imagery.',
        );
      }
      return { ...taken, blurredThumbnail: thumbnail };
    });
  }

  private refuseCapture(): void {
    if (this.halting || this.state.captureLocked) throw new CodedError('CAPTURE_LOCKED', LOCKED_CAPTURE);
    if (this.closing) throw new CodedError('PROCEDURE_FORBIDS', CLOSED);
    if (this.state.phase !== 'review')
      throw new CodedError('PROCEDURE_FORBIDS', 'Captures are taken only during the review.');
  }

  /** A capture overtaken by the halt (or the close): its bytes wiped, its file destroyed, the discard recorded. */
  private discard(shot: CaptureResult | null, storedAs?: string, page?: PageRecord): Promise<never> {
    return discardCapture(this.store, this.halting, { shot, storedAs, page });
  }

  /** Blurred copy of a stored capture, for the list in the UI. */
  async thumbnail(sha256: string): Promise<Buffer> {
    this.refuseGone(sha256, false);
    return blurredThumbnail(await this.store.getFile(sha256));
  }

  /** The original capture, only when a reviewer chooses to see it; never while a halt's purge question is open. */
  async original(sha256: string): Promise<Uint8Array> {
    this.refuseGone(sha256, true);
    this.refuseWhilePurgeOpen();
    const bytes = await this.store.getFile(sha256);
    // The halt may have been pressed while the file was read.
    this.refuseGone(sha256, true);
    this.refuseWhilePurgeOpen();
    return bytes;
  }

  private refuseWhilePurgeOpen(): void {
    if ((this.halting || this.state.halted) && !this.state.purgeDecided) {
      throw new CodedError(
        'PROCEDURE_FORBIDS',
        'After a halt, no capture is opened until you have said which ones show the suspect imagery.',
      );
    }
  }

  /** Refuses a capture this incident never had, or one destroyed after a halt (with `due`, one named for that too). */
  private refuseGone(sha256: string, due: boolean): void {
    const c = this.state.captures.find((x) => x.sha256 === sha256);
    if (!c) throw new CodedError('NOT_FOUND', 'There is no such capture in this incident.');
    if (c.purged || (due && this.state.purgeList.includes(sha256)))
      throw new CodedError('NOT_FOUND', 'That capture was destroyed after the halt; no image of it exists.');
  }

  // ---- halt -----------------------------------------------------------------------------------

  /**
   * Halt: suspected child sexual abuse imagery. The page is torn down at once (before anything is awaited), a browser
   * still starting is torn down as soon as it exists, capture is locked for good, and the URL is kept as text only.
   * It resolves once the teardown and the halt are both in the journal.
   */
  halt(actor: string, url: string, reason?: string): Promise<JournalEntry> {
    if (this.state.phase !== 'review')
      return Promise.reject(new CodedError('PROCEDURE_FORBIDS', 'The halt applies during the review.'));
    this.halting = true;
    return this.work(async () => {
      let failed: unknown = null;
      const remember = (e: unknown) => {
        failed ??= e;
      };
      await this.closeBrowser('halt').catch(remember);
      await this.launching?.catch(remember);
      await this.closeBrowser('halt').catch(remember);
      await this.flush();
      let entry: JournalEntry;
      try {
        entry = await this.store.journal.append({
          kind: 'review.halted',
          actor,
          data: { url, ...(reason ? { reason } : {}) },
        });
      } catch (e) {
        // Refused (not a reviewer, say): capture stays locked only if an earlier halt locked it.
        if (e instanceof CodedError) this.halting = this.state.captureLocked;
        throw e;
      }
      if (failed) throw failed;
      return entry;
    });
  }

  /** The reviewers' answer after a halt: which earlier captures show the suspect imagery. Those are destroyed. */
  purge(actor: string, captures: readonly string[]): Promise<{ purged: string[] }> {
    return this.work(() => this.purgeNow(actor, captures));
  }

  private async purgeNow(actor: string, captures: readonly string[]): Promise<{ purged: string[] }> {
    await this.store.journal.append({
      kind: 'halt.purge-decided',
      actor,
      data: { captures: [...captures] },
    });
    const purged: string[] = [];
    const pages = pagesByCapture(this.store);
    for (const sha256 of new Set(captures)) {
      // The journal says "purged" first; if the app stops before the file is gone, opening the incident destroys it.
      await this.store.journal.append({
        kind: 'capture.purged',
        actor,
        data: { sha256, fileDestroyed: true },
      });
      await this.store.destroyFile(sha256);
      await dropPageSource(this.store, pages.get(sha256));
      purged.push(sha256);
    }
    return { purged };
  }

  /** Captures of this incident in order (1 is the first), as the reviewers refer to them. */
  captureList(): { n: number; sha256: string; purged: boolean }[] {
    return this.state.captures.map((c, i) => ({ n: i + 1, sha256: c.sha256, purged: c.purged }));
  }

  /**
   * Tears the browser down (the page leaves the screen synchronously, inside teardown's first step) and waits until
   * the teardown is in the journal. A second caller waits for the same teardown.
   */
  private closeBrowser(reason: TeardownReason): Promise<void> {
    const b = this.browser;
    if (b) {
      this.browser = null;
      const unsubscribe = this.unsubscribe;
      this.unsubscribe = null;
      const teardown = b.teardown(reason);
      this.tearingDown = teardown.finally(async () => {
        await this.flush();
        unsubscribe?.();
      });
    }
    return this.tearingDown;
  }

  /** Records any jump of the wall clock against the monotonic clock while this incident is open. */
  watchClock(clock: Clock, every: ClockWatchDeps['every'] = realTimer): void {
    this.stopClockWatch?.();
    this.stopClockWatch = watchClock({
      clock,
      every,
      record: (jump) => this.track(this.store.journal.appendFact({ kind: 'clock.jump', actor: 'system', data: jump })),
    });
  }

  /**
   * Closes the incident for work: nothing new starts, the page is torn down (that recorded, with why), and every
   * operation under way has settled (a halt already pressed is recorded) before this resolves.
   */
  async close(reason: Closing = 'closed'): Promise<void> {
    this.closing ??= reason;
    this.stopClockWatch?.();
    this.stopClockWatch = null;
    const ignore = () => undefined;
    await this.closeBrowser(this.closing).catch(ignore);
    await this.launching?.catch(ignore);
    await this.closeBrowser(this.closing).catch(ignore);
    while (this.working.size > 0) await Promise.allSettled([...this.working]);
    await this.flush();
    await this.store.journal.signIfBehind();
  }
}
