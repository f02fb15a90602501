// The EvidenceBrowser over Debian's Chromium, driven by playwright-core and the DevTools protocol: the test and CLI
// harness.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, CDPSession, Page, Route } from 'playwright-core';
import { CodedError } from '@shared/result';
import {
  cdpClick,
  cdpHistoryStep,
  cdpScreenshot,
  GUARD_WORLD,
  installLinkGuard,
  parseGuardReport,
  type CdpSend,
} from './cdp';
import {
  clientRedirectHow,
  guardBlocked,
  isEngineErrorPage,
  loadFailureKind,
  pageNavigationVerdict,
  readPngSize,
  repeatFilter,
  requestedNavigationVerdict,
  type FrameKind,
} from './guards';
import { AdapterBase, DEFAULT_SETTLE, type SettleOptions } from './hub';
import type { CaptureMode, CaptureResult, EvidenceBrowser, TeardownReason } from './evidence-browser';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchHeadlessChromium } from '../chromium-engine';
import {
  parsePermissionReport,
  parseTitleReport,
  permissionProbeSource,
  titleWatchSource,
} from './chromium-page-scripts';
import { DENIED_PERMISSIONS } from './chromium-permissions';
import { MainDocumentWatch } from './page-record-cdp';
import { SafeView, type SafeViewReport } from './safe-view';

/**
 * One renderer for the whole page, so that one DevTools session sees every frame's navigations. With site isolation,
 * a cross-site frame lives in its own process and target, and its navigations would reach only Playwright's sessions.
 * Web-visible behaviour is unchanged; Electron keeps site isolation and reports every frame through its own events.
 */
const SINGLE_PROCESS_PAGE_ARGS = [
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process',
];

export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Scheduled navigations (meta refresh, script timers) announced with at most this delay are waited for by settle(). */
const WAIT_FOR_SCHEDULED_S = 5;

const withoutFragment = (url: string): string => {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
};

export interface ChromiumOptions {
  executablePath?: string;
  settle?: Partial<SettleOptions>;
  /** How long click() waits for the element to appear and be visible. */
  clickTimeoutMs?: number;
  /** Given each page under review as it opens, for a benchmark to watch what it paints; the app never sets it. */
  watchPage?: (page: Page) => Promise<void>;
  /**
   * Further Chromium switches, for a test to trust its own HTTPS server's key (--ignore-certificate-errors-spki-list);
   * the app never sets it, so certificate errors stay refused.
   */
  extraArgs?: readonly string[];
}

/** How one evidence browser is opened: with safe view (pictures blurred, audio and video held) or not. */
export interface OpenOptions {
  safeView?: boolean;
}

interface FrameInfo {
  parentId?: string;
  url: string;
}

