// One open incident at work: procedure steps, the recorded evidence browser, the capture pipeline and the halt.
// Each step returns what it did, or throws a CodedError saying why it was refused (nothing is then written).
import sharp from 'sharp';
import type { AnyCommand, Command, EntryKind, JournalEntry } from '@shared/evidence/entries';
import { CodedError } from '@shared/result';
import type { BrowserEvent, EvidenceBrowser } from '../browser/evidence-browser';
import type { Clock } from './clock';
import { realTimer, watchClock, type ClockWatchDeps } from './clockwatch';
import type { IncidentStore } from './vault';

export interface InvestigationDeps {
  store: IncidentStore;
  /** Starts the evidence browser when the review begins (an in-memory session, nothing on disk). */
  launchBrowser: () => Promise<EvidenceBrowser>;
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
]);

export const blurredThumbnail = (png: Uint8Array): Promise<Buffer> =>
  sharp(png).resize({ width: 320, withoutEnlargement: true }).blur(12).png().toBuffer();

export class Investigation {
  private browser: EvidenceBrowser | null = null;
  private unsubscribe: (() => void) | null = null;
  private recording = new Set<Promise<unknown>>();
  /** Set the instant the halt is pressed, before anything is awaited: any capture in flight sees it. */
  private halting = false;
  private stopClockWatch: (() => void) | null = null;

  constructor(private readonly deps: InvestigationDeps) {}

  get store(): IncidentStore {
    return this.deps.store;
  }

  get state() {
    return this.deps.store.journal.state;
  }

  /** A procedure step (triage, note, judgement, isolation, conclusion, …): appended if the procedure allows it. */
  async act(cmd: AnyCommand): Promise<JournalEntry> {
    if (GUARDED.has(cmd.kind)) throw new CodedError('PROCEDURE_FORBIDS', `${cmd.kind} has its own action.`);
    await this.flush();
    const entry = await this.deps.store.journal.append(cmd);
    if (this.browser && this.state.phase !== 'review') await this.closeBrowser('review-ended');
    return entry;
  }

  // ---- browsing -------------------------------------------------------------------------------

  private async ensureBrowser(): Promise<EvidenceBrowser> {
    if (this.browser) return this.browser;
    const browser = await this.deps.launchBrowser();
    this.unsubscribe = browser.onEvent((e) => this.record(e));
    this.browser = browser;
    return browser;
  }

  private record(e: BrowserEvent): void {
    this.track(this.deps.store.journal.appendFact({ kind: e.kind, actor: 'system', data: e.data } as AnyCommand));
  }

  /** Keeps a fact being written in view, so flush() can wait until it is in the journal. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.recording.add(p);
    void p.finally(() => this.recording.delete(p));
    return p;
  }

  /** Waits until every browser event seen so far is in the journal. */
  async flush(): Promise<void> {
    while (this.recording.size > 0) await Promise.all([...this.recording]);
  }

  /** Records the reviewer's request, then carries it out; the browser's own events follow in the journal. */
  async browse(
    actor: string,
    action: 'navigate' | 'back' | 'forward' | 'reload' | 'stop' | 'click',
    arg?: string,
  ): Promise<{ url: string; title: string }> {
    if (this.halting)
      throw new CodedError('PROCEDURE_FORBIDS', 'The review was halted; nothing more may be viewed for this incident.');
    const request: Command<'browser.requested'> = {
      kind: 'browser.requested',
      actor,
      data: action === 'navigate' ? { action, url: arg } : action === 'click' ? { action, selector: arg } : { action },
    };
    await this.deps.store.journal.append(request);
    try {
      const b = await this.ensureBrowser();
      if (action === 'navigate') await b.navigate(arg ?? '');
      else if (action === 'click') await b.click(arg ?? '');
      else await b[action]();
      await this.flush();
      return { url: b.currentUrl(), title: b.currentTitle() };
    } catch (e) {
      // What the browser did before it failed (a blocked address, say) is in the journal before the refusal.
      await this.flush();
      throw e;
    }
  }

  // ---- capture --------------------------------------------------------------------------------

