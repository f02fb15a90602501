// A scriptable stand-in for the EvidenceBrowser port, for unit tests of the services that use it.
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { CodedError } from '@shared/result';
import type {
  BrowserEvent,
  CaptureMode,
  CaptureResult,
  EvidenceBrowser,
  TeardownReason,
} from '@main/browser/evidence-browser';
import type { SafeViewReport } from '@main/browser/safe-view';

/** Captures taken so far in this process, by every fake browser: each one's picture is told apart by it. */
let shotsTaken = 0;

export class FakeBrowser implements EvidenceBrowser {
  private listeners = new Set<(e: BrowserEvent) => void>();
  private url = 'about:blank';
  private torn = false;
  /** When set, capture() waits for this before returning: a capture held open. */
  hold: Promise<void> | null = null;
  lastPng: Uint8Array | null = null;
  teardowns: TeardownReason[] = [];

  onEvent(listener: (e: BrowserEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A fact the page reports on its own (a late title, a timer's redirect), whenever the test says. */
  report(e: Omit<BrowserEvent, 'at' | 'mono'>) {
    this.emit(e);
  }

  private emit(e: Omit<BrowserEvent, 'at' | 'mono'>) {
    const full = { ...e, at: new Date().toISOString(), mono: performance.now() } as BrowserEvent;
    for (const l of this.listeners) l(full);
  }

  private alive() {
    if (this.torn) throw new CodedError('PROCEDURE_FORBIDS', 'torn down');
  }

  async navigate(url: string) {
    this.alive();
    if (!/^https?:/.test(url)) {
      this.emit({ kind: 'browser.navigation-blocked', data: { url, reason: 'scheme' } });
      throw new CodedError('NAVIGATION_BLOCKED', `${url} is not http or https`);
    }
    this.url = url;
    this.emit({ kind: 'browser.navigated', data: { url, frame: 'main', status: 200 } });
    this.emit({ kind: 'browser.title', data: { url, title: `Title of ${url}` } });
  }
  async back() {
    this.alive();
  }
  async forward() {
    this.alive();
  }
  async reload() {
    this.alive();
  }
  async stop() {
    this.alive();
  }
  async click() {
    this.alive();
  }
  async settle() {
    this.alive();
  }
  currentUrl() {
    return this.url;
  }
  currentTitle() {
    return `Title of ${this.url}`;
  }

  async capture(mode: CaptureMode): Promise<CaptureResult> {
    this.alive();
    const height = mode === 'viewport' ? 80 : 500;
    // Every capture a test takes is a picture of its own: a random colour made two alike one time in 255, and the
    // second capture of an incident was then the first again (one file, one hash).
    const n = shotsTaken++;
    const png = await sharp({
      create: { width: 128, height, channels: 3, background: { r: n % 256, g: Math.floor(n / 256) % 256, b: 160 } },
    })
      .png()
      .toBuffer();
    this.lastPng = Uint8Array.from(png);
    if (this.hold) await this.hold;
    // The page's source and connection, as the adapters give them: the same page gives the same source.
    const html = Buffer.from(`<!DOCTYPE html><html><head><title>${this.currentTitle()}</title></head></html>`);
    const page = {
      html: new Uint8Array(html),
      connection: {
        url: this.url,
        ip: '127.0.0.1',
        port: 80,
        status: 200,
        headers: [{ name: 'content-type', value: 'text/html' }],
      },
    };
    return { png, width: 128, height, url: this.url, title: this.currentTitle(), page };
  }

  /** Addresses revealed, as safe view would serve them sharp from now on. */
  revealed: string[] = [];
  /** What the page shows blurred, as the test sets it. */
  hidden: SafeViewReport['hidden'] = [];

  safeView(): SafeViewReport {
    this.alive();
    return {
      on: true,
      hidden: this.hidden.filter((h) => !this.revealed.includes(h.url)),
      revealed: [...this.revealed],
    };
  }

  async reveal(url: string) {
    this.alive();
    this.revealed.push(url);
  }

  async teardown(reason: TeardownReason) {
    if (this.torn) return;
    this.torn = true;
    this.teardowns.push(reason);
    this.emit({ kind: 'browser.torn-down', data: { reason } });
  }
}