class ChromiumEvidenceBrowser extends AdapterBase implements EvidenceBrowser {
  private readonly send: CdpSend;
  private readonly safe: SafeView;
  private readonly frames = new Map<string, FrameInfo>();
  /** HTTP status of each document load, by loader id, until its frame commits. */
  private readonly docStatus = new Map<string, number>();
  private readonly requests = new Map<string, { url: string; type: string; frameId?: string }>();
  /** Meta-refresh or script navigations announced for a frame, waiting for their request to start. */
  private readonly clientNavigations = new Map<string, { how: 'meta' | 'script'; from: string; to: string }>();
  private readonly firstSighting = repeatFilter(1000);
  private readonly documents = new MainDocumentWatch();
  private readonly bindings = {
    guard: `__countersign_guard_${randomUUID().replaceAll('-', '')}`,
    title: `__countersign_title_${randomUUID().replaceAll('-', '')}`,
    permission: `__countersign_perm_${randomUUID().replaceAll('-', '')}`,
  };
  private mainFrameId = '';
  /** The top frame shows Chromium's error page: its title is the engine's, not the site's. */
  private onErrorPage = false;

  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly session: CDPSession,
    settleOptions: SettleOptions,
    private readonly clickTimeoutMs: number,
    safeView: boolean,
  ) {
    super(settleOptions);
    this.send = (method, params) => session.send(method, params);
    this.safe = new SafeView(this.send, safeView);
  }

  async init(browserSession: CDPSession): Promise<void> {
    this.wire();
    const { targetInfo } = await this.send('Target.getTargetInfo');
    await Promise.all([
      ...DENIED_PERMISSIONS.map((permission) =>
        browserSession.send('Browser.setPermission', {
          permission,
          setting: 'denied',
          browserContextId: targetInfo.browserContextId,
        }),
      ),
      this.send('Page.enable'),
      this.send('Network.enable'),
      // Redirects are screened before Chromium follows them: a redirect to another program's scheme would otherwise
      // raise Chromium's "open this program?" prompt, which in headless mode is invisible and then blocks the mouse.
      this.send('Fetch.enable', {
        patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Response' }, ...this.safe.patterns()],
      }),
      this.send('Runtime.addBinding', { name: this.bindings.permission }),
      this.send('Runtime.addBinding', { name: this.bindings.title, executionContextName: GUARD_WORLD }),
    ]);
    // The scripts go in after their bindings exist, so each can take its binding when it starts.
    await Promise.all([
      installLinkGuard(this.send, this.bindings.guard),
      this.send('Page.addScriptToEvaluateOnNewDocument', {
        source: permissionProbeSource(this.bindings.permission),
        runImmediately: true,
      }),
      this.send('Page.addScriptToEvaluateOnNewDocument', {
        source: titleWatchSource(this.bindings.title),
        worldName: GUARD_WORLD,
        runImmediately: true,
      }),
    ]);
    await this.safe.prepare();
    const { frameTree } = await this.send('Page.getFrameTree');
    this.mainFrameId = frameTree.frame.id;
    this.frames.set(this.mainFrameId, { url: frameTree.frame.url });

    // Popups: every request not made by this page's own frames is refused before it leaves the browser, and any
    // window the page manages to open is closed at once. Page.windowOpen (in wire) records the attempt.
    await this.context.route('**/*', (route) => this.routeRequest(route));
    this.context.on('page', (popup) => {
      // A popup that has already gone needs no closing, so a failed close is of no consequence.
      if (popup !== this.page) void popup.close({ runBeforeUnload: false }).catch(() => undefined);
    });
    // Downloads: the context refuses them (acceptDownloads: false); record the attempt.
    this.page.on('download', (download) => {
      this.hub.emit('browser.download-blocked', { url: download.url(), filename: download.suggestedFilename() });
    });
  }

  private routeRequest(route: Route): Promise<void> {
    const request = route.request();
    let owner: Page | undefined;
    try {
      owner = request.frame().page();
    } catch {
      // No frame yet: a popup's first navigation, issued before its window exists; or a worker's own fetch.
      owner = undefined;
    }
    const fromThisPage = owner === this.page || (owner === undefined && !request.isNavigationRequest());
    return fromThisPage ? route.continue() : route.abort('blockedbyclient');
  }

  private frameKind(frameId: string | undefined): FrameKind {
    if (frameId === undefined || frameId === this.mainFrameId) return 'main';
    return this.frames.get(frameId)?.parentId === undefined ? 'main' : 'sub';
  }

  private frameUrl(frameId: string): string {
    return this.frames.get(frameId)?.url ?? (frameId === this.mainFrameId ? this.mainUrl : '');
  }

  /**
   * Records a page-initiated navigation the policy refuses; false when refused (or a javascript: URL, which is script).
   */
  private screenPageNavigation(frameId: string, url: string): boolean {
    if (/^\s*javascript:/i.test(url)) return false;
    const verdict = pageNavigationVerdict(url, this.frameKind(frameId));
    if (verdict.allowed) return true;
    if (this.firstSighting(`${frameId} ${url}`))
      this.hub.emit('browser.navigation-blocked', { url, reason: verdict.reason });
    return false;
  }

  private wire(): void {
    const s = this.session;
    s.on('Page.frameAttached', ({ frameId, parentFrameId }) => {
      this.frames.set(frameId, { parentId: parentFrameId, url: 'about:blank' });
    });
    s.on('Page.frameDetached', ({ frameId }) => {
      this.frames.delete(frameId);
      this.clientNavigations.delete(frameId);
      this.activity.forget(frameId);
    });
    s.on('Page.frameStartedLoading', ({ frameId }) => this.activity.startLoading(frameId));
    s.on('Page.frameStoppedLoading', ({ frameId }) => this.activity.stopLoading(frameId));
    s.on('Page.frameScheduledNavigation', ({ frameId, delay, url }) => {
      if (delay <= WAIT_FOR_SCHEDULED_S) this.activity.hold(frameId);
      else this.activity.touch();
      this.screenPageNavigation(frameId, url);
    });
    s.on('Page.frameClearedScheduledNavigation', ({ frameId }) => this.activity.release(frameId));
    s.on('Page.frameRequestedNavigation', ({ frameId, reason, url, disposition }) => {
      this.activity.touch();
      // New windows are recorded by Page.windowOpen and refused; downloads by the download event.
      if (disposition !== 'currentTab') return;
      if (!this.screenPageNavigation(frameId, url)) {
        this.clientNavigations.delete(frameId);
        return;
      }
      const how = clientRedirectHow(reason);
      if (how) this.clientNavigations.set(frameId, { how, from: this.frameUrl(frameId), to: url });
      else this.clientNavigations.delete(frameId);
    });
    s.on('Network.requestWillBeSent', (e) => {
      const url = e.request.url + (e.request.urlFragment ?? '');
      this.requests.set(e.requestId, { url, type: e.type ?? 'Other', frameId: e.frameId });
      if (e.type !== 'Document') return;
      this.activity.touch();
      if (e.redirectResponse) {
        this.hub.emit('browser.redirected', {
          from: e.redirectResponse.url,
          to: url,
          how: 'http',
          status: e.redirectResponse.status,
        });
        if (e.frameId) this.screenPageNavigation(e.frameId, url);
        return;
      }
      if (e.frameId) this.announceClientRedirect(e.frameId, url);
    });
    s.on('Network.responseReceived', (e) => {
      if (e.type === 'Document') this.docStatus.set(e.loaderId || e.requestId, e.response.status);
      this.documents.onResponse(e);
    });
    s.on('Network.loadingFinished', ({ requestId }) => this.requests.delete(requestId));
    s.on('Network.loadingFailed', (e) => {
      const request = this.requests.get(e.requestId);
      this.requests.delete(e.requestId);
      if (!request) return;
      const kind = loadFailureKind(e.errorText);
      const isDocument = request.type === 'Document';
      if (kind === 'certificate') {
        this.hub.emit('browser.certificate-error', { url: request.url, error: e.errorText });
      } else if (kind === 'failed' && isDocument) {
        this.hub.emit('browser.load-failed', { url: request.url, error: e.errorText });
      }
      if (kind !== 'ignore' && isDocument && this.frameKind(request.frameId) === 'main') this.mainUrl = request.url;
    });
    s.on('Page.frameNavigated', (e) => this.documents.onNavigated(e));
    s.on('Page.frameNavigated', ({ frame }) => {
      const url = frame.url + (frame.urlFragment ?? '');
      const kind: FrameKind = frame.parentId === undefined ? 'main' : 'sub';
      if (kind === 'main') this.mainFrameId = frame.id;
      this.frames.set(frame.id, { parentId: frame.parentId, url });
      this.activity.release(frame.id);
      const status = this.docStatus.get(frame.loaderId);
      this.docStatus.delete(frame.loaderId);
      if (isEngineErrorPage(url)) {
        if (kind === 'main') {
          this.onErrorPage = true;
          this.title = '';
        }
        return;
      }
      // A client navigation that needed no request (about:blank, blob:) is reported as it commits.
      this.announceClientRedirect(frame.id, url);
      if (kind === 'main') {
        this.mainUrl = url;
        this.title = '';
        this.onErrorPage = false;
        this.safe.newPage();
      }
      this.hub.emit('browser.navigated', { url, frame: kind, frameId: frame.id, status });
    });
    s.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
      this.activity.touch();
      const kind = this.frameKind(frameId);
      const info = this.frames.get(frameId);
      if (info) info.url = url;
      if (kind === 'main') this.mainUrl = url;
      this.hub.emit('browser.in-page', { url, frame: kind });
    });
    s.on('Page.windowOpen', ({ url }) => {
      this.hub.emit('browser.popup-blocked', { url, opener: this.mainUrl });
    });
    s.on('Runtime.bindingCalled', ({ name, payload }) => this.onBinding(name, payload));
    s.on('Fetch.requestPaused', (paused) => {
      if (this.safe.handle(paused)) return;
      const { requestId, request, frameId, responseStatusCode, responseHeaders } = paused;
      const status = responseStatusCode ?? 0;
      const location = responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
      let target: string | undefined;
      if (status >= 300 && status < 400 && location !== undefined) {
        try {
          target = new URL(location, request.url).href;
        } catch {
          target = undefined;
        }
      }
      const refused = target !== undefined && !pageNavigationVerdict(target, this.frameKind(frameId)).allowed;
      if (refused && target !== undefined) {
        this.hub.emit('browser.redirected', { from: request.url, to: target, how: 'http', status });
        this.screenPageNavigation(frameId, target);
      }
      // Aborted, like a stopped load: the page stays as it was, with no error page in its place.
      // The page may be gone by the time the answer arrives; then there is nothing left to continue or fail.
      void (
        refused
          ? this.send('Fetch.failRequest', { requestId, errorReason: 'Aborted' })
          : this.send('Fetch.continueRequest', { requestId })
      ).catch(() => undefined);
    });
  }

  private announceClientRedirect(frameId: string, url: string): void {
    const pending = this.clientNavigations.get(frameId);
    if (!pending) return;
    this.clientNavigations.delete(frameId);
    if (withoutFragment(pending.to) !== withoutFragment(url)) return;
    this.hub.emit('browser.redirected', { from: pending.from, to: url, how: pending.how });
  }

  private onBinding(name: string, payload: string): void {
    if (name === this.bindings.guard) {
      const report = parseGuardReport(payload);
      if (report) this.hub.emit('browser.navigation-blocked', guardBlocked(report));
      return;
    }
    if (name === this.bindings.title) {
      const report = parseTitleReport(payload);
      if (!report || this.onErrorPage || report.title === this.title) return;
      this.title = report.title;
      this.hub.emit('browser.title', { url: this.mainUrl, title: report.title });
    } else if (name === this.bindings.permission) {
      const report = parsePermissionReport(payload);
      if (report) this.hub.emit('browser.permission-denied', report);
    }
  }

  async navigate(url: string): Promise<void> {
    this.assertAlive();
    const verdict = requestedNavigationVerdict(url);
    if (!verdict.allowed) {
      if (verdict.reason === 'not an absolute URL') {
        throw new CodedError('INVALID_INPUT', `not an absolute URL: ${url}`);
      }
      this.hub.emit('browser.navigation-blocked', { url, reason: verdict.reason });
      throw new CodedError('NAVIGATION_BLOCKED', `not opened: ${verdict.reason}`);
    }
    this.activity.touch();
    await this.guarded(() => this.send('Page.navigate', { url }));
    await this.settle();
  }

  async back(): Promise<void> {
    if (await this.guarded(() => cdpHistoryStep(this.send, -1))) await this.settle();
  }

  async forward(): Promise<void> {
    if (await this.guarded(() => cdpHistoryStep(this.send, 1))) await this.settle();
  }

  async reload(): Promise<void> {
    await this.guarded(() => this.send('Page.reload', {}));
    await this.settle();
  }

  async stop(): Promise<void> {
    await this.guarded(() => this.send('Page.stopLoading'));
  }

  async click(selector: string): Promise<void> {
    this.assertAlive();
    if (selector.trim() === '') throw new CodedError('INVALID_INPUT', 'a selector is required');
    await this.guarded(() => cdpClick(this.send, selector, this.clickTimeoutMs, () => this.assertAlive()));
    await this.settle();
  }

  async capture(mode: CaptureMode): Promise<CaptureResult> {
    this.assertCaptureMode(mode);
    const url = this.mainUrl;
    const [png, title, page] = await this.guarded(() =>
      Promise.all([cdpScreenshot(this.send, mode), this.page.title(), this.documents.snapshot(this.send)]),
    );
    // guarded() has re-checked: a teardown that began while the engine rendered has already discarded this image.
    const { width, height } = readPngSize(png);
    return { png, width, height, url, title, page };
  }

  safeView(): SafeViewReport {
    this.assertAlive();
    return this.safe.report();
  }

  async reveal(url: string): Promise<void> {
    this.assertAlive();
    this.safe.reveal(url);
    await this.guarded(() => this.send('Page.reload', { ignoreCache: true }));
    await this.settle();
  }

  protected async destroy(reason: TeardownReason): Promise<void> {
    this.safe.end();
    // Requests still paused in the popup filter must not fail loudly, nor hold the page open, once it is going; the
    // filter's own end may race the page's and is of no consequence.
    void this.context.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined);
    try {
      // Off the screen first, as the Electron view is hidden first: closing the context closes its page at once and
      // destroys its in-memory storage partition (cache, storage, cookies) with it.
      await this.context.close();
    } catch (e) {
      // A Chromium that died took its page and its in-memory session with it: nothing is left to clear or close.
      if (this.context.browser()?.isConnected() !== false) throw e;
    } finally {
      this.hub.final({ reason });
    }
  }
}