  /**
   * Capture pipeline: screenshot, SHA-256 of the exact PNG bytes, durable file, journal entry, then the
   * reply. If the halt is pressed at any point before the entry is queued, the bytes are discarded.
   */
  async capture(actor: string, mode: 'viewport' | 'fullpage', concern?: string): Promise<CaptureReply> {
    this.refuseCapture();
    if (!this.browser)
      throw new CodedError('PROCEDURE_FORBIDS', 'Open a page in the evidence browser before capturing.');
    let shot;
    try {
      shot = await this.browser.capture(mode);
    } catch (e) {
      if (this.halting) return this.discard(null);
      throw e;
    }
    if (this.halting) return this.discard(shot.png);
    const sha256 = await this.store.putFile(shot.png);
    if (this.halting) return this.discard(shot.png, sha256);
    const taken = {
      sha256,
      bytes: shot.png.length,
      width: shot.width,
      height: shot.height,
      url: shot.url,
      title: shot.title,
      mode,
    };
    try {
      await this.store.journal.append({
        kind: 'capture.taken',
        actor,
        data: { ...taken, ...(concern?.trim() ? { concern: concern.trim() } : {}) },
      });
    } catch (e) {
      if (e instanceof CodedError) {
        // Refused (the halt's entry got there first): the file must not outlive the refusal.
        await this.store.destroyFile(sha256);
        shot.png.fill(0);
      }
      throw e;
    }
    return { ...taken, blurredThumbnail: await blurredThumbnail(shot.png) };
  }

  private refuseCapture(): void {
    if (this.halting || this.state.captureLocked) {
      throw new CodedError(
        'CAPTURE_LOCKED',
        'Capture is locked for this incident: child sexual abuse imagery was suspected, so no image may be taken.',
      );
    }
    if (this.state.phase !== 'review')
      throw new CodedError('PROCEDURE_FORBIDS', 'Captures are taken only during the review.');
  }

  private async discard(png: Uint8Array | null, storedAs?: string): Promise<never> {
    png?.fill(0);
    if (storedAs) await this.store.destroyFile(storedAs);
    await this.store.journal.appendFact({
      kind: 'capture.discarded',
      actor: 'system',
      data: { reason: 'The review was halted while this capture was being taken; it was discarded unwritten.' },
    });
    throw new CodedError(
      'CAPTURE_LOCKED',
      'The review was halted while this capture was being taken, so it was discarded and never written.',
    );
  }

  /** Blurred copy of a stored capture, for the list in the UI. */
  async thumbnail(sha256: string): Promise<Buffer> {
    this.refuseGone(sha256, false);
    return blurredThumbnail(await this.store.getFile(sha256));
  }

  /** The original capture, only when a reviewer chooses to see it; never while a halt's purge question is open. */
  async original(sha256: string): Promise<Uint8Array> {
    this.refuseGone(sha256, true);
    if (this.state.halted && !this.state.purgeDecided) {
      throw new CodedError(
        'PROCEDURE_FORBIDS',
        'After a halt, no capture is opened until you have said which ones show the suspect imagery.',
      );
    }
    return this.store.getFile(sha256);
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
   * Halt: suspected child sexual abuse imagery. The page is torn down and its session cleared at once,
   * capture is locked for good, and the URL is kept as text only.
   */
  async halt(actor: string, url: string, reason?: string): Promise<JournalEntry> {
    if (this.state.phase !== 'review') throw new CodedError('PROCEDURE_FORBIDS', 'The halt applies during the review.');
    this.halting = true;
    await this.closeBrowser('halt');
    await this.flush();
    try {
      return await this.store.journal.append({
        kind: 'review.halted',
        actor,
        data: { url, ...(reason ? { reason } : {}) },
      });
    } catch (e) {
      // Refused (not a reviewer, say): capture stays locked only if an earlier halt locked it.
      if (e instanceof CodedError) this.halting = this.state.captureLocked;
      throw e;
    }
  }

  /** The reviewers' answer after a halt: which earlier captures show the suspect imagery. Those are destroyed. */
  async purge(actor: string, captures: readonly string[]): Promise<{ purged: string[] }> {
    await this.store.journal.append({
      kind: 'halt.purge-decided',
      actor,
      data: { captures: [...captures] },
    });
    const purged: string[] = [];
    for (const sha256 of new Set(captures)) {
      // The journal says "purged" first; if the app stops before the file is gone, opening the incident destroys it.
      await this.store.journal.append({
        kind: 'capture.purged',
        actor,
        data: { sha256, fileDestroyed: true },
      });
      await this.store.destroyFile(sha256);
      purged.push(sha256);
    }
    return { purged };
  }

  /** Captures of this incident in order (1 is the first), as the reviewers refer to them. */
  captureList(): { n: number; sha256: string; purged: boolean }[] {
    return this.state.captures.map((c, i) => ({ n: i + 1, sha256: c.sha256, purged: c.purged }));
  }

  private async closeBrowser(reason: 'halt' | 'review-ended' | 'closed'): Promise<void> {
    const b = this.browser;
    if (!b) return;
    this.browser = null;
    try {
      await b.teardown(reason);
    } finally {
      await this.flush();
      this.unsubscribe?.();
      this.unsubscribe = null;
    }
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

  async close(): Promise<void> {
    this.stopClockWatch?.();
    this.stopClockWatch = null;
    await this.closeBrowser('closed');
    await this.flush();
    await this.store.journal.signIfBehind();
  }
}
