// An evidence browser whose every promise the test opens by hand (gates), and a log of what it did and when, for
// interleaving tests: a halt can be put at any await point of any operation, in a fixed order.
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

interface Gate {
  label: string;
  open(): void;
}

/** Every awaited call waits here until the test opens it; the log keeps the order of calls, openings and marks. */
export class Gates {
  readonly log: string[] = [];
  private readonly waiting: Gate[] = [];
  /** When true, gates open as soon as they are reached (the run before the halt point, and the drain after it). */
  auto = false;

  async pass(label: string): Promise<void> {
    this.log.push(`call ${label}`);
    if (this.auto) {
      // Still one turn of the event loop, as a real engine call would take.
      await new Promise((r) => setImmediate(r));
    } else {
      await new Promise<void>((open) => this.waiting.push({ label, open }));
    }
    this.log.push(`open ${label}`);
  }

  mark(what: string): void {
    this.log.push(what);
  }

  get pending(): readonly string[] {
    return this.waiting.map((g) => g.label);
  }

  /** Opens the oldest (or newest) waiting gate; false when none waits. */
  openOne(order: 'fifo' | 'lifo' = 'fifo'): boolean {
    const gate = order === 'fifo' ? this.waiting.shift() : this.waiting.pop();
    gate?.open();
    return gate !== undefined;
  }

  /** Index in the log of the first line starting with `prefix`, or -1. */
  indexOf(prefix: string): number {
    return this.log.findIndex((l) => l.startsWith(prefix));
  }

  /** Lines logged after position `from` that start with `prefix`. */
  after(from: number, prefix: string): string[] {
    return this.log.slice(from + 1).filter((l) => l.startsWith(prefix));
  }
}

const pngOf = (height: number): Promise<Buffer> =>
  sharp({ create: { width: 64, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();

export class GatedBrowser implements EvidenceBrowser {
  private static count = 0;
  readonly name = `browser${(GatedBrowser.count += 1)}`;
  private readonly listeners = new Set<(e: BrowserEvent) => void>();
  private url = 'about:blank';
  private history: string[] = [];
  private torn = false;
  private tearing: Promise<void> | null = null;

  constructor(private readonly gates: Gates) {}

  onEvent(listener: (e: BrowserEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: Omit<BrowserEvent, 'at' | 'mono'>): void {
    const full = { ...e, at: new Date().toISOString(), mono: performance.now() } as BrowserEvent;
    for (const l of [...this.listeners]) l(full);
  }

  private alive(): void {
    if (this.torn) throw new CodedError('PROCEDURE_FORBIDS', 'torn down');
  }

  /** A load: asked for, waited on, then shown (logged as "loaded") unless the page was torn down meanwhile. */
  private async load(what: string, url: string): Promise<void> {
    this.alive();
    await this.gates.pass(`${this.name} ${what}`);
    this.alive();
    this.url = url;
    this.gates.mark(`loaded ${url}`);
    this.emit({ kind: 'browser.navigated', data: { url, frame: 'main', status: 200 } });
    this.emit({ kind: 'browser.title', data: { url, title: `Title of ${url}` } });
  }

  async navigate(url: string) {
    await this.load(`navigate ${url}`, url);
    this.history.push(url);
  }
  async back() {
    await this.load('back', this.history.at(-2) ?? this.url);
  }
  async forward() {
    await this.load('forward', this.url);
  }
  async reload() {
    await this.load('reload', this.url);
  }
  async stop() {
    this.alive();
    await this.gates.pass(`${this.name} stop`);
  }
  async click(selector: string) {
    await this.load(`click ${selector}`, `${this.url}#clicked`);
  }
  async settle() {
    this.alive();
  }
  currentUrl() {
    this.alive();
    return this.url;
  }
  currentTitle() {
    this.alive();
    return `Title of ${this.url}`;
  }

  async capture(mode: CaptureMode): Promise<CaptureResult> {
    this.alive();
    const gate = this.gates.pass(`${this.name} capture`);
    const png = await pngOf(mode === 'viewport' ? 40 : 120);
    await gate;
    this.alive();
    this.gates.mark(`captured ${this.url}`);
    return { png, width: 64, height: mode === 'viewport' ? 40 : 120, url: this.url, title: this.currentTitle() };
  }

  safeView(): SafeViewReport {
    this.alive();
    return { on: false, hidden: [], revealed: [] };
  }

  async reveal(): Promise<void> {
    this.alive();
  }

  /** The page leaves the screen the moment teardown is called (as Electron hides the view first); then the gate. */
  teardown(reason: TeardownReason): Promise<void> {
    if (this.tearing) return this.tearing;
    this.torn = true;
    this.gates.mark(`teardown ${this.name} ${reason}`);
    this.tearing = this.gates.pass(`${this.name} teardown`).then(() => {
      this.emit({ kind: 'browser.torn-down', data: { reason } });
    });
    return this.tearing;
  }
}

/** A launcher for the Investigation: every launch passes a gate, and every browser it made is kept. */
export const gatedLauncher = (gates: Gates) => {
  const launched: GatedBrowser[] = [];
  const launch = async (): Promise<EvidenceBrowser> => {
    await gates.pass('launch');
    const b = new GatedBrowser(gates);
    launched.push(b);
    gates.mark(`launched ${b.name}`);
    return b;
  };
  return { launch, launched };
};