export interface ChromiumEngine {
  /** A fresh evidence browser: its own in-memory context (like Electron's non-persist partition) and page. */
  open(options?: OpenOptions): Promise<EvidenceBrowser>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium once; each open() gives an isolated evidence browser on it. */
export async function startChromium(options: ChromiumOptions = {}): Promise<ChromiumEngine> {
  const engine = await launchHeadlessChromium(
    [...CHROMIUM_ARGS, ...SINGLE_PROCESS_PAGE_ARGS, ...(options.extraArgs ?? [])],
    options.executablePath ?? CHROMIUM_PATH,
  );
  const { browser } = engine;
  const browserSession = await browser.newBrowserCDPSession().catch(async (e: unknown) => {
    await engine.close();
    throw e;
  });
  const settle: SettleOptions = { ...DEFAULT_SETTLE, ...options.settle };
  const clickTimeoutMs = options.clickTimeoutMs ?? 5000;
  return {
    async open(openOptions: OpenOptions = {}) {
      const context = await browser.newContext({
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        acceptDownloads: false,
        permissions: [],
        ignoreHTTPSErrors: false,
      });
      try {
        const page = await context.newPage();
        const session = await context.newCDPSession(page);
        const adapter = new ChromiumEvidenceBrowser(
          context,
          page,
          session,
          settle,
          clickTimeoutMs,
          openOptions.safeView === true,
        );
        await adapter.init(browserSession);
        await options.watchPage?.(page);
        return adapter;
      } catch (e) {
        await context.close();
        throw e;
      }
    },
    close: () => engine.close(),
  };
}

/** One Chromium and one evidence browser on it; close() ends both. */
export async function launchChromiumBrowser(
  options: ChromiumOptions = {},
): Promise<{ browser: EvidenceBrowser; close(): Promise<void> }> {
  const engine = await startChromium(options);
  try {
    return { browser: await engine.open(), close: () => engine.close() };
  } catch (e) {
    await engine.close();
    throw e;
  }
}
